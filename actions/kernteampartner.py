"""Kernteampartner finder: which role fits the concern, and how to reach that
role for the school's gemeente or region. Also remembers where the school is."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.asker import asker_span
from actions.conversation_state import clear_forms, latest_entity_values, latest_intent, latest_text, typed_entities
from actions.form_validation import form_for_kind_named
from actions.last_turn import previous_user_text
from actions.rendering import contact_line, join_names, known_places_text, location_buttons, say_source, section
from actions.people import roles_in_region
from actions.samenwerking import asks_team_members, explain_members
from bot.knowledge import load_knowledge
from actions.messages import say

# "een leerling uit Hillegom", "die in Hillegom woont": the pupil's place, not the school's.
# The place runs up to the next comma, "en", "maar" or the end of the sentence.
_PUPIL_PLACE = re.compile(
    r"\b(uit|woont\s+in|wonen\s+in|wonend\s+in|woonachtig\s+in|woonplaats)\s+"
    r"(?P<place>[\w\-]+(?:\s+(?!en\b|maar\b|op\b|naar\b)[\w\-]+){0,3})",
    re.IGNORECASE,
)


# A "wie ..." question is about the kernteam only when it names a role, a concern or the
# team, or asks for someone to turn to about a pupil ("wie kan ik bellen over een
# leerling?"). "Wie is de burgemeester van Haarlem?" is none of these.
_WIE_QUESTION = re.compile(r"^\W*(en\s+|maar\s+)?wie\b", re.IGNORECASE)
_ASKS_FOR_HELP = re.compile(
    r"\b(terecht|help\w*|hulp|bell\w*|benader\w*|inschakel\w*|contact\w*|advies|meedenk\w*|meekijk\w*|"
    r"overleg\w*|bespreek\w*|aanspreekpunt|leerling\w*|kind\w*|ouders?|gezin\w*|klas)\b",
    re.IGNORECASE,
)


def is_out_of_scope_wie(tracker: Tracker) -> bool:
    """A typed "wie ..." question that names no role, concern or team and asks for
    no help with a pupil: not a question for the partner finder."""
    text = latest_text(tracker)
    if text.startswith("/") or not _WIE_QUESTION.search(text) or _ASKS_FOR_HELP.search(text):
        return False
    kb = load_knowledge()
    return not (roles_named(tracker)[0] or latest_entity_values(tracker, "concern")
                or kb.concerns_in_text(text) or kb.kernteam_mentioned(text))


def _places_in_message(tracker: Tracker) -> tuple[list[Any], list[Any]]:
    """(gemeenten, regions) named in the latest message, as knowledge objects."""
    kb = load_knowledge()
    gemeenten, regions = [], []
    for value in latest_entity_values(tracker, "gemeente"):
        gemeente = kb.find("gemeente", value)
        if gemeente is not None:
            gemeenten.append(gemeente)
    for value in latest_entity_values(tracker, "region"):
        region = kb.find("region", value)
        if region is not None:
            regions.append(region)
    if not gemeenten and not regions:
        text = latest_text(tracker)
        if not text.startswith("/"):
            found_gemeente, found_region = kb.find("gemeente", text), kb.find("region", text)
            gemeenten += [found_gemeente] if found_gemeente else []
            regions += [found_region] if found_region and not found_gemeente else []
    return gemeenten, regions


def _is_pupil_place(tracker: Tracker, gemeente: Any) -> bool:
    if not gemeente.region_id:
        return True  # a place outside every region can only be where a pupil lives
    kb = load_knowledge()
    return any(kb.find("gemeente", match.group("place")) == gemeente
               for match in _PUPIL_PLACE.finditer(latest_text(tracker)))


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
            keep = current and load_knowledge().get("gemeente", current).region_id == region.id
            events += [SlotSet("region", region.id)] + ([] if keep else [SlotSet("gemeente", None)])
        return events


def roles_named(tracker: Tracker) -> tuple[list[str], list[Any]]:
    """(role ids named in the message for the school's region, names that mean a
    role only in another region). Names count only where the sources use them."""
    kb = load_knowledge()
    region_id = tracker.get_slot("region")
    roles, elsewhere = [], []
    own = asker_span(tracker)
    own_words = latest_text(tracker)[own[0]:own[1]].lower() if own else ""
    for value, typed in typed_entities(tracker, "role"):
        if own_words and typed and typed.lower() in own_words:
            continue  # "ik ben zelf de ib'er": who is asking, not the partner asked about
        role = kb.find("role", typed, region_id) if typed else None
        other = kb.role_name_elsewhere(typed, region_id) if typed and region_id and role is None else None
        if other is not None:
            roles.append(other.role_id)
            elsewhere.append(other)
            continue
        # A button payload (no typed words) carries the role id as its value.
        role = role or kb.find("role", value, region_id)
        if role is not None:
            roles.append(role.id)
    return list(dict.fromkeys(roles)), elsewhere


def roles_asked(tracker: Tracker) -> list[str]:
    """Roles named in the message, else those fitting the concern it describes."""
    kb = load_knowledge()
    roles, _ = roles_named(tracker)
    if roles:
        return roles
    concern_ids = latest_entity_values(tracker, "concern") or [c.id for c in kb.concerns_in_text(latest_text(tracker))]
    region_id = tracker.get_slot("region")
    found = [role.id for concern_id in concern_ids for role in kb.roles_for_concern(concern_id, region_id)]
    return list(dict.fromkeys(found))


def pupil_lives_elsewhere(tracker: Tracker) -> bool:
    pupil_gemeente = tracker.get_slot("pupil_gemeente")
    return bool(pupil_gemeente) and pupil_gemeente != tracker.get_slot("gemeente")


def needs_school_place(tracker: Tracker, role_id: str) -> bool:
    """Whether answering for this role needs the school's gemeente or region."""
    kb = load_knowledge()
    if kb.is_school_role(role_id):
        return False
    if kb.get("role", role_id).follows_residence and pupil_lives_elsewhere(tracker):
        return bool(kb.get("gemeente", tracker.get_slot("pupil_gemeente")).region_id)
    return True


