"""Redacted copies of Rasa events, ready for storage."""

from __future__ import annotations

import copy
from typing import Callable, Collection

from rasa.shared.core.events import Event, SlotSet, UserUttered

Redact = Callable[[str], str]

# Slots whose value can be text the teacher typed. Only these are redacted: the
# other slots hold ids and numbers the actions set ("haarlem", "Haarlem", 12.0),
# and redacting them would replace a capitalised place name by a placeholder.
# Today no slot stores free text (every slot has a custom mapping filled by an
# action); a slot that does (for example one with a `from_text` mapping) must be
# listed here, which tests/test_privacy.py checks against domain.yml.
FREE_TEXT_SLOTS: frozenset[str] = frozenset()


def redact_event(event: Event, redact: Redact, free_text_slots: Collection[str] = FREE_TEXT_SLOTS) -> Event:
    """Returns ``event`` unchanged, or a copy whose user-typed text is redacted:
    the text of a user message (also in its parse data) and the value of a slot
    listed in ``free_text_slots``. Bot messages never repeat what the teacher
    typed (see actions/messages.yml), so they are stored as they are."""
    if isinstance(event, UserUttered) and event.text:
        data = copy.deepcopy(event.as_dict())
        data["text"] = redact(event.text)
        if isinstance(data.get("parse_data"), dict):
            data["parse_data"]["text"] = data["text"]
        return Event.from_parameters(data)
    if isinstance(event, SlotSet) and event.key in free_text_slots and isinstance(event.value, str):
        return SlotSet(event.key, redact(event.value), timestamp=event.timestamp, metadata=event.metadata)
    return event
