"""How the kernteam works together: uitgangspunten, regie, professionaliseren,
and how the team works in the other regions."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import clear_forms, latest_entity_values, latest_text
from actions.rendering import contact_line, region_working_buttons, say_source, section
from bot.knowledge import load_knowledge
from actions.messages import say


def _region_asked(tracker: Tracker) -> str | None:
    kb = load_knowledge()
    for value in latest_entity_values(tracker, "region") + latest_entity_values(tracker, "gemeente"):
        place = kb.find_region(value) or kb.find_gemeente(value)
        if place is not None:
            return getattr(place, "region_id", None) or place.id
    return None


class ActionExplainSamenwerking(Action):
    def name(self) -> Text:
        return "action_explain_samenwerking"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        text = latest_text(tracker)
        cited: list[Any] = []
        themes = latest_entity_values(tracker, "samenwerking_theme")
        region_id = _region_asked(tracker)
        process_routes = [r for r in kb.routes_for_region(region_id)] if region_id else []
        if region_id and "werkwijze" in themes and process_routes:
            for route in process_routes:
                dispatcher.utter_message(text=section(route.title, route.text))
                for step in route.steps:
                    dispatcher.utter_message(text=section(step.title, step.text, list(step.points)))
                cited += [route.source, *(step.source for step in route.steps)]
        elif region_id and region_id != kb.default_region.id:
            for passage in kb.region_working(region_id):
                dispatcher.utter_message(text=section(passage.title, passage.text, list(passage.points)))
                cited.append(passage.source)
            for route in process_routes:
                say(dispatcher, "samenwerking_process_offer", title=route.title, region=region_id)
        elif "professionaliseren" in themes or kb.professionalisation.mentioned_in(text):
            pro = kb.professionalisation
            dispatcher.utter_message(text=section(pro.title, pro.text, [f"{w.title}: {w.text}" for w in pro.ways]))
            say(dispatcher, "samenwerking_themes", themes=", ".join(pro.themes))
            cited += [pro.source, *(way.source for way in pro.ways)]
            for contact in kb.topic_contacts_for(pro):
                dispatcher.utter_message(text=f"✉ {contact_line(contact)}")
                cited.append(contact.source)
        else:
            principles = [p for p in kb.principles if p.id in themes or p.mentioned_in(text)] or list(kb.principles)
            for principle in principles:
                dispatcher.utter_message(text=section(principle.title, principle.text, list(principle.points)))
                cited.append(principle.source)
        say_source(dispatcher, cited)
        say(dispatcher, "samenwerking_more", extra_buttons=region_working_buttons())
        return [*clear_forms(tracker, only_if_active=True), SlotSet("topic", "samenwerking")]
