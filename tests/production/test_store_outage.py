"""While the conversation database is down, Rasa's FailSafeTrackerStore must not
answer from an empty memory (bot.store_outage)."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy.exc
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import store_outage


class FlakyStore(InMemoryTrackerStore):
    """An in-memory store whose next ``failures`` operations raise ``error``."""

    def __init__(self, error: Exception, failures: int) -> None:
        super().__init__(Domain.empty())
        self.error, self.failures = error, failures

    def _maybe_fail(self) -> None:
        if self.failures:
            self.failures -= 1
            raise self.error

    async def retrieve(self, sender_id):
        self._maybe_fail()
        return await super().retrieve(sender_id)

    async def save(self, tracker):
        self._maybe_fail()
        await super().save(tracker)


def database_down() -> Exception:
    return sqlalchemy.exc.OperationalError("SELECT … WHERE sender_id = 'geheim'", {}, ConnectionRefusedError())


def dropped_connection() -> Exception:
    error = sqlalchemy.exc.OperationalError("SELECT 1", {}, ConnectionResetError())
    error.connection_invalidated = True
    return error


@pytest.fixture(autouse=True)
def patched():
    assert store_outage.apply()


def tracker() -> DialogueStateTracker:
    return DialogueStateTracker.from_events("leraar", [UserUttered("hoi")])


def test_a_database_that_is_down_is_an_error_not_a_new_conversation(caplog):
    store = FailSafeTrackerStore(FlakyStore(database_down(), failures=2))
    with pytest.raises(store_outage.TrackerStoreUnavailable):
        asyncio.run(store.retrieve("leraar"))
    with pytest.raises(store_outage.TrackerStoreUnavailable):
        asyncio.run(store.save(tracker()))
    assert "geheim" not in caplog.text and "OperationalError" in caplog.text


def test_nothing_is_kept_in_memory_when_saving_fails():
    primary = FlakyStore(database_down(), failures=1)
    store = FailSafeTrackerStore(primary)
    with pytest.raises(store_outage.TrackerStoreUnavailable):
        asyncio.run(store.save(tracker()))
    assert asyncio.run(store.retrieve("leraar")) is None
    assert store._fallback_tracker_store is None


def test_a_dropped_connection_is_tried_once_more():
    store = FailSafeTrackerStore(FlakyStore(dropped_connection(), failures=1))
    asyncio.run(store.save(tracker()))
    store._tracker_store.failures = 1
    assert asyncio.run(store.retrieve("leraar")).latest_message.text == "hoi"
