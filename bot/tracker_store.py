"""SQL tracker store that never writes personal data typed by a user, and
whose cost per turn does not grow with the conversation."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any, Callable, Collection, Iterable, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot import rasa_patches, rasa_version
from bot.privacy.events import FREE_TEXT_SLOTS, redact_event
from bot.privacy.redaction import redact as deduce_redact
from bot.privacy.redaction import warm_up
from bot.tracker_cache import DEFAULT_MAX_CONVERSATIONS, CachedConversation, TrackerCache, starts_new_session

_MARK = "_kernteamwijzer_stored"


@dataclass(frozen=True)
class _StoredMark:
    """Set on a tracker this store handed out or saved: how many of its events
    are stored, and which cache version it was built from (None: not cached)."""

    store: int
    length: int
    version: Optional[int]


class RedactingSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` (SQLite by default, PostgreSQL in production) that

    * de-identifies user messages and the values of the free-text slots
      (``FREE_TEXT_SLOTS``, an explicit list) before they are stored, each
      event once, when it is first stored;
    * keeps recent conversations in memory (``bot.tracker_cache``, at most
      ``max_cached_conversations``) and hands Rasa a bounded working tracker
      (state snapshot + the last turns) instead of the whole session;
    * appends only the new events of a turn.

    Before a cached conversation is used, the newest stored event id of that
    sender is compared with the cached one (one indexed query): when another
    Rasa process on the same database handled a turn in between, only its new
    events are loaded. The lock store serialises the turns of a conversation,
    across processes with a Redis lock store.
    """

    def __init__(
        self,
        domain: Optional[Domain] = None,
        redact: Callable[[str], str] = deduce_redact,
        free_text_slots: Collection[str] = FREE_TEXT_SLOTS,
        max_cached_conversations: int = DEFAULT_MAX_CONVERSATIONS,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, **kwargs)
        rasa_version.check("bot.tracker_store.RedactingSQLTrackerStore")
        # The Rasa server creates its tracker store once, at start-up: the one place
        # where the project's patches are applied (see bot/rasa_patches.py).
        rasa_patches.apply_all()
        self._redact = redact
        self._free_text_slots = frozenset(free_text_slots)
        self._cache = TrackerCache(max_cached_conversations)
        if redact is deduce_redact:
            warm_up()  # load deduce now, not on the first user message

    # -- reading ------------------------------------------------------------------------

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The working tracker of the latest session: the cached one when the
        database has nothing newer, else brought up to date from the database."""
        with self.session_scope() as session:
            entry = self._current_entry(session, sender_id)
        if entry is None:
            return None
        tracker = entry.working_tracker(sender_id, self.domain.slots, self.max_event_history)
        self._mark(tracker, entry.version)
        return tracker

    def _current_entry(self, session: Any, sender_id: str) -> Optional[CachedConversation]:
        newest = self._newest_event_id(session, sender_id)
        entry = self._cache.get(sender_id)
        if newest is None:
            self._cache.drop(sender_id)
            return None
        if entry is not None and newest != entry.last_event_id:
            entry = self._caught_up(session, sender_id, entry) if newest > entry.last_event_id else None
        if entry is None:
            entry = self._loaded(session, sender_id)
        if entry is None:
            self._cache.drop(sender_id)
        else:
            self._cache.put(sender_id, entry)
        return entry

    def _caught_up(self, session: Any, sender_id: str, entry: CachedConversation) -> Optional[CachedConversation]:
        """``entry`` with the events another process stored since; None when
        those start a new session (then the latest session is loaded anew)."""
        rows = (
            session.query(self.SQLEvent)
            .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id > entry.last_event_id)
            .order_by(self.SQLEvent.id)
            .all()
        )
        events = self._deserialised(rows)
        if starts_new_session(events):
            return None
        entry.extend(events, max(row.id for row in rows), self.domain.slots)
        return entry

    def _loaded(self, session: Any, sender_id: str) -> Optional[CachedConversation]:
        """The latest session from the database (Rasa's own query)."""
        rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
        events = self._deserialised(rows)
        if not (self.domain and events):
            return None
        entry = CachedConversation(last_event_id=max(row.id for row in rows), window=events)
        entry.trim(self.domain.slots)
        return entry

    def _newest_event_id(self, session: Any, sender_id: str) -> Optional[int]:
        return (
            session.query(sa.func.max(self.SQLEvent.id))
            .filter(self.SQLEvent.sender_id == sender_id)
            .scalar()
        )

    @staticmethod
    def _deserialised(rows: Iterable[Any]) -> list[Event]:
        return deserialise_events([json.loads(row.data) for row in rows])

    # -- writing ------------------------------------------------------------------------

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the events added since the tracker was retrieved (or, for a
        tracker this store did not hand out, those beyond the stored ones, as
        Rasa does), redacted; publishes them to the event broker unredacted,
        as Rasa does."""
        mark = self._mark_of(tracker)
        sender_id = tracker.sender_id
        with self.session_scope() as session:
            newest_before = self._newest_event_id(session, sender_id)
            if mark is None:
                new_events = list(SQLTrackerStore._additional_events(self, session, tracker))
            else:
                new_events = list(itertools.islice(tracker.events, mark.length, None))
            if self.event_broker is not None:
                await self._stream_new_events(self.event_broker, new_events, sender_id)
            stored = [redact_event(event, self._redact, self._free_text_slots) for event in new_events]
            rows = [self._row(sender_id, event) for event in stored]
            session.add_all(rows)
            session.flush()
            newest = max((row.id for row in rows), default=newest_before)
            session.commit()
        version = self._cached_after_save(sender_id, mark, newest_before, stored, newest)
        self._mark(tracker, version)

    def _cached_after_save(self, sender_id: str, mark: Optional[_StoredMark], newest_before: Optional[int],
                           stored: list[Event], newest: Optional[int]) -> Optional[int]:
        """Updates the cache with the events just stored; returns the cache
        version the tracker now matches (None: the entry was dropped and the
        next retrieve loads the conversation from the database)."""
        entry = self._cache.get(sender_id)
        in_step = (entry is not None and mark is not None and mark.version == entry.version
                   and newest_before == entry.last_event_id)
        if not in_step or starts_new_session(stored):
            self._cache.drop(sender_id)  # another writer, or a new session: load it next time
            return None
        if stored:
            entry.extend(stored, newest, self.domain.slots)
        return entry.version

    def _row(self, sender_id: str, event: Event) -> Any:
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    # -- which events of a tracker are stored ---------------------------------------------

    def _mark(self, tracker: DialogueStateTracker, version: Optional[int]) -> None:
        setattr(tracker, _MARK, _StoredMark(id(self), len(tracker.events), version))

    def _mark_of(self, tracker: DialogueStateTracker) -> Optional[_StoredMark]:
        mark = getattr(tracker, _MARK, None)
        return mark if isinstance(mark, _StoredMark) and mark.store == id(self) else None
