"""The guided route "Ik heb vragen over (on)veiligheid… wat nu?" (actions/veiligheid.py).

The route asks at most three questions, shows the matching steps of the
handreiking and always ends by naming people. The bot never decides for the
teacher: no reply may tell them they must report, or judge that something
is abuse.
"""

from __future__ import annotations

import pytest
from action_helpers import all_text, payloads, run_action, slot_events, slot_value, texts

from actions.veiligheid import ACUTE_DISCLOSURE, BRANCHES, ActionVeiligheid

FORBIDDEN_PHRASES = ("je moet melden", "moet je melden", "mishandeling is")
PEOPLE_INTRO = "Met wie je dit kunt bespreken"

AT_ACUTE = {"route_step": "acute_check", "route_trail": ["acute_check"]}
AT_TALKED = {"route_step": "talked_check", "route_trail": ["acute_check", "talked_check"]}
AT_REACTION = {"route_step": "reaction_check", "route_trail": ["acute_check", "talked_check", "reaction_check"]}

# How a teacher reaches every branch: (intent, message, slots before).
BRANCH_CASES = {
    "zelf_doen": ("deny", "nee, nog niet", AT_TALKED),
    "ask_conversation_tips": ("ask_conversation_tips", "hoe begin ik een gesprek met ouders over mijn zorgen?", {}),
    "ask_anonymous_advice": ("ask_anonymous_advice", "kan ik anoniem advies vragen zonder namen te noemen?", {}),
    "parents_want_help": ("parents_want_help", "ze herkennen het en willen graag hulp", AT_REACTION),
    "parents_refuse_help": ("parents_refuse_help", "moeder ziet het wel maar wil geen hulp", AT_REACTION),
    "parents_see_no_problem": ("parents_see_no_problem", "de ouders vinden dat er niks aan de hand is", AT_REACTION),
    "ask_meldcode": ("ask_meldcode", "wat zijn de stappen van de meldcode?", {}),
    "ask_grijze_gebied": ("ask_grijze_gebied", "het gaat net goed genoeg thuis, wat nu?", {}),
    "ask_after_melding": ("ask_after_melding", "wat gebeurt er nadat we gemeld hebben bij Veilig Thuis?", {}),
    "ask_verwijsindex": ("ask_verwijsindex", "wat is de verwijsindex precies?", {}),
    "ask_randvoorwaarden": ("ask_randvoorwaarden", "wat moet er op school geregeld zijn rond veiligheid?", {}),
    "unsure_reaction": ("dont_know", "ik weet niet goed hoe ze reageerden", AT_REACTION),
    "child_disclosure": ("child_disclosure", "een leerling vertelde me iets over thuis en vroeg het geheim te houden", {}),
}
PLACES = {
    "school place unknown": {},
    "Haarlem": {"gemeente": "haarlem", "region": "zuid_kennemerland"},
    "Haarlemmermeer": {"gemeente": "haarlemmermeer", "region": "zuid_kennemerland"},
    "Utrecht": {"gemeente": "utrecht", "region": "utrecht"},
    "Zuid-Limburg": {"region": "zuid_limburg"},
}


def run_branch(make_tracker, domain, branch, place_slots=None):
    intent, text, slots = BRANCH_CASES[branch]
    tracker = make_tracker(text, intent, slots={**slots, **(place_slots or {})})
    return run_action(ActionVeiligheid(), tracker, domain)


def test_every_branch_of_the_route_is_covered_by_these_tests():
    # acute_disclosure follows 112 in action_acute_danger (tests/actions/test_common.py)
    assert set(BRANCH_CASES) | {ACUTE_DISCLOSURE} == set(BRANCHES)


@pytest.mark.parametrize("branch", sorted(BRANCH_CASES))
def test_every_branch_names_its_source(make_tracker, domain, branch):
    dispatcher, _ = run_branch(make_tracker, domain, branch)
    assert [text for text in texts(dispatcher) if text.startswith("Bron: ")], texts(dispatcher)


def test_a_disclosure_without_acute_danger_explains_secrecy_and_the_meldcode_never_the_grey_area(make_tracker, domain):
    dispatcher, events = run_branch(make_tracker, domain, "child_disclosure")
    said = all_text(dispatcher)
    assert "Beloof geen geheimhouding" in said
    assert "De vijf stappen van de meldcode" in said and "anoniem" in said
    assert "Veilig Thuis (0800-2000)" in said
    assert "grijze gebied" not in said.lower()
    assert slot_value(events, "topic") == "veiligheid"


def test_the_acute_question_names_112_and_veilig_thuis(make_tracker, domain):
    dispatcher, _ = run_action(ActionVeiligheid(), make_tracker("ik maak me zorgen", "worry_safety"), domain)
    assert "112" in texts(dispatcher)[0] and "0800-2000" in texts(dispatcher)[0]


