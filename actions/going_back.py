"""'Terug': one step back in a form or in the veiligheid route."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import veiligheid
from actions.conversation_state import FORM_SLOT_ORDER
from actions.messages import say


def previous_form_slot(tracker: Tracker) -> str | None:
    """The answered slot just before the open question of the active form."""
    order = list(FORM_SLOT_ORDER.get(tracker.active_loop_name, ()))
    requested = tracker.get_slot("requested_slot")
    if requested in order:
        order = order[: order.index(requested)]
    answered = [slot for slot in order if tracker.get_slot(slot) is not None]
    return answered[-1] if answered else None


class ActionGoBack(Action):
    def name(self) -> Text:
        return "action_go_back"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.active_loop_name:
            # Clearing the previous answer makes the form ask that question again.
            previous = previous_form_slot(tracker)
            events = [SlotSet("invalid_answers", 0)]
            return events + ([SlotSet(previous, None), SlotSet("requested_slot", None)] if previous else [])
        trail = list(tracker.get_slot("route_trail") or [])
        if not trail:
            say(dispatcher, "route_nothing_to_go_back_to")
            return []
        events = []
        if tracker.get_slot("route_step") and len(trail) >= 2:
            trail.pop()  # leave the open question, back to the one before
            events.append(SlotSet("route_trail", trail))
        question = trail[-1]
        veiligheid.ask(dispatcher, question)
        return [SlotSet("route_step", question), *events]
