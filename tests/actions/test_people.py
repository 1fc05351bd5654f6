"""Naming the people to talk to (actions/people.py): the school's region decides
which partners exist and what they are called; no Zuid-Kennemerland names or
contacts for a school elsewhere."""

from __future__ import annotations

from action_helpers import all_text
from rasa_sdk.executor import CollectingDispatcher

from actions.people import name_people

SAFETY_PEOPLE = ["aandachtsfunctionaris", "veilig_thuis", "cjg_coach", "jgz"]


def people(make_tracker, slots, roles, contact_roles=()):
    dispatcher = CollectingDispatcher()
    name_people(dispatcher, make_tracker("...", "worry_safety", slots=slots), roles, contact_roles)
    return all_text(dispatcher)


def test_a_partner_that_the_region_does_not_have_is_not_named(make_tracker):
    said = people(make_tracker, {"region": "goeree_overflakkee"}, SAFETY_PEOPLE)
    assert "CJG-coach" not in said
    assert "jeugdverpleegkundige van CJG Rijnmond" in said
    assert "Veilig Thuis (0800-2000)" in said and "aandachtsfunctionaris" in said


def test_the_default_region_keeps_every_partner(make_tracker):
    said = people(make_tracker, {"gemeente": "haarlem", "region": "zuid_kennemerland"}, SAFETY_PEOPLE)
    assert "CJG-coach" in said and "JGZ" in said


def test_a_region_without_contacts_names_its_own_team_instead(make_tracker):
    said = people(make_tracker, {"region": "utrecht"}, ["leerplichtambtenaar", "cjg_coach"], ["leerplichtambtenaar", "cjg_coach"])
    assert "vier kernpartners" in said and "Lokalis" in said
    assert "noemen geen contactgegevens" in said
    assert "Leerplein" not in said and "@" not in said
