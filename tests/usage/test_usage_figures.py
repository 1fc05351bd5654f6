"""Anonymous usage figures: what the broker records from Rasa's events, what the
report shows, and that no text or id reaches the usage store."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from bot.usage.__main__ import main as usage_main
from bot.usage.broker import UsageEventBroker
from bot.usage.record import MESSAGE_NAME_KEY
from bot.usage.report import format_table, shown, week_table
from bot.usage.store import UsageStore

MONDAY = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone.utc).timestamp()
PERSONAL = "daan hoogendijk uit groep 4, bsn 123456782, 06-12345678, daan@example.nl, Kerkstraat 12 Haarlem"


def published(sender: str, event, when: float = MONDAY) -> dict:
    """An event as Rasa's tracker store publishes it to the broker."""
    event.timestamp = when
    return {"sender_id": sender, **event.as_dict()}


def conversation(sender: str, topic: str | None, named_people: bool, fallback: bool,
                 channel: str = "rest", when: float = MONDAY) -> list[dict]:
    intent = "nlu_fallback" if fallback else "ask_verlof"
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered(PERSONAL, intent={"name": intent, "confidence": 0.9},
                    entities=[{"entity": "gemeente", "value": "haarlem"}], input_channel=channel),
    ]
    if topic:
        events.append(SlotSet("topic", topic))
    if named_people:
        events.append(BotUttered("Praat erover met je CJG-coach, " + PERSONAL,
                                 metadata={MESSAGE_NAME_KEY: "people_to_talk_to"}))
    events.append(ActionExecuted("utter_not_understood" if fallback else "action_explain_verlof"))
    return [published(sender, event, when) for event in events]


@pytest.fixture
def store_url(tmp_path):
    return f"sqlite:///{tmp_path / 'usage.db'}"


def feed(url: str, *conversations: list[dict]) -> None:
    broker = UsageEventBroker(url)
    for events in conversations:
        for event in events:
            broker.publish(event)
    asyncio.run(broker.close())


def test_one_row_per_conversation_with_only_the_recorded_facts(store_url):
    feed(store_url, conversation("teacher-a", "verlof", True, False),
         conversation("teacher-b", None, False, True, channel="slack"))
    rows = sorted(UsageStore(store_url).rows(), key=lambda row: row.channel)
    assert [(r.day, r.channel, r.topics, r.named_people, r.ended_in_fallback) for r in rows] == [
        (dt.date(2026, 11, 23), "rest", ("verlof",), True, False),
        (dt.date(2026, 11, 23), "slack", (), False, True),
    ]


def test_no_text_entity_or_sender_id_reaches_the_usage_store(store_url, tmp_path):
    feed(store_url, conversation("teacher-secret-id", "veiligheid", True, False))
    dump = "\n".join(sqlite3.connect(tmp_path / "usage.db").iterdump()).lower()
    for fragment in ("daan", "hoogendijk", "123456782", "06-12345678", "example.nl", "kerkstraat",
                     "haarlem", "teacher-secret-id", "cjg-coach", "groep 4"):
        assert fragment not in dump, fragment
    assert "veiligheid" in dump


def test_a_new_session_of_the_same_sender_is_a_new_conversation(store_url):
    feed(store_url, conversation("same", "verlof", False, False) + conversation("same", "verzuim", False, False))
    assert sorted(row.topics for row in UsageStore(store_url).rows()) == [("verlof",), ("verzuim",)]


def test_a_later_answer_updates_the_same_row(store_url):
    first = conversation("teacher", "verlof", False, False)
    later = [published("teacher", SlotSet("topic", "kernteampartner")),
             published("teacher", BotUttered("…", metadata={MESSAGE_NAME_KEY: "people_to_talk_to"}))]
    feed(store_url, first + later)
    (row,) = UsageStore(store_url).rows()
    assert set(row.topics) == {"verlof", "kernteampartner"} and row.named_people


def test_unknown_channels_are_grouped(store_url):
    feed(store_url, conversation("x", "verlof", False, False, channel="my.custom.Channel"))
    assert [row.channel for row in UsageStore(store_url).rows()] == ["overig"]


def test_a_broken_event_never_breaks_the_conversation(store_url):
    broker = UsageEventBroker(store_url)
    broker.publish({"sender_id": "x", "event": "user", "parse_data": "not a dict"})
    broker.publish({"event": "user"})
    asyncio.run(broker.close())


def test_small_counts_are_hidden():
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_make_usage_prints_the_week_table_and_writes_csv_and_chart(store_url, tmp_path, capsys):
    week_47 = dt.datetime(2026, 11, 17, 10, tzinfo=dt.timezone.utc).timestamp()
    conversations = [conversation(f"v{i}", "verlof", True, False) for i in range(6)]
    conversations += [conversation(f"z{i}", "verzuim", False, False) for i in range(2)]
    conversations += [conversation(f"o{i}", None, False, True, when=week_47) for i in range(5)]
    feed(store_url, *conversations)
    out = tmp_path / "out"
    assert usage_main(["--url", store_url, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in printed.splitlines() if line.startswith("2026-W")}
    table = week_table(UsageStore(store_url).rows())
    columns = ("week", *table.columns)
    week_48 = dict(zip(columns, lines["2026-W48"]))
    assert week_48["verlof"] == "6" and week_48["verzuim"] == "<5" and week_48["gesprekken"] == "8"
    week_47_row = dict(zip(columns, lines["2026-W47"]))
    assert week_47_row["gesprekken"] == "5" and week_47_row["verlof"] == "0"
    csv_text = (out / "usage.csv").read_text(encoding="utf-8")
    assert "2026-W48" in csv_text and "<5" in csv_text
    assert (out / "usage.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert format_table(table).splitlines()[0].startswith("week")