def place_name(gemeente_id: str | None, region_id: str | None) -> str:
    kb = load_knowledge()
    if gemeente_id:
        return kb.get("gemeente", gemeente_id).name
    return kb.get("region", region_id).name if region_id else ""


def describe_role(dispatcher: CollectingDispatcher, tracker: Tracker, role_id: str) -> None:
    kb = load_knowledge()
    role = kb.get("role", role_id)
    school_gemeente, school_region = tracker.get_slot("gemeente"), tracker.get_slot("region")
    pupil_gemeente = tracker.get_slot("pupil_gemeente") if pupil_lives_elsewhere(tracker) else None
    answer = kb.contacts_for_pupil(role_id, school_gemeente, school_region, pupil_gemeente)
    if answer.by_residence:
        # Leerplicht, and the schoolcoaches of Altra, follow where the pupil lives.
        pupil_place = kb.get("gemeente", answer.gemeente_id)
        say(dispatcher, "partner_pupil_elsewhere", place=pupil_place.name,
            role=kb.local_role_name(role_id, pupil_place.region_id, pupil_place.id))
        if not pupil_place.in_region:
            for note in pupil_place.notes:
                dispatcher.utter_message(text=note.text)
            say_source(dispatcher, [note.source for note in pupil_place.notes])
            return
    gemeente_id, region_id = answer.gemeente_id, answer.region_id
    region = kb.get("region", region_id)
    local_name = kb.local_role_name(role_id, region.id, gemeente_id)
    title = local_name[:1].upper() + local_name[1:]
    regional = [] if region.is_default else regional_notes(role, region.id)
    if regional or (not region.is_default and not kb.is_school_role(role_id)):
        # Another region: only what that region's documents say, never the default region's wording.
        cited = describe_in_region(dispatcher, role_id, region.id, title, regional)
    else:
        dispatcher.utter_message(text=section(title, role.description))
        if role.when_to_contact:
            say(dispatcher, "partner_when_to_contact", when=role.when_to_contact.strip())
        cited = [role.source]
    for support in role.support_for(region.id):
        dispatcher.utter_message(text=section("", support.text, list(support.points)))
        cited.append(support.source)
    if kb.is_school_role(role_id):
        say(dispatcher, "partner_school_role", role=local_name)
        say_source(dispatcher, cited)
        return
    if answer.contacts:
        say(
            dispatcher, "partner_contacts", role=local_name, place=place_name(gemeente_id, region.id),
            contacts="\n".join(f"• {contact_line(contact)}" for contact in answer.contacts),
        )
    else:
        say(dispatcher, "partner_no_contacts", region=region.name, role=local_name)
    say_source(dispatcher, [*cited, *(c.source for c in answer.contacts)])


def regional_notes(role: Any, region_id: str) -> list[Any]:
    """The role's notes that come from the region's own documents."""
    sources = load_knowledge().sources
    return [note for note in role.notes
            if note.region_id == region_id or (note.region_id is None and not note.source.is_national
                                               and sources[note.source.file].region_id == region_id)]


