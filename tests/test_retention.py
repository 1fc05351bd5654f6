"""Conversations older than the retention period are deleted from the tracker store."""

import asyncio
import time

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import cli
from bot.retention import forget_old_conversations, retention_days, tracker_store_url
from bot.tracker_store import RedactingSQLTrackerStore

DAY = 24 * 60 * 60


def store_conversations(database, now):
    store = RedactingSQLTrackerStore(domain=Domain.empty(), redact=lambda text: text, dialect="sqlite", db=str(database))

    async def save(sender, age_days):
        events = [ActionExecuted("action_listen", timestamp=now - age_days * DAY),
                  UserUttered("hoi", intent={"name": "greet"}, timestamp=now - age_days * DAY)]
        await store.save(DialogueStateTracker.from_events(sender, events))

    async def save_all():
        await save("old", 45)
        await save("recent", 3)
        await save("long", 40)
        tracker = await store.retrieve("long")
        tracker.update(UserUttered("nog een vraag", intent={"name": "greet"}, timestamp=now - DAY))
        await store.save(tracker)

    asyncio.run(save_all())


def senders(url):
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("select sender_id, timestamp from events")).all()
    engine.dispose()
    return rows


def test_events_older_than_the_period_are_deleted(tmp_path):
    database = tmp_path / "tracker.db"
    now = time.time()
    store_conversations(database, now)
    url = f"sqlite:///{database}"
    forgotten = forget_old_conversations(url, 30, now=now)
    rows = senders(url)
    assert {sender for sender, _ in rows} == {"recent", "long"}
    assert all(timestamp >= now - 30 * DAY for _, timestamp in rows)
    assert forgotten.conversations == 1 and forgotten.events == 4


def test_an_empty_database_is_fine(tmp_path):
    assert forget_old_conversations(f"sqlite:///{tmp_path / 'leeg.db'}", 30).events == 0


def test_retention_setting(monkeypatch):
    monkeypatch.delenv("KERNTEAMWIJZER_RETENTION_DAYS", raising=False)
    assert retention_days() == 30
    monkeypatch.setenv("KERNTEAMWIJZER_RETENTION_DAYS", "7")
    assert retention_days() == 7
    monkeypatch.setenv("KERNTEAMWIJZER_RETENTION_DAYS", "nooit")
    assert retention_days() == 30


def test_url_from_endpoints(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: bot.tracker_store.RedactingSQLTrackerStore\n"
                         "  dialect: sqlite\n  db: " + str(tmp_path / "x.db") + "\n", encoding="utf-8")
    assert tracker_store_url(endpoints) == f"sqlite:///{tmp_path / 'x.db'}"


def test_cli_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("bot.retention.tracker_store_url", lambda: f"sqlite:///{tmp_path / 'cli.db'}")
    assert cli.main(["forget-old-conversations", "--days", "10"]) == 0
    assert "bewaartermijn 10 dagen" in capsys.readouterr().out