# --- the questions --------------------------------------------------------------------

def test_a_worry_starts_the_route_with_the_acute_danger_question(make_tracker, domain):
    tracker = make_tracker("ik maak me zorgen over de veiligheid van een leerling thuis", "worry_safety")
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "direct gevaar" in all_text(dispatcher)
    assert payloads(dispatcher) == ["/affirm", "/deny", "/dont_know"]
    assert slot_events(events) == {"topic": "veiligheid", "route_step": "acute_check", "route_trail": ["acute_check"]}


def test_yes_to_acute_danger_gives_112_and_veilig_thuis_first(make_tracker, domain):
    tracker = make_tracker("ja, nu", "affirm", slots=AT_ACUTE)
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "112" in texts(dispatcher)[0] and "0800-2000" in texts(dispatcher)[0]
    assert slot_value(events, "route_step") is None


def test_no_acute_danger_asks_whether_the_teacher_talked_with_the_parents(make_tracker, domain):
    tracker = make_tracker("nee, het is niet acuut", "deny", slots=AT_ACUTE)
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "besproken met de ouders" in all_text(dispatcher)
    assert "/ask_conversation_tips" in payloads(dispatcher)
    assert slot_value(events, "route_step") == "talked_check"
    assert slot_value(events, "route_trail") == ["acute_check", "talked_check"]


def test_unsure_about_acute_danger_points_to_veilig_thuis_then_continues(make_tracker, domain):
    tracker = make_tracker("dat weet ik niet zo goed", "dont_know", slots=AT_ACUTE)
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "0800-2000" in texts(dispatcher)[0]
    assert "besproken met de ouders" in texts(dispatcher)[-1]
    assert slot_value(events, "route_step") == "talked_check"


def test_having_talked_with_the_parents_asks_how_they_reacted(make_tracker, domain):
    tracker = make_tracker("ja, vorige week al", "affirm", slots=AT_TALKED)
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "Hoe reageerden de ouders" in all_text(dispatcher)
    assert "/parents_refuse_help" in payloads(dispatcher)
    assert slot_value(events, "route_trail") == ["acute_check", "talked_check", "reaction_check"]


def test_not_yet_talked_shows_what_you_can_do_yourself_and_waits_for_the_reaction(make_tracker, domain):
    dispatcher, events = run_branch(make_tracker, domain, "zelf_doen")
    assert "Wat kun je zelf doen?" in texts(dispatcher)[0]
    assert "vertel me dan hoe de ouders reageerden" in texts(dispatcher)[-1]
    assert slot_value(events, "route_step") == "reaction_check"


def test_conversation_tips_inside_the_route_show_the_step_and_wait_for_the_reaction(make_tracker, domain):
    tracker = make_tracker("hoe begin ik zo'n gesprek?", "ask_conversation_tips", slots=AT_TALKED)
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "In gesprek met ouders en kind" in texts(dispatcher)[0]
    assert slot_value(events, "route_step") == "reaction_check"


def test_yes_is_no_answer_to_how_the_parents_reacted_so_the_question_is_asked_again(make_tracker, domain):
    tracker = make_tracker("ja", "affirm", slots=AT_REACTION)
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "Hoe reageerden de ouders" in all_text(dispatcher)
    assert slot_value(events, "route_step") == "reaction_check"


def test_yes_without_an_open_question_starts_the_route(make_tracker, domain):
    tracker = make_tracker("ja", "affirm")
    dispatcher, events = run_action(ActionVeiligheid(), tracker, domain)
    assert "direct gevaar" in all_text(dispatcher)
    assert slot_value(events, "route_step") == "acute_check"


# --- the branches ---------------------------------------------------------------------

@pytest.mark.parametrize("branch", sorted(BRANCH_CASES))
def test_every_branch_names_people_after_the_steps_and_sets_the_topic(make_tracker, domain, branch):
    dispatcher, events = run_branch(make_tracker, domain, branch)
    assert slot_value(events, "topic") == "veiligheid"
    people = [i for i, text in enumerate(texts(dispatcher)) if text.startswith(PEOPLE_INTRO)]
    assert len(people) == 1, texts(dispatcher)
    assert people[0] > 0  # the handreiking steps come first
    assert "Jij en je school beslissen" in texts(dispatcher)[people[0]]


@pytest.mark.parametrize("branch", sorted(BRANCH_CASES))
def test_no_branch_tells_the_teacher_to_report_or_judges_abuse(make_tracker, domain, branch):
    found = []
    for place, place_slots in PLACES.items():
        dispatcher, _ = run_branch(make_tracker, domain, branch, place_slots)
        for text in texts(dispatcher):
            found += [(place, phrase, text) for phrase in FORBIDDEN_PHRASES if phrase in text.lower()]
    assert found == []


