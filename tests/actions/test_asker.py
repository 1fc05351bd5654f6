"""Who is asking (actions/asker.py) and answers that never send people to
themselves (actions/people.py)."""

from __future__ import annotations

import pytest
from action_helpers import all_text, run_action, slot_events
from rasa_sdk.executor import CollectingDispatcher

from actions.asker import ActionRememberAsker, asker_in_text, school_colleagues
from actions.people import name_people


@pytest.mark.parametrize("text, role", [
    ("ik ben zelf de ib'er. bij wie kan ik terecht", "intern_begeleider"),
    ("ik ben intern begeleider. een leerling is 17 keer te laat", "intern_begeleider"),
    ("ik ben directeur van een basisschool. wat moet er geregeld zijn", "directeur"),
    ("mag ik als directeur verlof geven voor meer dan 10 dagen", "directeur"),
    ("IK BEN IB'ER", "intern_begeleider"),
    ("ik ben leerkracht van groep 5", "leerkracht"),
])
def test_the_asker_is_read_from_the_message(text, role):
    assert asker_in_text(text)[0] == role


@pytest.mark.parametrize("text", [
    "tot hoeveel dagen mag onze directeur zelf verlof geven",
    "als de directeur het goedvindt mag het",
    "ik ben bang dat ze thuis geslagen wordt",
    "en als ouders het willen?",
    "de ib'er zegt dat het niet kan",
])
def test_other_people_named_are_not_the_asker(text):
    assert asker_in_text(text) is None


def test_the_asker_is_remembered_in_a_slot(make_tracker, domain):
    _, events = run_action(ActionRememberAsker(), make_tracker("ik ben ib'er, vraagje", "ask_verzuim"), domain)
    assert slot_events(events) == {"asker_role": "intern_begeleider"}
    _, events = run_action(ActionRememberAsker(), make_tracker("hoe zit het met verlof", "ask_verlof",
                                                               slots={"asker_role": "directeur"}), domain)
    assert events == []  # a message that does not say who is asking changes nothing


def test_colleagues_never_include_the_asker(make_tracker):
    assert school_colleagues(make_tracker("...", "inform")) == "je IB'er of directeur"
    assert school_colleagues(make_tracker("...", "inform", slots={"asker_role": "intern_begeleider"})) == "je directeur"
    assert school_colleagues(make_tracker("...", "inform", slots={"asker_role": "directeur"})) == "je IB'er"


def test_the_asker_is_not_named_as_someone_to_talk_to(make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("ik ben directeur. wat moet er geregeld zijn", "ask_randvoorwaarden")
    name_people(dispatcher, tracker, ["directeur", "aandachtsfunctionaris"])
    said = all_text(dispatcher)
    assert "bespreken: aandachtsfunctionaris" in said and "directeur" not in said


def test_only_the_asker_named_says_the_decision_is_theirs(make_tracker):
    dispatcher = CollectingDispatcher()
    name_people(dispatcher, make_tracker("...", "ask_verlof", slots={"asker_role": "directeur"}), ["directeur"])
    assert "Dit ligt bij jou als directeur" in all_text(dispatcher)


def test_an_ib_er_asking_about_upbringing_gets_the_partner_not_the_ib_er(make_tracker, domain):
    from action_helpers import entity

    from actions.kernteampartner import ActionFindPartner

    text = "ik ben zelf de ib'er. bij wie kan ik terecht met zorgen over de opvoeding thuis bij een leerling? school in heemstede"
    tracker = make_tracker(text, "ask_partner", entities=[entity("role", "intern_begeleider", "ib'er")],
                           slots={"gemeente": "heemstede", "region": "zuid_kennemerland"})
    dispatcher, _ = run_action(ActionFindPartner(), tracker, domain)
    said = all_text(dispatcher)
    assert "CJG" in said and "cjg@heemstede.nl" in said
    assert "IB'er wie dat bij jullie is" not in said
