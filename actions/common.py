"""Actions for the conversational frame: acute danger, a person, start over,
stop, back and "ik weet het niet"."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import clear_forms, clear_route
from bot.knowledge import load_knowledge
from actions.messages import say


def utter_acute_danger(dispatcher: CollectingDispatcher) -> None:
    national = load_knowledge().national
    say(
        dispatcher,
        "acute_danger_first",
        emergency_number=national.emergency_number,
        veilig_thuis_phone=national.veilig_thuis_phone,
    )
    say(dispatcher, "acute_danger_next")


class ActionAcuteDanger(Action):
    """112 and Veilig Thuis first, then the way forward. Interrupts any form."""

    def name(self) -> Text:
        return "action_acute_danger"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        utter_acute_danger(dispatcher)
        return [*clear_forms(tracker, only_if_active=True), *clear_route(), SlotSet("topic", "veiligheid")]


class ActionOfferHumanContact(Action):
    def name(self) -> Text:
        return "action_offer_human_contact"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        national = load_knowledge().national
        say(dispatcher, "human_contact", veilig_thuis_phone=national.veilig_thuis_phone)
        return []


class ActionStartOver(Action):
    """Forgets the subject, routes and forms; keeps where the school is."""

    def name(self) -> Text:
        return "action_start_over"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say(dispatcher, "start_over_done")
        return [*clear_forms(tracker), *clear_route(), SlotSet("topic", None)]


class ActionStopRoute(Action):
    def name(self) -> Text:
        return "action_stop_route"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say(dispatcher, "route_stopped")
        return [*clear_forms(tracker), *clear_route(), SlotSet("topic", None)]


class ActionDontKnow(Action):
    """'Ik weet het niet' when no question is open."""

    def name(self) -> Text:
        return "action_dont_know"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say(dispatcher, "dont_know_general")
        return []


class ActionNotSure(Action):
    """Core fallback: the dialogue policies are unsure what to do next. Says so,
    offers the menu and forgets the last message so the conversation can go on."""

    def name(self) -> Text:
        return "action_not_sure"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say(dispatcher, "not_sure")
        return [UserUtteranceReverted()]
