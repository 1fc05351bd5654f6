"""Names the people a teacher can turn to, with contacts for the school's place."""

from __future__ import annotations

from typing import Sequence

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.asker import asker_role
from actions.offers import OFFER_CONTACTS, offer_events
from actions.rendering import contact_line, join_names
from bot.knowledge import load_knowledge
from actions.messages import say


def school_place(tracker: Tracker) -> tuple[str | None, str]:
    """(gemeente id or None, region id) of the school; the default region when unknown."""
    kb = load_knowledge()
    gemeente_id = tracker.get_slot("gemeente")
    region_id = tracker.get_slot("region")
    if gemeente_id and not region_id:
        region_id = kb.get("gemeente", gemeente_id).region_id
    return gemeente_id, region_id or kb.default_region.id


def roles_in_region(role_ids: Sequence[str], region_id: str) -> list[str]:
    """The roles a school in this region has: every role in the default region;
    elsewhere the partners the region's documents name, colleagues inside the school
    and partners with a national number (Veilig Thuis)."""
    kb = load_knowledge()
    region = kb.get("region", region_id)
    if region.is_default:
        return list(role_ids)
    return [role_id for role_id in role_ids
            if role_id in region.roles or kb.is_school_role(role_id)
            or any(contact.is_national for contact in kb.contacts(role_id, region_id=region_id))]


def role_names(role_ids: Sequence[str], region_id: str, gemeente_id: str | None = None) -> list[str]:
    kb = load_knowledge()
    return [kb.local_role_name(role_id, region_id, gemeente_id) for role_id in role_ids]


def name_people(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    role_ids: Sequence[str],
    contact_role_ids: Sequence[str] = (),
    offer: bool = True,
) -> list[dict]:
    """Ends a branch: who to talk to (never the asker's own role), and the contacts
    for the school's gemeente, or an offer to look them up when the gemeente is
    unknown (``offer``). Returns the events that remember an open offer, so that
    "ja graag" does what was offered (actions/offers.py)."""
    kb = load_knowledge()
    gemeente_id, region_id = school_place(tracker)
    me = asker_role(tracker)
    asked_for = list(role_ids)
    role_ids = [role_id for role_id in roles_in_region(role_ids, region_id) if role_id != me]
    contact_role_ids = [role_id for role_id in roles_in_region(contact_role_ids, region_id) if role_id != me]
    if asked_for and not role_ids:
        say(dispatcher, "people_asker_decides", role=kb.local_role_name(me, region_id, gemeente_id))
        return []
    names = role_names(role_ids, region_id, gemeente_id)
    for index, role_id in enumerate(role_ids):
        # A partner with one national number (Veilig Thuis): the number goes with the name.
        phones = [c.phone for c in kb.contacts(role_id, region_id=region_id) if c.is_national and c.phone]
        if phones:
            names[index] = f"{names[index]} ({phones[0]})"
    say(dispatcher, "people_to_talk_to", people=join_names(names))
    if not contact_role_ids:
        return []
    if not gemeente_id and not tracker.get_slot("region"):
        if not offer:
            return []
        say(dispatcher, "people_contact_offer")
        return offer_events(OFFER_CONTACTS, contact_role_ids)
    lines = [
        contact_line(contact)
        for role_id in contact_role_ids
        for contact in kb.contacts(role_id, gemeente_id=gemeente_id, region_id=region_id)
    ]
    if lines:
        dispatcher.utter_message(text="\n".join(f"• {line}" for line in lines))
    elif not kb.get("region", region_id).contacts_in_sources:
        # No contacts in the region's documents: who is in the team there, in its own words.
        kernteam = kb.kernteam(region_id)
        if kernteam is not None:
            dispatcher.utter_message(text=kernteam.text.strip())
        say(dispatcher, "people_no_contacts", region=kb.get("region", region_id).name)
    return []
