"""Bad input through the running REST channel: never a 5xx, never an empty
answer to a well-formed request, never raw user text in a log."""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from support.rasa_server import running_assistant

MARK = "zzqmarkeer"  # a word that occurs only in what the tests type


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("rest-bad-input")) as running:
        yield running


def post(assistant, body, content_type="application/json"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(f"{assistant.url}/webhooks/rest/webhook", data=data,
                         headers={"Content-Type": content_type}, timeout=60)


def say(assistant, message):
    response = post(assistant, {"sender": uuid.uuid4().hex, "message": message})
    assert response.status_code == 200, response.text
    replies = response.json()
    assert replies and all(reply.get("text") or reply.get("buttons") for reply in replies), replies
    return replies


def all_text(replies):
    return "\n".join(reply.get("text") or "" for reply in replies)


@pytest.mark.parametrize("message", [
    "",
    "   \n\t  ",
    "\x00\x01\x02",
    "😀😀😀",
    f"<script>alert('{MARK}')</script>",
    f"'; DROP TABLE events; -- {MARK}",
    f"Robert'); DELETE FROM events WHERE ('{MARK}' = '",
    f"wie betaalt een iq onderzoek {MARK}\x07\x1b[31m",
    f"Wie kann ich {MARK} helfen? Ich habe eine Frage zum Urlaub.",
    f"How do I request leave for a pupil {MARK}?",
    "?",
    "....",
    "1234567890",
])
def test_odd_messages_get_a_real_answer(assistant, message):
    say(assistant, message)


def test_an_empty_message_gets_the_help_menu(assistant):
    replies = say(assistant, "  ")
    assert any(reply.get("buttons") for reply in replies)


def test_a_very_long_message_asks_for_a_shorter_question(assistant):
    replies = say(assistant, f"ik heb een vraag over een leerling {MARK}. " * 25_000)  # ~1 MB
    assert "korter" in all_text(replies)


def test_danger_in_a_very_long_story_gets_112_first(assistant):
    story = f"ik wil je iets vertellen over een leerling {MARK}. " * 100 + "ze zegt dat haar vader haar vanavond dood slaat"
    replies = say(assistant, story)
    assert "112" in replies[0]["text"]
    assert "korter" in all_text(replies)


@pytest.mark.parametrize("body, content_type", [
    (b"{not json", "application/json"),
    (b"", "application/json"),
    ("sender=a&message=hoi", "application/x-www-form-urlencoded"),
    (b"\xff\xfe\x00", "application/octet-stream"),
    ({"message": f"hoi {MARK}"}, "application/json"),
    ({"sender": "", "message": "hoi"}, "application/json"),
    ({"sender": 5, "message": "hoi"}, "application/json"),
    ({"sender": ["a"], "message": "hoi"}, "application/json"),
    ({"sender": "a"}, "application/json"),
    ({"sender": "a", "message": 42}, "application/json"),
    ({"sender": "a", "message": {"text": "hoi"}}, "application/json"),
    ([{"sender": "a", "message": "hoi"}], "application/json"),
    ("null", "application/json"),
])
def test_malformed_requests_get_400_with_a_dutch_explanation(assistant, body, content_type):
    response = post(assistant, body, content_type)
    assert response.status_code == 400, response.text
    assert "verzoek" in response.json()["error"]


def test_no_shared_default_conversation(assistant):
    first = post(assistant, {"message": "ik wil verlof aanvragen"})
    second = post(assistant, {"message": "ja"})
    assert first.status_code == second.status_code == 400


def test_the_logs_hold_no_user_text(assistant):
    say(assistant, f"bericht met {MARK} en een fout {{\"\\u0000")
    assert MARK not in assistant.logs()


PERSONAL = ("het gaat om daan hoogendijk uit groep 4, bsn 123456782, moeder belt vanaf 06-12345678 "
            "of mail daan.hoogendijk@example.nl, ze wonen op de kerkstraat 12 in haarlem, en sanne komt vaak zonder eten")


def test_personal_data_never_reaches_the_database(assistant):
    import sqlite3

    sender = uuid.uuid4().hex
    response = post(assistant, {"sender": sender, "message": PERSONAL})
    assert response.status_code == 200
    assert "namen" in all_text(response.json()).lower()  # told once that names are not needed
    second = post(assistant, {"sender": sender, "message": "en nog iets over daan"})
    assert "niet nodig" not in all_text(second.json())
    with sqlite3.connect(assistant.tracker_db) as connection:
        stored = "\n".join(str(row) for row in connection.execute("select * from events")).lower()
    assert sender in stored
    for fragment in ("daan", "hoogendijk", "sanne", "123456782", "12345678", "example.nl", "kerkstraat"):
        assert fragment not in stored, fragment
    with sqlite3.connect(assistant.usage_db) as connection:
        usage = "\n".join(str(row) for row in connection.execute("select * from usage_conversations")).lower()
    assert sender not in usage and "daan" not in usage


def test_make_usage_counts_the_conversations_just_held(assistant, tmp_path, capsys):
    """Five verlof conversations through the real assistant show up in `make usage`."""
    from bot.usage.__main__ import main as usage_main
    from bot.usage.report import iso_week, week_table
    from bot.usage.store import UsageStore

    url = f"sqlite:///{assistant.usage_db}"

    def verlof_this_week() -> int:
        table = week_table(UsageStore(url).rows())
        return sum(count for (week, column), count in table.counts.items() if column == "verlof")

    before = verlof_this_week()
    for _ in range(5):
        say(assistant, "ouders willen verlof aanvragen voor een bruiloft van de oom")
    after = verlof_this_week()
    assert after == before + 5
    assert usage_main(["--url", url, "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "verlof" in printed.splitlines()[0] and (tmp_path / "usage.png").exists()
    rows = list(UsageStore(url).rows())
    assert any("verlof" in row.topics and row.channel == "rest" for row in rows)
    assert iso_week(rows[-1]).startswith("20")
