"""The redacting tracker store keeps recent conversations in memory as bounded
working trackers, appends only new events and stays correct when several
store instances (Rasa processes) share one database."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from store_turns import DOMAIN, session_start, turn

from bot.tracker_cache import WORKING_TURNS, TrackerCache
from bot.tracker_store import RedactingSQLTrackerStore


def fake_redact(text: str) -> str:
    return text.replace("Sanne", "[PERSOON-1]")


class RecordingBroker:
    def __init__(self):
        self.published = []

    def publish(self, event):
        self.published.append(event)


def store(database, **kwargs) -> RedactingSQLTrackerStore:
    return RedactingSQLTrackerStore(domain=DOMAIN, redact=fake_redact, dialect="sqlite", db=str(database), **kwargs)


def stored_rows(database, sender="teacher"):
    with sqlite3.connect(database) as connection:
        return [json.loads(data) for (data,) in
                connection.execute("select data from events where sender_id = ? order by id", (sender,))]


def run(coroutine):
    return asyncio.run(coroutine)


async def handle_turn(tracker_store, number, sender="teacher", text=None):
    """What Rasa's processor does per message: retrieve (or create), add the
    turn's events, save."""
    tracker = await tracker_store.get_or_create_tracker(sender, append_action_listen=False)
    if not tracker.events:
        tracker.update_with_events(session_start(), DOMAIN)
    tracker.update_with_events(turn(number, text), DOMAIN)
    await tracker_store.save(tracker)
    return tracker


def store_after_turns(database, last_turn, **kwargs) -> RedactingSQLTrackerStore:
    """A store that has handled turns 1..``last_turn`` of "teacher"."""
    tracker_store = store(database, **kwargs)
    for number in range(1, last_turn + 1):
        run(handle_turn(tracker_store, number))
    return tracker_store


def user_texts(rows):
    return [row["text"] for row in rows if row["event"] == "user"]


def texts(tracker):
    return [event.text for event in tracker.events if isinstance(event, UserUttered)]


def test_every_event_is_stored_once_and_in_order(tmp_path):
    database = tmp_path / "t.db"
    store_after_turns(database, 30)
    assert user_texts(stored_rows(database)) == [f"vraag {n}" for n in range(1, 31)]


def test_the_working_tracker_is_bounded_and_keeps_the_state(tmp_path):
    database = tmp_path / "t.db"
    one = store(database)
    for number in range(1, 61):
        full = run(handle_turn(one, number))
    working = run(one.retrieve("teacher"))
    user_messages = [event for event in working.events if isinstance(event, UserUttered)]
    assert WORKING_TURNS <= len(user_messages) <= 2 * WORKING_TURNS
    assert user_messages[-1].text == "vraag 60"
    # slots set long ago (topic in turn 4), the latest gemeente and the active form
    assert working.current_slot_values() == full.current_slot_values()
    assert working.get_slot("topic") == "veiligheid" and working.get_slot("gemeente") == "plaats-60"
    assert working.active_loop_name == "veiligheid_form"
    # what the policies see (max_history 5 in config.yml) is the same
    assert working.past_states(DOMAIN)[-5:] == full.past_states(DOMAIN)[-5:]
    # the full history stays in the database
    assert len(user_texts(stored_rows(database))) == 60
    full_from_db = run(one.retrieve_full_tracker("teacher"))
    assert len([e for e in full_from_db.events if isinstance(e, UserUttered)]) == 60


def test_user_text_is_redacted_once_in_the_database_and_in_the_cache(tmp_path):
    database = tmp_path / "t.db"
    calls = []

    def counting_redact(text):
        calls.append(text)
        return fake_redact(text)

    one = RedactingSQLTrackerStore(domain=DOMAIN, redact=counting_redact, dialect="sqlite", db=str(database))
    run(handle_turn(one, 1, text="Sanne is bang om naar huis te gaan"))
    for number in range(2, 6):
        run(handle_turn(one, number))
    assert len(calls) == 5  # each user message once, never again on later turns
    rows = stored_rows(database)
    assert "Sanne" not in json.dumps(rows)
    assert user_texts(rows)[0] == "[PERSOON-1] is bang om naar huis te gaan"
    cached = run(one.retrieve("teacher"))
    assert "Sanne" not in json.dumps([event.as_dict() for event in cached.events])


def test_a_second_store_on_the_same_database_sees_and_continues_the_conversation(tmp_path):
    database = tmp_path / "t.db"
    first, second = store(database), store(database)
    for number in range(1, 4):
        run(handle_turn(first, number))
    run(handle_turn(second, 4))            # the next message lands on the other process
    run(handle_turn(first, 5))             # and the one after that on the first again
    run(handle_turn(second, 6))
    assert user_texts(stored_rows(database)) == [f"vraag {n}" for n in range(1, 7)]
    for tracker_store in (first, second):
        tracker = run(tracker_store.retrieve("teacher"))
        assert texts(tracker) == [f"vraag {n}" for n in range(1, 7)]
        assert tracker.get_slot("topic") == "veiligheid" and tracker.get_slot("gemeente") == "plaats-6"


