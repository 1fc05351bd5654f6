"""How the kernteam works together: uitgangspunten, regie, professionaliseren,
who is in the team, and how the team works in the other regions."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import clear_forms, latest_entity_values, latest_intent, latest_text
from actions.last_turn import accepted_offer
from actions.rendering import (
    bullet_list, contact_line, location_buttons, region_working_buttons, role_buttons, say_source, section,
)
from bot.knowledge import load_knowledge
from actions.messages import say

# "wie zitten er in het kernteam", "welke kernpartners heeft onze school", "de vaste
# deelnemers van het knooppunt": a question about who is in the team. The team's
# names per region are the ``keywords`` of ``kernteams`` in knowledge/samenwerking.yml.
_MEMBERS_QUESTION = re.compile(
    r"\b(wie\s+(zit|zitten|horen|hoort)\b|zit(ten)?\s+er\b|welke\s+(\w+\s+)?\w*partners\b|"
    r"wie\s+zijn\s+(de|onze|jullie)\s+(\w+\s+)?\w*(partners|leden)\b|deelnemers?\b|leden\b|samenstelling\b|bestaat\s+uit\b)",
    re.IGNORECASE,
)
SAMENWERKING_INTENT = "ask_samenwerking"


def asks_team_members(text: str) -> bool:
    """Whether ``text`` asks who is in the school's team (kernteam, knooppunt, ...)."""
    return not text.startswith("/") and bool(_MEMBERS_QUESTION.search(text)) and load_knowledge().kernteam_mentioned(text)


def explain_members(dispatcher: CollectingDispatcher, region_id: str, gemeente_id: str | None) -> list[Any]:
    """Who is in the team of a school in this region, in the region's own words and
    names, with a button per outside partner; returns the sources shown."""
    kb = load_knowledge()
    kernteam = kb.kernteam(region_id)
    if kernteam is None:
        return []
    names = [kb.local_role_name(role_id, region_id, gemeente_id) for role_id in kernteam.role_ids]
    say(dispatcher, "samenwerking_members", region=kb.get("region", region_id).name, text=kernteam.text.strip(),
        members=bullet_list(name[:1].upper() + name[1:] for name in names))
    partners = [role_id for role_id in kernteam.role_ids if not kb.is_school_role(role_id)]
    if partners:
        say(dispatcher, "samenwerking_members_contacts", extra_buttons=role_buttons(partners, region_id, gemeente_id))
    return [kernteam.source]


def _asked(tracker: Tracker, offer: dict[str, Any] | None, entity: str) -> list[str]:
    if offer is not None:
        value = offer.get(entity)
        return [value] if value else []
    return latest_entity_values(tracker, entity)


def _region_asked(tracker: Tracker, offer: dict[str, Any] | None) -> str | None:
    """The region named in the message (or in the accepted offer)."""
    kb = load_knowledge()
    for value in _asked(tracker, offer, "region") + _asked(tracker, offer, "gemeente"):
        place = kb.find("region", value) or kb.find("gemeente", value)
        if place is not None:
            return getattr(place, "region_id", None) or place.id
    return None


def _show_route_steps(dispatcher: CollectingDispatcher, routes: Any) -> list[Any]:
    cited: list[Any] = []
    for route in routes:
        dispatcher.utter_message(text=section(route.title, route.text))
        for step in route.steps:
            dispatcher.utter_message(text=section(step.title, step.text, list(step.points)))
        cited += [route.source, *(step.source for step in route.steps)]
    return cited


def _show_region_working(dispatcher: CollectingDispatcher, region_id: str, gemeente_id: str | None) -> list[Any]:
    kb = load_knowledge()
    cited = explain_members(dispatcher, region_id, gemeente_id)
    for passage in kb.region_working(region_id):
        dispatcher.utter_message(text=section(passage.title, passage.text, list(passage.points)))
        cited.append(passage.source)
    for route in kb.routes_for_region(region_id):
        say(dispatcher, "samenwerking_process_offer", title=route.title, region=region_id)
    return cited


def _show_professionalisation(dispatcher: CollectingDispatcher, school_region: str | None) -> list[Any]:
    kb = load_knowledge()
    pro = kb.professionalisation
    dispatcher.utter_message(text=section(pro.title, pro.text, [f"{w.title}: {w.text}" for w in pro.ways]))
    say(dispatcher, "samenwerking_themes", themes=", ".join(pro.themes))
    cited = [pro.source, *(way.source for way in pro.ways)]
    if school_region and school_region != kb.default_region.id:
        # The project and its procesbegeleider belong to the default region only.
        say(dispatcher, "samenwerking_no_region_contacts", default_region=kb.default_region.name,
            region=kb.get("region", school_region).name)
        return cited
    for contact in kb.topic_contacts(pro.contact_topics):
        dispatcher.utter_message(text=f"✉ {contact_line(contact)}")
        cited.append(contact.source)
    return cited


class ActionExplainSamenwerking(Action):
    def name(self) -> Text:
        return "action_explain_samenwerking"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        offer = None
        if latest_intent(tracker) == "affirm":
            # "ja graag" after this action: do what the last answer offered, if anything.
            offer = accepted_offer(tracker, SAMENWERKING_INTENT)
            if offer is None:
                dispatcher.utter_message(response="utter_affirm_without_question")
                return []
        text = "" if offer is not None else latest_text(tracker)
        themes = _asked(tracker, offer, "samenwerking_theme")
        region_id = _region_asked(tracker, offer)
        # The school's region, remembered from earlier in the conversation.
        school_region = tracker.get_slot("region")
        gemeente_id = tracker.get_slot("gemeente")
        if gemeente_id and kb.get("gemeente", gemeente_id).region_id != (region_id or school_region):
            gemeente_id = None
        pro_asked = "professionaliseren" in themes or kb.professionalisation.mentioned_in(text)
        principle_asked = any(p.id in themes or p.mentioned_in(text) for p in kb.principles)
        other_region = region_id or (school_region if not (themes or pro_asked or principle_asked) else None)
        events = [*clear_forms(tracker, only_if_active=True), SlotSet("topic", "samenwerking")]
        if region_id and "werkwijze" in themes and kb.routes_for_region(region_id):
            cited = _show_route_steps(dispatcher, kb.routes_for_region(region_id))
        elif asks_team_members(text) and (region_id or school_region):
            cited = explain_members(dispatcher, region_id or school_region, gemeente_id)
        elif asks_team_members(text):
            say(dispatcher, "partner_ask_location", extra_buttons=location_buttons())
            return events
        elif other_region and other_region != kb.default_region.id:
            cited = _show_region_working(dispatcher, other_region, gemeente_id)
        elif pro_asked:
            cited = _show_professionalisation(dispatcher, school_region)
        else:
            principles = [p for p in kb.principles if p.id in themes or p.mentioned_in(text)] or list(kb.principles)
            cited = []
            for principle in principles:
                dispatcher.utter_message(text=section(principle.title, principle.text, list(principle.points)))
                cited.append(principle.source)
        say_source(dispatcher, cited)
        say(dispatcher, "samenwerking_more", extra_buttons=region_working_buttons())
        return events

