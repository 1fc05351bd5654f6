"""'Terug': one step back in a form or in the veiligheid route."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import veiligheid
from actions.messages import say


def previous_form_slot(tracker: Tracker, domain: Dict[Text, Any]) -> str | None:
    """The required slot asked before the one that is open now."""
    form = (domain.get("forms") or {}).get(tracker.active_loop_name) or {}
    required = list(form.get("required_slots") or [])
    requested = tracker.get_slot("requested_slot")
    filled = [slot for slot in required if tracker.get_slot(slot) is not None and slot != requested]
    if requested in required:
        filled = [slot for slot in filled if required.index(slot) < required.index(requested)]
    return filled[-1] if filled else None


class ActionGoBack(Action):
    def name(self) -> Text:
        return "action_go_back"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.active_loop_name:
            # Clearing the previous answer makes the form ask that question again.
            previous = previous_form_slot(tracker, domain)
            events = [SlotSet("invalid_answers", 0)]
            return events + ([SlotSet(previous, None), SlotSet("requested_slot", None)] if previous else [])
        trail = list(tracker.get_slot("route_trail") or [])
        if len(trail) >= 2:
            trail.pop()
            question = trail[-1]
            veiligheid.ask(dispatcher, question)
            return [SlotSet("route_step", question), SlotSet("route_trail", trail)]
        if trail:
            veiligheid.ask(dispatcher, trail[-1])
            return [SlotSet("route_step", trail[-1])]
        say(dispatcher, "route_nothing_to_go_back_to")
        return []
