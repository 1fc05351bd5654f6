"""Who pays for a capaciteiten- (IQ-)onderzoek, per situation of the routeboek."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import clear_forms, latest_entity_values, latest_text
from actions.people import name_people
from actions.rendering import section
from bot.knowledge import load_knowledge
from actions.messages import say


def matching_situations(tracker: Tracker) -> list[Any]:
    kb = load_knowledge()
    chosen = latest_entity_values(tracker, "onderzoek_situation")
    if chosen:
        return [kb.onderzoek_situation(situation_id) for situation_id in chosen]
    return [s for s in kb.onderzoek.situations if s.mentioned_in(latest_text(tracker))]


class ActionExplainOnderzoek(Action):
    def name(self) -> Text:
        return "action_explain_onderzoek"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        matches = matching_situations(tracker)
        if matches:
            for situation in matches:
                dispatcher.utter_message(text=section(situation.name, situation.text))
            say(dispatcher, "onderzoek_other_situations")
        else:
            dispatcher.utter_message(text=kb.onderzoek.text.strip())
            for situation in kb.onderzoek.situations:
                dispatcher.utter_message(text=section(situation.name, situation.text))
        name_people(dispatcher, tracker, ("intern_begeleider", "cjg_coach", "onderwijsconsulent"))
        return [*clear_forms(tracker, only_if_active=True), SlotSet("topic", "onderzoek")]
