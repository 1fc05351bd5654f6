"""Kernteampartner finder: which role fits the concern, and how to reach that
role for the school's gemeente or region. Also remembers where the school is."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import clear_forms, latest_entity_values, latest_intent, latest_text
from actions.rendering import contact_line, section
from bot.knowledge import load_knowledge
from actions.messages import say

# "een leerling uit Hillegom", "die in Hillegom woont": the pupil's place, not the school's.
_PUPIL_PLACE = re.compile(r"\b(uit|woont\s+in|wonend\s+in|woonachtig\s+in|woonplaats)\s+(?P<place>[\w\- ]+)", re.IGNORECASE)


def _places_in_message(tracker: Tracker) -> tuple[list[Any], list[Any]]:
    """(gemeenten, regions) named in the latest message, as knowledge objects."""
    kb = load_knowledge()
    gemeenten, regions = [], []
    for value in latest_entity_values(tracker, "gemeente"):
        gemeente = kb.find_gemeente(value)
        if gemeente is not None:
            gemeenten.append(gemeente)
    for value in latest_entity_values(tracker, "region"):
        region = kb.find_region(value)
        if region is not None:
            regions.append(region)
    if not gemeenten and not regions:
        text = latest_text(tracker)
        if not text.startswith("/"):
            found_gemeente, found_region = kb.find_gemeente(text), kb.find_region(text)
            gemeenten += [found_gemeente] if found_gemeente else []
            regions += [found_region] if found_region and not found_gemeente else []
    return gemeenten, regions


def _is_pupil_place(tracker: Tracker, gemeente: Any) -> bool:
    if not gemeente.region_id:
        return True  # a place outside every region can only be where a pupil lives
    match = _PUPIL_PLACE.search(latest_text(tracker))
    return bool(match) and gemeente.name.lower() in match.group("place").lower()


class ActionRememberLocation(Action):
    """Slot mapping: keeps the school's gemeente/region and the pupil's place."""

    def name(self) -> Text:
        return "action_remember_location"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        gemeenten, regions = _places_in_message(tracker)
        events: list[SlotSet] = []
        for gemeente in gemeenten:
            if _is_pupil_place(tracker, gemeente):
                events.append(SlotSet("pupil_gemeente", gemeente.id))
            else:
                events += [SlotSet("gemeente", gemeente.id), SlotSet("region", gemeente.region_id)]
        if regions and not any(event["name"] == "gemeente" for event in events):
            region = regions[0]
            current = tracker.get_slot("gemeente")
            keep = current and load_knowledge().gemeente(current).region_id == region.id
            events += [SlotSet("region", region.id)] + ([] if keep else [SlotSet("gemeente", None)])
        return events


def roles_asked(tracker: Tracker) -> list[str]:
    """Roles named in the message, else those fitting the concern it describes."""
    kb = load_knowledge()
    roles = [role.id for value in latest_entity_values(tracker, "role") if (role := kb.find_role(value))]
    if roles:
        return list(dict.fromkeys(roles))
    concern_ids = latest_entity_values(tracker, "concern") or [c.id for c in kb.concerns_in_text(latest_text(tracker))]
    found = [role.id for concern_id in concern_ids for role in kb.roles_for_concern(concern_id)]
    return list(dict.fromkeys(found))


def pupil_lives_elsewhere(tracker: Tracker) -> bool:
    pupil_gemeente = tracker.get_slot("pupil_gemeente")
    return bool(pupil_gemeente) and pupil_gemeente != tracker.get_slot("gemeente")


def needs_school_place(tracker: Tracker, role_id: str) -> bool:
    """Whether answering for this role needs the school's gemeente or region."""
    kb = load_knowledge()
    if kb.is_school_role(role_id):
        return False
    if role_id == "leerplichtambtenaar" and pupil_lives_elsewhere(tracker):
        return bool(kb.gemeente(tracker.get_slot("pupil_gemeente")).region_id)
    return True


def place_name(gemeente_id: str | None, region_id: str | None) -> str:
    kb = load_knowledge()
    if gemeente_id:
        return kb.gemeente(gemeente_id).name
    return kb.region(region_id).name if region_id else ""


def describe_role(dispatcher: CollectingDispatcher, tracker: Tracker, role_id: str) -> None:
    kb = load_knowledge()
    gemeente_id, region_id = tracker.get_slot("gemeente"), tracker.get_slot("region")
    if role_id == "leerplichtambtenaar" and pupil_lives_elsewhere(tracker):
        # Leerplicht follows where the pupil lives, not where the school is.
        pupil_place = kb.gemeente(tracker.get_slot("pupil_gemeente"))
        say(dispatcher, "partner_pupil_elsewhere", place=pupil_place.name)
        if not pupil_place.region_id:
            for note in pupil_place.notes:
                dispatcher.utter_message(text=note.text)
            return
        gemeente_id, region_id = pupil_place.id, pupil_place.region_id
    region = kb.region(region_id) if region_id else kb.default_region
    role = kb.role(role_id)
    local_name = kb.local_role_name(role_id, region.id, gemeente_id)
    support = [s.text for s in role.support if s.region_id == region.id]
    dispatcher.utter_message(text=section(local_name[:1].upper() + local_name[1:], role.description, support))
    if role.when_to_contact:
        say(dispatcher, "partner_when_to_contact", when=role.when_to_contact.strip())
    if kb.is_school_role(role_id):
        say(dispatcher, "partner_school_role", role=local_name)
        return
    contacts = kb.contacts(role_id, gemeente_id=gemeente_id, region_id=region.id)
    if contacts:
        say(
            dispatcher, "partner_contacts", role=local_name, place=place_name(gemeente_id, region.id),
            contacts="\n".join(f"• {contact_line(contact)}" for contact in contacts),
        )
    else:
        say(dispatcher, "partner_no_contacts", region=region.name, role=local_name)


def say_unknown_place(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    text = latest_text(tracker).strip()
    if 0 < len(text.split()) <= 4:
        say(dispatcher, "partner_unknown_place", place=text)
    else:
        say(dispatcher, "partner_unknown_place_unnamed")
    say(dispatcher, "partner_ask_location")


class ActionFindPartner(Action):
    def name(self) -> Text:
        return "action_find_partner"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        events: list[Any] = [*clear_forms(tracker, only_if_active=True), SlotSet("topic", "kernteampartner")]
        intent = latest_intent(tracker)
        roles = roles_asked(tracker) or list(tracker.get_slot("pending_roles") or [])
        gemeente_id, region_id = tracker.get_slot("gemeente"), tracker.get_slot("region")
        located = bool(gemeente_id or region_id)
        place_named = any(_places_in_message(tracker))
        if intent == "inform_location" and not place_named:
            say_unknown_place(dispatcher, tracker)
            return events + ([SlotSet("pending_roles", roles)] if roles else [])
        if intent == "inform_location" and not roles:
            say(dispatcher, "partner_location_noted", place=place_name(gemeente_id, region_id))
            return events
        if not roles:
            say(dispatcher, "partner_ask_concern")
            return events
        if not located and any(needs_school_place(tracker, role) for role in roles):
            say(dispatcher, "partner_ask_location")
            return events + [SlotSet("pending_roles", roles)]
        for role_id in roles:
            describe_role(dispatcher, tracker, role_id)
        say(dispatcher, "partner_closing")
        return events + [SlotSet("pending_roles", None)]
