"""Small helpers around the tracker shared by the actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet

ROUTE_SLOTS = ("route_step", "route_trail", "pending_roles")
# Every slot a form can ask, in the order it asks them (including slots that a
# form only asks for some answers, such as the verzuim follow-up questions).
FORM_SLOT_ORDER = {
    "verlof_form": ("verlof_kind", "verlof_days", "verlof_after_summer", "verlof_notice_weeks", "verlof_in_writing"),
    "verzuim_form": ("verzuim_kind", "verzuim_count", "verzuim_hours", "verzuim_weeks"),
    "tweede_deskundige_form": ("first_expert_function", "involved_experts"),
}
FORM_SLOTS = tuple(slot for slots in FORM_SLOT_ORDER.values() for slot in slots)


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def latest_entity_values(tracker: Tracker, entity: str) -> list[str]:
    values = []
    for found in tracker.latest_message.get("entities") or []:
        if found.get("entity") == entity and found.get("value") not in values:
            values.append(found.get("value"))
    return values


def typed_entities(tracker: Tracker, entity: str) -> list[tuple[str, str]]:
    """(value, what the teacher typed) per entity; the synonym mapper replaces the
    value by an id, the typed words are still in the message at start:end."""
    text = latest_text(tracker)
    found = []
    for item in tracker.latest_message.get("entities") or []:
        if item.get("entity") != entity:
            continue
        start, end = item.get("start"), item.get("end")
        sliced = text[start:end] if isinstance(start, int) and isinstance(end, int) and not text.startswith("/") else ""
        found.append((str(item.get("value")), item.get("text") or sliced))
    return found


def clear_route() -> list[SlotSet]:
    return [SlotSet(slot, None) for slot in ROUTE_SLOTS]


def clear_forms(tracker: Tracker, only_if_active: bool = False) -> list[Any]:
    """Ends an active form and forgets all form answers (or nothing, when
    ``only_if_active`` and no form is active)."""
    if only_if_active and not tracker.active_loop_name:
        return []
    events: list[Any] = [SlotSet(slot, None) for slot in FORM_SLOTS]
    events += [SlotSet("invalid_answers", 0), SlotSet("requested_slot", None)]
    if tracker.active_loop_name:
        events.insert(0, ActiveLoop(None))
    return events
