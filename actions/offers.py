"""Offers and "ja graag": an answer that offers something ("Wil je de
contactgegevens voor jouw gemeente?") remembers it in the ``open_offer`` slot
(the name of the action that does it, with ``pending_roles`` for contacts). A
"ja" / "ja graag" right after the offer does what was offered; a "ja" without
an open offer gets the help menu."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say

OFFER_SLOT = "open_offer"
# The contacts of the roles in ``pending_roles``; the partner finder asks where
# the school is when that is not known yet.
OFFER_CONTACTS = "action_find_partner"


def offer_events(action_name: str, roles: list[str] | tuple[str, ...] = ()) -> list[dict]:
    events = [SlotSet(OFFER_SLOT, action_name)]
    if roles:
        events.append(SlotSet("pending_roles", list(dict.fromkeys(roles))))
    return events


def offer_made_in_last_turn(tracker: Tracker) -> str | None:
    """The offer the assistant made in its last turn (after the previous user
    message), or None: an offer is only open for the very next answer."""
    seen_current_user_message = False
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            if seen_current_user_message:
                return None
            seen_current_user_message = True
            continue
        if seen_current_user_message and event.get("event") == "slot" and event.get("name") == OFFER_SLOT:
            return event.get("value")
    return None


def _offered_action(name: str) -> Action | None:
    from actions.kernteampartner import ActionFindPartner  # imported late: the finder uses people.py

    return {OFFER_CONTACTS: ActionFindPartner()}.get(name)


class ActionAffirm(Action):
    """ "ja" outside a form: do the open offer, or show what the assistant can do."""

    def name(self) -> Text:
        return "action_affirm"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        offered = offer_made_in_last_turn(tracker)
        action = _offered_action(offered) if offered else None
        if action is None:
            say(dispatcher, "affirm_without_question")
            return [SlotSet(OFFER_SLOT, None)] if tracker.get_slot(OFFER_SLOT) else []
        events = action.run(dispatcher, tracker, domain)
        return [SlotSet(OFFER_SLOT, None), *events]
