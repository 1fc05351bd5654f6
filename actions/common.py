"""Actions for the conversational frame: acute danger, a person, start over,
stop, back and "ik weet het niet"."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import clear_forms, clear_route
from actions.messages import catalogue, say
from bot.knowledge import load_knowledge
from bot.safety import DUTCH, detect_language, load_signals

OTHER_LANGUAGE_MESSAGE = "other_language_{}"
OTHER_LANGUAGE_DEFAULT = "en"


def emergency_numbers() -> dict[str, str]:
    national = load_knowledge().national
    return {"emergency_number": national.emergency_number, "veilig_thuis_phone": national.veilig_thuis_phone}


def say_in_other_language(dispatcher: CollectingDispatcher, language: str) -> None:
    """One short line in the teacher's language: the assistant works in Dutch,
    112 in danger, Veilig Thuis for advice (English when there is no line for
    that language)."""
    name = OTHER_LANGUAGE_MESSAGE.format(language)
    if name not in catalogue():
        name = OTHER_LANGUAGE_MESSAGE.format(OTHER_LANGUAGE_DEFAULT)
    say(dispatcher, name, **emergency_numbers())


def utter_acute_danger(dispatcher: CollectingDispatcher, tracker: Tracker | None = None) -> list[Any]:
    """112 and Veilig Thuis first. When a child told the teacher something (with
    or without asking to keep it secret), then what to do with that disclosure:
    no promise of secrecy, the aandachtsfunctionaris and the meldcode, anonymous
    advice from Veilig Thuis."""
    say(dispatcher, "acute_danger_first", **emergency_numbers())
    text = (tracker.latest_message.get("text") if tracker else None) or ""
    language = detect_language(text) if text else DUTCH
    if language != DUTCH:
        say_in_other_language(dispatcher, language)
    say(dispatcher, "acute_danger_next")
    signals = load_signals()
    if tracker is not None and (signals.is_disclosure(text) or signals.is_secrecy_request(text)):
        from actions.veiligheid import ACUTE_DISCLOSURE, branches, show_branch

        return show_branch(dispatcher, tracker, branches()[ACUTE_DISCLOSURE])
    return []


class ActionAcuteDanger(Action):
    """112 and Veilig Thuis first, then the way forward. Interrupts any form."""

    def name(self) -> Text:
        return "action_acute_danger"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        utter_acute_danger(dispatcher, tracker)
        return [*clear_forms(tracker, only_if_active=True), *clear_route(), SlotSet("topic", "veiligheid")]


class ActionOtherLanguage(Action):
    """A message in another language (and no sign of danger): one line in that
    language that the assistant works in Dutch, with 112 and Veilig Thuis."""

    def name(self) -> Text:
        return "action_other_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say_in_other_language(dispatcher, detect_language(tracker.latest_message.get("text") or ""))
        say(dispatcher, "other_language_then")
        return []


class ActionOfferHumanContact(Action):
    def name(self) -> Text:
        return "action_offer_human_contact"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say(dispatcher, "human_contact", **emergency_numbers())
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
        say(dispatcher, "not_sure", **emergency_numbers())
        return [UserUtteranceReverted()]
