"""No answer from an empty memory while the conversation database is down.

Rasa 3.6 wraps every tracker store in ``FailSafeTrackerStore``: when the
database cannot be read it starts the conversation afresh, and when it cannot
be written it keeps the conversation in that one process's memory. During a
PostgreSQL outage a teacher in the middle of a conversation would get an
answer that has forgotten everything said before, and with several Rasa
processes the conversation would split. With this patch the failure reaches
the channel instead, which tells the teacher that something went wrong (with
112 and Veilig Thuis; ``bot.channels.handling``): nothing is answered without
its context, and nothing already stored is touched.

A connection that PostgreSQL dropped (a restart) is tried once more on a new
connection first (SQLAlchemy then has discarded the stale pool), so after a
restart the first message is answered normally. Only the kind of error is
logged, never its text (which may hold the conversation id or SQL parameters).

Applied through ``bot.rasa_patches.apply_all()``, only on Rasa 3.6.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Optional, Text

from bot import rasa_version

logger = logging.getLogger(__name__)


class TrackerStoreUnavailable(RuntimeError):
    """The conversation database could not be read or written."""


def _dropped_connection(error: Exception) -> bool:
    return bool(getattr(error, "connection_invalidated", False))


async def _with_one_reconnect(operation: Callable[[], Awaitable[Any]], what: str) -> Any:
    try:
        return await operation()
    except Exception as error:
        if _dropped_connection(error):
            try:
                return await operation()
            except Exception as second:
                error = second
        logger.error("tracker store unavailable while %s (%s)", what, type(error).__name__)
        raise TrackerStoreUnavailable(f"tracker store unavailable while {what}") from None


def apply() -> bool:
    """Installs the patch once per process; False (Rasa untouched) on another Rasa series."""
    if not rasa_version.check("bot.store_outage"):
        return False
    from rasa.core.tracker_store import FailSafeTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    if getattr(FailSafeTrackerStore, "_kernteamwijzer_no_silent_fallback", False):
        return True

    async def retrieve(self: FailSafeTrackerStore, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await _with_one_reconnect(lambda: self._tracker_store.retrieve(sender_id), "reading")

    async def retrieve_full_tracker(self: FailSafeTrackerStore, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await _with_one_reconnect(lambda: self._tracker_store.retrieve_full_tracker(sender_id), "reading")

    async def save(self: FailSafeTrackerStore, tracker: DialogueStateTracker) -> None:
        await _with_one_reconnect(lambda: self._tracker_store.save(tracker), "writing")

    FailSafeTrackerStore.retrieve = retrieve
    FailSafeTrackerStore.retrieve_full_tracker = retrieve_full_tracker
    FailSafeTrackerStore.save = save
    FailSafeTrackerStore._kernteamwijzer_no_silent_fallback = True
    return True