def test_no_route_question_tells_the_teacher_to_report(make_tracker, domain):
    said = []
    for intent, slots in [("worry_safety", {}), ("deny", AT_ACUTE), ("dont_know", AT_ACUTE), ("affirm", AT_ACUTE),
                          ("affirm", AT_TALKED), ("ask_conversation_tips", AT_TALKED), ("affirm", AT_REACTION)]:
        dispatcher, _ = run_action(ActionVeiligheid(), make_tracker("...", intent, slots=slots), domain)
        said += texts(dispatcher)
    assert [text for text in said if any(phrase in text.lower() for phrase in FORBIDDEN_PHRASES)] == []


@pytest.mark.parametrize("branch", ["parents_refuse_help", "parents_see_no_problem", "ask_meldcode"])
def test_meldcode_branches_say_the_decision_is_not_made_alone_or_by_the_bot(make_tracker, domain, branch):
    dispatcher, _ = run_branch(make_tracker, domain, branch)
    assert "beslis je niet alleen en niet via mij" in all_text(dispatcher)
    assert "Stap 5" in all_text(dispatcher)


def test_parents_want_help_shows_how_to_call_in_the_kernteam(make_tracker, domain):
    dispatcher, events = run_branch(make_tracker, domain, "parents_want_help")
    assert "Kernpartners erbij halen" in texts(dispatcher)[0]
    assert slot_value(events, "route_step") is None
    assert "/ask_meldcode" in payloads(dispatcher)  # "Wil je meer weten?"


def test_branch_with_known_gemeente_lists_local_cjg_contacts(make_tracker, domain):
    dispatcher, _ = run_branch(make_tracker, domain, "ask_grijze_gebied", PLACES["Haarlemmermeer"])
    said = all_text(dispatcher)
    assert "schoolcoach (Altra)" in said
    assert "helpdeskschoolcoaches@altra.nl" in said


def test_branch_without_school_place_offers_to_look_up_contacts(make_tracker, domain):
    dispatcher, _ = run_branch(make_tracker, domain, "ask_anonymous_advice")
    assert "Vertel me waar je school staat" in all_text(dispatcher)
    assert "/ask_partner" in payloads(dispatcher)


def test_veilig_thuis_is_named_with_its_phone_number(make_tracker, domain):
    dispatcher, _ = run_branch(make_tracker, domain, "ask_anonymous_advice")
    people = next(text for text in texts(dispatcher) if text.startswith(PEOPLE_INTRO))
    assert "Veilig Thuis (0800-2000)" in people


def test_verwijsindex_gives_the_account_contact(make_tracker, domain):
    dispatcher, _ = run_branch(make_tracker, domain, "ask_verwijsindex")
    assert "m.albers@po-zk.nl" in all_text(dispatcher)


@pytest.mark.parametrize("text, intent", [
    ("niet acuut, maar ik twijfel echt of ik moet melden. ze heeft steeds blauwe plekken", "deny"),
    ("ik vermoed onveiligheid thuis bij een leerling, niet acuut", "worry_safety"),
    ("er is geen acuut gevaar maar ik maak me zorgen over thuis", "worry_safety"),
])
def test_not_acute_is_never_asked_again(make_tracker, domain, text, intent):
    dispatcher, events = run_action(ActionVeiligheid(), make_tracker(text, intent), domain)
    said = all_text(dispatcher)
    assert "direct gevaar?" not in said and "112" not in texts(dispatcher)[0]
    assert "aandachtsfunctionaris" in said.lower() and "0800-2000" in said
    assert slot_value(events, "route_step") == "talked_check"


@pytest.mark.parametrize("text, intent, slots", [
    ("ik vermoed onveiligheid thuis bij een leerling, niet acuut", "worry_safety", {}),
    ("nee, nog niet", "deny", AT_TALKED),
    ("moeder ziet het wel maar wil geen hulp", "parents_refuse_help", AT_REACTION),
])
def test_goeree_overflakkee_gets_its_own_partners_never_zuid_kennemerland(make_tracker, domain, text, intent, slots):
    place = {"gemeente": "goeree_overflakkee", "region": "goeree_overflakkee"}
    dispatcher, _ = run_action(ActionVeiligheid(), make_tracker(text, intent, slots={**slots, **place}), domain)
    said = all_text(dispatcher)
    people = next(line for line in texts(dispatcher) if line.startswith(PEOPLE_INTRO))
    assert "CJG Rijnmond" in people and "Kwadraad" in people and "aandachtsfunctionaris" in people
    assert "CJG-coach" not in people
    assert "Team Schoolondersteuning" in said  # who is in the team there, in its own words
    assert not any(local in said for local in ("CJG Kennemerland", "088-9958484", "Altra", "Leerplein"))
