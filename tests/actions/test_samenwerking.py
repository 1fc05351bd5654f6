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
    assert any(text.startswith(expected) for text in texts(dispatcher))
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


# --- issue 9 §3: every region gets its own answer --------------------------------------------

ZK_CONTACTS = ("088-9958484", "Leerplein", "kernteam@po-zk.nl", "passendonderwijs-zk")


@pytest.mark.parametrize("region, members", [
    ("utrecht", ["Lokalis", "jeugdgezondheidszorg", "begeleider passend onderwijs", "leerplichtambtenaar"]),
    ("goeree_overflakkee", ["CJG Rijnmond", "Kwadraad"]),
    ("zuid_limburg", ["schoolmaatschappelijk werk", "jeugdgezondheidszorg", "Team Jeugd"]),
])
def test_a_region_answer_starts_with_who_is_in_that_team(make_tracker, domain, region, members):
    dispatcher, _ = explain(make_tracker, domain, f'/ask_samenwerking{{"region":"{region}"}}',
                            entities=[entity("region", region)])
    first = texts(dispatcher)[0]
    assert all(member in first for member in members), first
    assert not any(zk in all_text(dispatcher) for zk in ZK_CONTACTS)


def test_team_schoolondersteuning_question_names_cjg_rijnmond_and_kwadraad(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "hoe werkt het team schoolondersteuning bij ons op goeree-overflakkee?",
                            entities=[entity("gemeente", "goeree_overflakkee")])
    said = all_text(dispatcher)
    assert "CJG Rijnmond" in said and "Kwadraad" in said


def affirm_after(make_tracker, domain, earlier_bot_messages):
    events = [{"event": "user", "text": "hoe richten wij ons knooppunt in?"},
              *({"event": "bot", "text": m.get("text"), "data": {"buttons": m.get("buttons")}} for m in earlier_bot_messages),
              {"event": "user", "text": "ja graag"}]
    tracker = make_tracker("ja graag", "affirm", slots={"region": "zuid_limburg"}, events=events)
    return run_action(ActionExplainSamenwerking(), tracker, domain)


def test_ja_graag_after_the_offer_shows_the_steps(make_tracker, domain):
    first, _ = explain(make_tracker, domain, "hoe richten wij als basisschool in zuid limburg ons knooppunt in?",
                       entities=[entity("region", "zuid_limburg")])
    dispatcher, events = affirm_after(make_tracker, domain, first.messages)
    said = all_text(dispatcher)
    assert "Stap 1" in said and "organisatie" in said
    assert slot_events(events) == {"topic": "samenwerking"}


def test_ja_without_an_offer_is_answered_as_a_yes_without_a_question(make_tracker, domain):
    first, _ = explain(make_tracker, domain, "hoe werkt het kernteam?")
    dispatcher, events = affirm_after(make_tracker, domain, first.messages)
    assert [message.get("response") for message in dispatcher.messages] == ["utter_affirm_without_question"]
    assert events == []


def test_a_directeur_without_a_kernteam_gets_the_procesbegeleider(make_tracker, domain):
    text = "ik ben directeur van een basisschool in haarlem en we hebben nog geen kernteam. hoe beginnen we?"
    dispatcher, _ = explain(make_tracker, domain, text, entities=[entity("role", "directeur"), entity("gemeente", "haarlem")])
    said = all_text(dispatcher)
    assert "kernteam@po-zk.nl" in said
    assert "je directeur" not in said and "je directie" not in said


def test_professionalising_in_another_region_gives_no_zuid_kennemerland_contacts(make_tracker, domain):
    tracker = make_tracker("kunnen we intervisie organiseren met ons kernteam?", "ask_samenwerking",
                           slots={"region": "utrecht", "gemeente": "utrecht"})
    dispatcher, _ = run_action(ActionExplainSamenwerking(), tracker, domain)
    assert not any(zk in all_text(dispatcher) for zk in ZK_CONTACTS)


def test_a_remembered_region_answers_a_general_question(make_tracker, domain):
    tracker = make_tracker("hoe werkt het kernteam?", "ask_samenwerking", slots={"region": "goeree_overflakkee"})
    dispatcher, _ = run_action(ActionExplainSamenwerking(), tracker, domain)
    said = all_text(dispatcher)
    assert "Team Schoolondersteuning" in said and "*Visie*" not in said


def test_who_is_in_the_kernteam_names_the_members(make_tracker, domain):
    dispatcher, events = explain(make_tracker, domain, "wie zitten er in het kernteam van een basisschool in bloemendaal?",
                                 entities=[entity("gemeente", "bloemendaal")])
    said = all_text(dispatcher)
    for member in ("CJG-coach", "leerplicht", "onderwijsconsulent", "JGZ"):
        assert member in said
    assert slot_events(events) == {"topic": "samenwerking"}
