"""Who pays for a capaciteiten- (IQ-)onderzoek, per situation of the routeboek."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import clear_forms, latest_entity_values, latest_text
from actions.people import name_people
from actions.rendering import say_source, section
from bot.knowledge import load_knowledge
from actions.messages import say


def matching_situations(tracker: Tracker) -> list[Any]:
    kb = load_knowledge()
    chosen = latest_entity_values(tracker, "onderzoek_situation")
    if chosen:
        return [kb.get("onderzoek_situation", situation_id) for situation_id in chosen]
    return [s for s in kb.onderzoek.situations if s.mentioned_in(latest_text(tracker))]


class ActionExplainOnderzoek(Action):
    def name(self) -> Text:
        return "action_explain_onderzoek"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        matches = matching_situations(tracker)
        shown = matches or list(kb.onderzoek.situations)
        if not matches:  # the question names no situation: every agreement of the routeboek
            dispatcher.utter_message(text=kb.onderzoek.text.strip())
        for situation in shown:
            dispatcher.utter_message(text=section(situation.name, situation.text))
        if matches:
            say(dispatcher, "onderzoek_other_situations")
        name_people(dispatcher, tracker, kb.onderzoek.role_ids)
        say_source(dispatcher, [kb.onderzoek.source, *(situation.source for situation in shown)])
        return [*clear_forms(tracker, only_if_active=True), SlotSet("topic", "onderzoek")]