def describe_in_region(dispatcher: CollectingDispatcher, role_id: str, region_id: str, title: str,
                       notes: list[Any]) -> list[Any]:
    """A partner in a region other than the default one: the region's notes about it,
    else the region's team description; the websites the region's documents give."""
    kb = load_knowledge()
    region, kernteam = kb.get("region", region_id), kb.kernteam(region_id)
    cited: list[Any] = [note.source for note in notes]
    if notes:
        dispatcher.utter_message(text=section(title, " ".join(note.text.strip() for note in notes)))
    elif kernteam is not None and role_id in kernteam.role_ids:
        dispatcher.utter_message(text=section(title, kernteam.text.strip()))
        cited.append(kernteam.source)
    else:
        dispatcher.utter_message(text=section(title))
        say(dispatcher, "partner_not_in_region", region=region.name)
        cited.append(region.source)
    for website in region.websites:
        if website.role_id == role_id:
            dispatcher.utter_message(text=f"→ {website.url} ({website.description})")
            cited.append(website.source)
    return cited


def ask_location(dispatcher: CollectingDispatcher) -> None:
    """Asks where the school is, with a button per place known in knowledge/."""
    say(dispatcher, "partner_ask_location", extra_buttons=location_buttons())


def say_unknown_place(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The typed text is never repeated: bot messages are stored unredacted."""
    say(dispatcher, "partner_unknown_place", places=known_places_text())
    ask_location(dispatcher)


class ActionFindPartner(Action):
    def name(self) -> Text:
        return "action_find_partner"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        intent = latest_intent(tracker)
        if intent != "inform_location" and is_out_of_scope_wie(tracker):
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        forms_ended = clear_forms(tracker, only_if_active=True)
        events: list[Any] = [*forms_ended, SlotSet("topic", "kernteampartner")]
        roles = roles_asked(tracker) or list(tracker.get_slot("pending_roles") or [])
        # A verlof or verzuim question read as a partner question or a place ("gezin wil 13
        # dagen weg, school in hoofddorp"): the form of that subject answers it.
        handover = form_for_kind_named(tracker)
        if (handover and not roles_named(tracker)[0] and not tracker.get_slot("pending_roles")
                and (intent == "inform_location" or not roles)):
            return [*forms_ended, FollowupAction(handover)]
        gemeente_id, region_id = tracker.get_slot("gemeente"), tracker.get_slot("region")
        located = bool(gemeente_id or region_id)
        place_named = any(_places_in_message(tracker))
        if intent == "inform_location" and not place_named:
            say_unknown_place(dispatcher, tracker)
            return events + ([SlotSet("pending_roles", roles)] if roles else [])
        # "Wie zit er in ons knooppunt?" (now, or before the place was asked): the team.
        members_question = asks_team_members(previous_user_text(tracker) if intent == "inform_location"
                                             else latest_text(tracker))
        if members_question and not roles_named(tracker)[0] and not tracker.get_slot("pending_roles"):
            return self.team_members(dispatcher, tracker, forms_ended)
        if intent == "inform_location" and not roles:
            say(dispatcher, "partner_location_noted", place=place_name(gemeente_id, region_id))
            return events
        if not roles:
            say(dispatcher, "partner_ask_concern")
            return events
        if not located and any(needs_school_place(tracker, role) for role in roles):
            # Name the partner first; who that is and how to reach them depends on the place.
            say(dispatcher, "partner_roles_first", roles=join_names([kb.local_role_name(role) for role in roles]))
            ask_location(dispatcher)
            return events + [SlotSet("pending_roles", roles)]
        region = (kb.get("region", region_id or kb.get("gemeente", gemeente_id).region_id) if located
                  else kb.default_region)
        for other in roles_named(tracker)[1]:
            say(dispatcher, "partner_role_other_region", term=other.name,
                other_region=kb.get("region", other.region_id).name, region=region.name,
                role=kb.local_role_name(other.role_id, region.id, gemeente_id))
        if not roles_named(tracker)[0]:
            # Partners that fit the concern: only those the school's region has.
            roles = roles_in_region(roles, region.id) or roles
        for role_id in roles:
            describe_role(dispatcher, tracker, role_id)
        say(dispatcher, "partner_closing")
        return events + [SlotSet("pending_roles", None)]

    @staticmethod
    def team_members(dispatcher: CollectingDispatcher, tracker: Tracker, forms_ended: list[Any]) -> list[Any]:
        """Who is in the school's team: a question about the samenwerking. Asks the
        place once when it is not known (the answer depends on the region)."""
        gemeente_id, region_id = tracker.get_slot("gemeente"), tracker.get_slot("region")
        if not (gemeente_id or region_id):
            ask_location(dispatcher)
            return [*forms_ended, SlotSet("topic", "samenwerking")]
        region_id = region_id or load_knowledge().get("gemeente", gemeente_id).region_id
        say_source(dispatcher, explain_members(dispatcher, region_id, gemeente_id))
        return [*forms_ended, SlotSet("topic", "samenwerking"), SlotSet("pending_roles", None)]