def test_a_long_conversation_alternating_between_two_stores(tmp_path):
    database = tmp_path / "t.db"
    stores = [store(database), store(database)]
    for number in range(1, 51):
        run(handle_turn(stores[number % 2], number))
    assert user_texts(stored_rows(database)) == [f"vraag {n}" for n in range(1, 51)]
    expected = run(store(database).retrieve("teacher"))  # a cold store loads from the database
    for tracker_store in stores:
        tracker = run(tracker_store.retrieve("teacher"))
        assert tracker.current_slot_values() == expected.current_slot_values()
        assert tracker.past_states(DOMAIN)[-5:] == expected.past_states(DOMAIN)[-5:]


def test_a_write_the_cache_did_not_expect_drops_the_entry(tmp_path):
    database = tmp_path / "t.db"
    first, second = store(database), store(database)
    run(handle_turn(first, 1))
    run(handle_turn(first, 2))
    stale = run(first.retrieve("teacher"))
    run(handle_turn(second, 3))  # without a lock store: another process writes in between
    stale.update_with_events(turn(4), DOMAIN)
    run(first.save(stale))
    assert user_texts(stored_rows(database)) == ["vraag 1", "vraag 2", "vraag 3", "vraag 4"]
    fresh = run(first.retrieve("teacher"))
    assert texts(fresh) == ["vraag 1", "vraag 2", "vraag 3", "vraag 4"]


def test_a_new_session_is_retrieved_alone(tmp_path):
    one = store_after_turns(tmp_path / "t.db", 3)
    tracker = run(one.retrieve("teacher"))
    tracker.update_with_events(session_start() + turn(4), DOMAIN)
    run(one.save(tracker))
    latest = run(one.retrieve("teacher"))
    assert texts(latest) == ["vraag 4"]
    assert latest.get_slot("topic") == "veiligheid"  # set in turn 4 of the new session


def test_a_conversation_deleted_from_the_database_is_gone(tmp_path):
    database = tmp_path / "t.db"
    one = store(database)
    run(handle_turn(one, 1))
    with sqlite3.connect(database) as connection:
        connection.execute("delete from events")
    assert run(one.retrieve("teacher")) is None


def test_a_tracker_the_store_did_not_hand_out_is_stored_as_rasa_does(tmp_path):
    database = tmp_path / "t.db"
    one = store(database)
    tracker = DialogueStateTracker.from_events("teacher", session_start() + turn(1), DOMAIN.slots)
    run(one.save(tracker))
    tracker.update_with_events(turn(2), DOMAIN)
    run(one.save(tracker))
    run(one.save(tracker))  # nothing new: nothing written
    assert user_texts(stored_rows(database)) == ["vraag 1", "vraag 2"]


def test_the_event_broker_gets_each_new_event_once(tmp_path):
    broker = RecordingBroker()
    one = RedactingSQLTrackerStore(domain=DOMAIN, redact=fake_redact, dialect="sqlite",
                                   db=str(tmp_path / "t.db"), event_broker=broker)
    for number in range(1, 4):
        run(handle_turn(one, number))
    texts = [event["text"] for event in broker.published if event["event"] == "user"]
    assert texts == ["vraag 1", "vraag 2", "vraag 3"]
    assert all(event["sender_id"] == "teacher" for event in broker.published)


def test_the_cache_holds_at_most_the_configured_number_of_conversations(tmp_path):
    database = tmp_path / "t.db"
    one = store(database, max_cached_conversations=2)
    for sender in ("a", "b", "c"):
        run(handle_turn(one, 1, sender=sender))
        run(handle_turn(one, 2, sender=sender))
    assert len(one._cache) == 2
    assert all(texts(run(one.retrieve(sender))) == ["vraag 1", "vraag 2"] for sender in ("a", "b", "c"))


@pytest.mark.parametrize("size", [0, 1])
def test_lru_order(size):
    cache = TrackerCache(size)
    cache.put("a", object())
    cache.put("b", object())
    assert len(cache) == size
    assert (cache.get("b") is not None) == (size == 1)


def test_slots_reset_to_their_initial_value_stay_reset(tmp_path):
    one = store_after_turns(tmp_path / "t.db", 4)
    tracker = run(one.retrieve("teacher"))
    tracker.update(SlotSet("topic", None))
    run(one.save(tracker))
    for number in range(5, 40):
        full = run(handle_turn(one, number))
    working = run(one.retrieve("teacher"))
    assert working.get_slot("topic") is None
    assert working.past_states(DOMAIN)[-5:] == full.past_states(DOMAIN)[-5:]
