"""How the kernteam works together (actions/samenwerking.py)."""

from __future__ import annotations

import pytest
from action_helpers import all_text, entity, payloads, run_action, slot_events, texts

from actions.samenwerking import ActionExplainSamenwerking

PRINCIPLES = ("*Visie*", "*Vertrouwen*", "*Communicatie*", "*Rollen en verantwoordelijkheid*")


def explain(make_tracker, domain, text, entities=None):
    return run_action(ActionExplainSamenwerking(), make_tracker(text, "ask_samenwerking", entities=entities), domain)


@pytest.mark.parametrize("region, expected", [
    ("utrecht", "*De kernpartneraanpak*"),
    ("goeree_overflakkee", "*Het Team Schoolondersteuning*"),
    ("zuid_limburg", "*Het knooppunt*"),
])
def test_region_button_shows_how_that_region_works(make_tracker, domain, region, expected):
    dispatcher, events = explain(make_tracker, domain, f'/ask_samenwerking{{"region":"{region}"}}',
                                 entities=[entity("region", region)])
    assert texts(dispatcher)[0].startswith(expected)
    assert not any(principle in all_text(dispatcher) for principle in PRINCIPLES)
    assert slot_events(events) == {"topic": "samenwerking"}


def test_professionaliseren_theme_gives_the_ways_themes_and_contact(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, '/ask_samenwerking{"samenwerking_theme":"professionaliseren"}',
                            entities=[entity("samenwerking_theme", "professionaliseren")])
    said = all_text(dispatcher)
    assert "Samen professionaliseren als kernteam" in said
    assert "Intervisie en casusbespreking" in said
    assert "Thema's waar kernteams samen mee aan de slag kunnen" in said
    assert "kernteam@po-zk.nl" in said


def test_intervisie_in_free_text_is_about_professionalising(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "kunnen we intervisie organiseren met ons kernteam?")
    assert "kernteam@po-zk.nl" in all_text(dispatcher)


def test_regie_question_shows_only_roles_and_responsibility(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "wie heeft de regie in het kernteam?")
    said = all_text(dispatcher)
    assert "*Rollen en verantwoordelijkheid*" in said
    assert "*Visie*" not in said


def test_general_question_shows_all_principles(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "hoe werkt het kernteam?")
    assert all(principle in all_text(dispatcher) for principle in PRINCIPLES)


def test_own_region_gives_the_principles_not_another_region(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "hoe werkt het kernteam in Haarlem?", entities=[entity("gemeente", "haarlem")])
    assert "*Visie*" in all_text(dispatcher)
    assert "kernpartneraanpak" not in all_text(dispatcher)


def test_every_answer_offers_more_about_the_samenwerking(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "hoe werkt het kernteam?")
    assert texts(dispatcher)[-1] == "Wil je meer weten over de samenwerking?"
    assert '/ask_samenwerking{"region":"utrecht"}' in payloads(dispatcher)


@pytest.mark.parametrize("region, route_title", [
    ("goeree_overflakkee", "Team Schoolondersteuning"),
    ("zuid_limburg", "knooppunt"),
])
def test_region_answer_offers_the_step_by_step_working_method(make_tracker, domain, region, route_title):
    dispatcher, _ = explain(make_tracker, domain, f'/ask_samenwerking{{"region":"{region}"}}',
                            entities=[entity("region", region)])
    assert route_title.lower() in all_text(dispatcher).lower()
    assert f'/ask_samenwerking{{"region":"{region}","samenwerking_theme":"werkwijze"}}' in payloads(dispatcher)


def test_working_method_of_goeree_overflakkee_lists_schakelteam_regierol_and_kindkans(make_tracker, domain):
    dispatcher, _ = explain(
        make_tracker, domain, '/ask_samenwerking{"region":"goeree_overflakkee","samenwerking_theme":"werkwijze"}',
        entities=[entity("region", "goeree_overflakkee"), entity("samenwerking_theme", "werkwijze")],
    )
    said = all_text(dispatcher)
    for step in ("Registreren in Kindkans", "Overlegronde van het schakelteam", "Regierol toewijzen of doorzetten"):
        assert step in said
