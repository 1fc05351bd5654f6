"""Recent conversations kept in memory by the tracker store, as bounded
working trackers.

Rasa 3.6 rebuilds the whole tracker of a conversation session from the
database on every message, replays it, sends all of it to the action server
and lets every policy compute states for all of it: a turn costs more with
every turn before it. Here a conversation is kept as

* a **snapshot**: the state at the start of the window (slots that were set,
  the active form, a pause) as a few events, and
* a **window**: the events of the last turns, at least ``WORKING_TURNS``
  and at most ``2 * WORKING_TURNS``.

The working tracker that Rasa gets is snapshot + window, so the work per turn
does not depend on the length of the conversation. The policies look back
``max_history`` 5 states (config.yml) and the actions at most two user
messages (``actions/last_turn.py``, ``actions/offers.py``,
``actions/form_validation.py``); ten turns hold well over both. The full,
redacted history stays in the database (``retrieve_full_tracker``).

Conversations live in a bounded LRU, so memory does not grow with the number
of conversations. The cache only holds what the database holds (redacted
events); the tracker store checks the newest stored event id before using an
entry, so another Rasa process writing to the same database is noticed.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    ConversationPaused,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker

WORKING_TURNS = 10
DEFAULT_MAX_CONVERSATIONS = 500


def starts_new_session(events: Iterable[Event]) -> bool:
    return any(isinstance(event, SessionStarted) for event in events)


def snapshot_events(tracker: DialogueStateTracker, timestamp: Optional[float]) -> list[Event]:
    """Events that recreate ``tracker``'s state (every slot that was set, the
    active form, a pause) on an empty tracker."""
    events: list[Event] = [
        SlotSet(slot.name, slot.value, timestamp=timestamp)
        for slot in tracker.slots.values()
        if slot.has_been_set
    ]
    if tracker.active_loop_name:
        events.append(ActiveLoop(tracker.active_loop_name, timestamp=timestamp))
    if tracker.is_paused():
        events.append(ConversationPaused(timestamp=timestamp))
    return events


def _turn_starts(events: Sequence[Event]) -> list[int]:
    """Index where each user turn starts: the ``action_listen`` before a user
    message (or the message itself when there is none)."""
    starts = []
    for index, event in enumerate(events):
        if isinstance(event, UserUttered):
            before = events[index - 1] if index else None
            listened = isinstance(before, ActionExecuted) and before.action_name == "action_listen"
            starts.append(index - 1 if listened else index)
    return starts


@dataclass
class CachedConversation:
    """The latest session of one conversation as snapshot + window of events,
    and the id of the newest stored event it includes."""

    last_event_id: int
    snapshot: list[Event] = field(default_factory=list)
    window: list[Event] = field(default_factory=list)
    version: int = 0

    def events(self) -> list[Event]:
        return [*self.snapshot, *self.window]

    def working_tracker(self, sender_id: str, slots: Iterable[Slot],
                        max_event_history: Optional[int] = None) -> DialogueStateTracker:
        return DialogueStateTracker.from_events(sender_id, self.events(), slots, max_event_history)

    def extend(self, events: Sequence[Event], last_event_id: int, slots: Iterable[Slot]) -> None:
        """Adds stored events (never a new session: the caller reloads then)."""
        self.window.extend(events)
        self.last_event_id = last_event_id
        self.version += 1
        self.trim(slots)

    def trim(self, slots: Iterable[Slot], turns: int = WORKING_TURNS) -> None:
        """Folds the oldest turns into the snapshot once the window holds more
        than ``2 * turns`` turns (so trimming happens once every ``turns`` turns)."""
        starts = _turn_starts(self.window)
        if len(starts) <= 2 * turns:
            return
        cut = starts[-turns]
        folded = DialogueStateTracker.from_events("snapshot", [*self.snapshot, *self.window[:cut]], slots)
        self.window = self.window[cut:]
        self.snapshot = snapshot_events(folded, self.window[0].timestamp if self.window else None)


class TrackerCache:
    """LRU of ``CachedConversation`` by sender id, at most ``max_conversations``."""

    def __init__(self, max_conversations: int = DEFAULT_MAX_CONVERSATIONS) -> None:
        self.max_conversations = max(0, int(max_conversations))
        self._entries: "OrderedDict[str, CachedConversation]" = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, sender_id: str) -> Optional[CachedConversation]:
        entry = self._entries.get(sender_id)
        if entry is not None:
            self._entries.move_to_end(sender_id)
        return entry

    def put(self, sender_id: str, entry: CachedConversation) -> None:
        if self.max_conversations == 0:
            return
        self._entries[sender_id] = entry
        self._entries.move_to_end(sender_id)
        while len(self._entries) > self.max_conversations:
            self._entries.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        self._entries.pop(sender_id, None)
