"""The production set-up end to end: PostgreSQL, Redis, an action server, two
Rasa processes and nginx on loopback (bot.production.ProductionStack), started
once for this module.

- Scale-out: the turns of several conversations go alternately to both Rasa
  processes and through nginx; each conversation is stored complete and in
  order in PostgreSQL, without the personal data a teacher typed.
- One conversation, messages sent at the same moment to both processes: they
  are handled one at a time (the Redis lock store), nothing is lost.
- Faults: a Rasa process stopped and started again mid-conversation,
  PostgreSQL and Redis stopped and started again. Messages that arrive while a
  service is down get a clear answer, never an empty one; afterwards the
  processes carry on and nothing stored before is lost.
"""

from __future__ import annotations

import json
import shutil
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from bot.paths import logs_dir
from bot.production import ProductionStack
from production_services import service_folder
from support.rasa_server import trained_model
from support.tracker_db import PERSONAL_DATA, PERSONAL_MESSAGE

TURNS = ["hoi", "ik heb een vraag over verlof", "hoeveel dagen mag dat", "bedankt"]
SOMETHING_WENT_WRONG = "Er ging bij mij iets mis"


@pytest.fixture(scope="module")
def stack(production_services_installed):
    with service_folder("stack") as folder:
        production = ProductionStack.on_free_ports(folder, rasa_processes=2, model=trained_model())
        try:
            with production:
                yield production
        finally:
            shutil.rmtree(logs_dir() / "production-test", ignore_errors=True)
            shutil.copytree(production.logs, logs_dir() / "production-test", dirs_exist_ok=True)


def send(url: str, sender: str, message: str) -> requests.Response:
    return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=120)


def replies(url: str, sender: str, message: str) -> list[dict[str, Any]]:
    answer = send(url, sender, message)
    assert answer.status_code == 200, answer.text
    assert answer.json(), f"empty answer to a well-formed message from {url}"
    assert SOMETHING_WENT_WRONG not in answer.text, f"{url} could not handle the message"
    return answer.json()


def stored_events(stack: ProductionStack, sender: str) -> list[dict[str, Any]]:
    engine = sa.create_engine(stack.database.url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"),
                                      {"sender": sender}).scalars().all()
    finally:
        engine.dispose()
    return [json.loads(row) for row in rows]


def assert_complete_and_in_order(events: list[dict[str, Any]], sent: list[str]) -> None:
    """Every message stored once, in the order sent, each answered by the bot
    before the next message was read (no two messages handled at once)."""
    users = [index for index, event in enumerate(events) if event["event"] == "user"]
    assert len(users) == len(sent), [event["event"] for event in events]
    for position, (start, end) in enumerate(zip(users, users[1:] + [len(events)])):
        handled = [event["event"] for event in events[start + 1:end]]
        assert "bot" in handled, f"message {position + 1} has no reply before the next one: {handled}"
        assert handled[-1] == "action" and events[end - 1]["name"] == "action_listen", handled
    texts = [events[index]["text"] for index in users]
    for text, message in zip(texts, sent):
        if message != PERSONAL_MESSAGE:
            assert text == message


def test_conversations_spread_over_both_processes_are_stored_complete_and_in_order(stack):
    targets = [*stack.rasa_urls, stack.url]  # process 1, process 2, nginx
    conversations = {f"schaal-{uuid.uuid4().hex[:8]}-{number}": [*TURNS[:2], PERSONAL_MESSAGE, *TURNS[2:]]
                     for number in range(4)}
    with ThreadPoolExecutor(max_workers=len(conversations)) as pool:
        for turn in range(len(TURNS) + 1):  # one turn of every conversation at a time, in parallel
            list(pool.map(lambda item: replies(targets[(turn + item[0]) % len(targets)], item[1][0],
                                               item[1][1][turn]),
                          enumerate(conversations.items())))
    for sender, sent in conversations.items():
        events = stored_events(stack, sender)
        assert_complete_and_in_order(events, sent)
        stored = json.dumps(events, ensure_ascii=False)
        assert not [piece for piece in PERSONAL_DATA if piece in stored]


def test_messages_of_one_conversation_sent_at_once_to_both_processes_are_handled_one_at_a_time(stack):
    sender = f"tegelijk-{uuid.uuid4().hex[:8]}"
    replies(stack.rasa_urls[0], sender, "hoi")
    messages = ["ik heb een vraag over verlof", "hoeveel dagen mag dat", "wie is de leerplichtambtenaar in haarlem",
                "bedankt", "ik heb een vraag over verzuim", "hoi"]
    start = threading.Barrier(len(messages))

    def at_once(index: int) -> list[dict[str, Any]]:
        start.wait()
        return replies(stack.rasa_urls[index % 2], sender, messages[index])

    with ThreadPoolExecutor(max_workers=len(messages)) as pool:
        list(pool.map(at_once, range(len(messages))))
    events = stored_events(stack, sender)
    stored_texts = [event["text"] for event in events if event["event"] == "user"]
    assert stored_texts[0] == "hoi" and sorted(stored_texts[1:]) == sorted(messages)
    assert_complete_and_in_order(events, stored_texts)


# -- faults ---------------------------------------------------------------------------
RESTARTED = f"herstart-{uuid.uuid4().hex[:8]}"


def test_a_stopped_rasa_process_is_replaced_by_the_other_mid_conversation(stack):
    replies(stack.rasa_urls[0], RESTARTED, TURNS[0])
    replies(stack.rasa_urls[0], RESTARTED, TURNS[1])
    stack.stop_rasa(0)
    replies(stack.url, RESTARTED, TURNS[2])  # nginx passes it to the process that runs
    assert_complete_and_in_order(stored_events(stack, RESTARTED), TURNS[:3])
    stack.start_rasa(0, wait=False)  # loads its model while the next tests run


def test_postgresql_down_gives_a_clear_answer_and_restarted_it_is_used_again(stack):
    sender = f"database-{uuid.uuid4().hex[:8]}"
    replies(stack.rasa_urls[1], sender, TURNS[0])
    before = stored_events(stack, sender)
    stack.postgres.stop()
    try:
        answer = send(stack.rasa_urls[1], sender, TURNS[1])
        assert answer.status_code >= 500 or SOMETHING_WENT_WRONG in answer.text, answer.text
    finally:
        stack.postgres.start()
    replies(stack.rasa_urls[1], sender, TURNS[2])
    events = stored_events(stack, sender)
    assert events[:len(before)] == before
    assert_complete_and_in_order(events, [TURNS[0], TURNS[2]])


def test_redis_down_gives_a_clear_answer_and_restarted_it_is_used_again(stack):
    sender = f"redis-{uuid.uuid4().hex[:8]}"
    replies(stack.url, sender, TURNS[0])
    stack.redis.stop()
    try:
        answer = send(stack.url, sender, TURNS[1])
        assert answer.status_code >= 500 or SOMETHING_WENT_WRONG in answer.text, answer.text
    finally:
        stack.redis.start()
    replies(stack.url, sender, TURNS[2])
    assert_complete_and_in_order(stored_events(stack, sender), [TURNS[0], TURNS[2]])


def test_the_restarted_rasa_process_continues_the_conversation_where_it_was(stack):
    stack.wait_for_rasa(0)
    replies(stack.rasa_urls[0], RESTARTED, TURNS[3])
    assert_complete_and_in_order(stored_events(stack, RESTARTED), TURNS)
