"""Redacted copies of Rasa events, ready for storage."""

from __future__ import annotations

import copy
from typing import Callable

from rasa.shared.core.events import Event, SlotSet, UserUttered

Redact = Callable[[str], str]


def redact_event(event: Event, redact: Redact) -> Event:
    """Returns ``event`` unchanged, or a copy whose user-typed text is redacted."""
    if isinstance(event, UserUttered) and event.text:
        data = copy.deepcopy(event.as_dict())
        data["text"] = redact(event.text)
        if isinstance(data.get("parse_data"), dict):
            data["parse_data"]["text"] = data["text"]
        return Event.from_parameters(data)
    if isinstance(event, SlotSet) and isinstance(event.value, str):
        return SlotSet(event.key, redact(event.value), timestamp=event.timestamp, metadata=event.metadata)
    return event
