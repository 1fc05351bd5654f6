"""SQL tracker store that never writes personal data typed by a user."""

from __future__ import annotations

from typing import Any, Callable, Collection, Iterator, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_patches
from bot.privacy.events import FREE_TEXT_SLOTS, redact_event
from bot.privacy.redaction import redact as deduce_redact
from bot.privacy.redaction import warm_up


class RedactingSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` (SQLite by default) that de-identifies user messages
    and the values of the free-text slots (``FREE_TEXT_SLOTS``, an explicit list)
    before they are stored."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        redact: Callable[[str], str] = deduce_redact,
        free_text_slots: Collection[str] = FREE_TEXT_SLOTS,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, **kwargs)
        # The Rasa server creates its tracker store once, at start-up: the one place
        # where the project's patches are applied (see bot/rasa_patches.py).
        rasa_patches.apply_all()
        self._redact = redact
        self._free_text_slots = frozenset(free_text_slots)
        if redact is deduce_redact:
            warm_up()  # load deduce now, not on the first user message

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        for event in super()._additional_events(session, tracker):
            yield redact_event(event, self._redact, self._free_text_slots)
