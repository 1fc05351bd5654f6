"""Names the people a teacher can turn to, with contacts for the school's place."""

from __future__ import annotations

from typing import Sequence

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.rendering import contact_line, join_names
from bot.knowledge import load_knowledge
from actions.messages import say


def school_place(tracker: Tracker) -> tuple[str | None, str]:
    """(gemeente id or None, region id) of the school; the default region when unknown."""
    kb = load_knowledge()
    gemeente_id = tracker.get_slot("gemeente")
    region_id = tracker.get_slot("region")
    if gemeente_id and not region_id:
        region_id = kb.gemeente(gemeente_id).region_id
    return gemeente_id, region_id or kb.default_region.id


def role_names(role_ids: Sequence[str], region_id: str, gemeente_id: str | None = None) -> list[str]:
    kb = load_knowledge()
    return [kb.local_role_name(role_id, region_id, gemeente_id) for role_id in role_ids]


def name_people(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    role_ids: Sequence[str],
    contact_role_ids: Sequence[str] = (),
) -> None:
    """Ends a branch: who to talk to, and the contacts for the school's gemeente
    (or an offer to look them up when the gemeente is unknown)."""
    kb = load_knowledge()
    gemeente_id, region_id = school_place(tracker)
    names = role_names(role_ids, region_id, gemeente_id)
    for index, role_id in enumerate(role_ids):
        # A partner with one national number (Veilig Thuis): the number goes with the name.
        phones = [c.phone for c in kb.contacts(role_id, region_id=region_id) if c.is_national and c.phone]
        if phones:
            names[index] = f"{names[index]} ({phones[0]})"
    say(dispatcher, "people_to_talk_to", people=join_names(names))
    if not contact_role_ids:
        return
    if not gemeente_id and not tracker.get_slot("region"):
        say(dispatcher, "people_contact_offer")
        return
    lines = [
        contact_line(contact)
        for role_id in contact_role_ids
        for contact in kb.contacts(role_id, gemeente_id=gemeente_id, region_id=region_id)
    ]
    if lines:
        dispatcher.utter_message(text="\n".join(f"• {line}" for line in lines))
    elif not kb.region(region_id).contacts_in_sources:
        say(dispatcher, "people_no_contacts", region=kb.region(region_id).name)
