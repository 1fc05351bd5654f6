"""Tweede deskundige (actions/tweede_deskundige.py): the form asks the first
expert's function and who is involved; the explanation proposes who may be the
second expert, in the order of the routeboek. The triade decides."""

from __future__ import annotations

import pytest
from action_helpers import all_text, entity, run_action, slot_events, slot_value, texts

from actions.form_validation import UNKNOWN
from actions.tweede_deskundige import ActionExplainTweedeDeskundige, ValidateTweedeDeskundigeForm, proposal

FORM = "tweede_deskundige_form"


def answer(make_tracker, domain, text, slots, intent="inform", entities=None):
    tracker = make_tracker(text, intent, slots=slots, entities=entities, active_loop=FORM)
    return run_action(ValidateTweedeDeskundigeForm(), tracker, domain)


def explain(make_tracker, domain, first, involved):
    tracker = make_tracker("ok", "inform", slots={"first_expert_function": first, "involved_experts": involved})
    return run_action(ActionExplainTweedeDeskundige(), tracker, domain)


def ids(candidates):
    return [candidate.id for candidate in candidates]


# --- the form ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, function", [
    ("de jeugdarts", "arts"),
    ("de eerste deskundige is een orthopedagoog", "pedagoog"),
    ("een psycholoog van het SWV", "kinder_jeugdpsycholoog"),
    ("de CJG-coach", "maatschappelijk_werker"),
])
def test_first_expert_function_is_recognised(make_tracker, domain, text, function):
    _, events = answer(make_tracker, domain, text, {"requested_slot": "first_expert_function"})
    assert slot_value(events, "first_expert_function") == function
    assert slot_value(events, "topic") == "tweede_deskundige"


def test_first_expert_in_the_opening_question_is_picked_up(make_tracker, domain):
    _, events = answer(make_tracker, domain, "wie moet de tweede deskundige zijn? de eerste is een psycholoog", {},
                       intent="ask_tweede_deskundige")
    assert slot_value(events, "first_expert_function") == "kinder_jeugdpsycholoog"
    assert "involved_experts" not in slot_events(events)  # only asked explicitly


def test_an_unrecognised_first_expert_is_asked_again(make_tracker, domain):
    dispatcher, events = answer(make_tracker, domain, "de juf van groep 5", {"requested_slot": "first_expert_function"})
    assert "first_expert_function" not in slot_events(events)
    assert slot_value(events, "invalid_answers") == 1
    assert "Ik herkende je antwoord niet" in all_text(dispatcher)


@pytest.mark.parametrize("text, intent", [("niemand", "inform"), ("nee, nog niemand", "deny")])
def test_nobody_involved_gives_an_empty_list(make_tracker, domain, text, intent):
    _, events = answer(make_tracker, domain, text, {"first_expert_function": "arts", "requested_slot": "involved_experts"},
                       intent=intent)
    assert slot_value(events, "involved_experts") == []


def test_involved_experts_are_recognised_by_name_and_by_entity(make_tracker, domain):
    slots = {"first_expert_function": "pedagoog", "requested_slot": "involved_experts"}
    _, events = answer(make_tracker, domain, "de jeugdarts en de CJG-coach", slots)
    assert slot_value(events, "involved_experts") == ["jeugdarts", "cjg_coach"]
    _, events = answer(make_tracker, domain, "die is betrokken", slots, entities=[entity("role", "cjg_coach")])
    assert slot_value(events, "involved_experts") == ["cjg_coach"]


# --- the proposal --------------------------------------------------------------------------

def test_proposal_excludes_the_same_function_and_flags_who_is_not_involved():
    possible, same_function, not_involved = proposal("arts", ["cjg_coach"])
    assert ids(same_function) == ["jeugdarts"]
    assert ids(possible)[0] == "cjg_coach"
    assert "poh_jeugd" in ids(not_involved)


def test_proposal_with_nobody_involved_flags_every_named_candidate():
    possible, same_function, not_involved = proposal("pedagoog", [])
    assert same_function == []
    assert {"jeugdarts", "cjg_coach", "poh_jeugd"} <= set(ids(not_involved))


def test_proposal_without_answers_lists_everyone_in_routeboek_order():
    possible, same_function, not_involved = proposal(UNKNOWN, UNKNOWN)
    assert ids(possible) == ["jeugdarts", "cjg_coach", "poh_jeugd", "andere_deskundige"]
    assert same_function == [] and not_involved == []


# --- the explanation ---------------------------------------------------------------------------

def test_first_expert_jeugdarts_excludes_the_jeugdarts_and_proposes_the_involved_cjg_coach(make_tracker, domain):
    dispatcher, events = explain(make_tracker, domain, "arts", ["cjg_coach"])
    said = texts(dispatcher)
    possible = next(text for text in said if text.startswith("Wie de school kan vragen"))
    assert "De CJG-coach" in possible and "De jeugdarts" not in possible
    assert "De jeugdarts kan hier geen tweede deskundige zijn" in all_text(dispatcher)
    assert "De POH-Jeugd kan alleen tekenen als die echt bij de leerling betrokken is" in all_text(dispatcher)
    assert slot_events(events) == {"topic": "tweede_deskundige", "invalid_answers": 0}


def test_explanation_leaves_the_decision_to_the_triade(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "pedagoog", ["jeugdarts"])
    said = all_text(dispatcher)
    assert "De keuze maak je niet alleen: ouders, school en speciaal (basis)onderwijs" in said
    assert "wettelijk verplicht een tweede deskundige" in said


def test_unknown_involved_experts_as_rasa_stores_them_flag_nobody_as_not_involved(make_tracker, domain):
    # involved_experts is a list slot: Rasa stores the form's "onbekend" as ["onbekend"].
    dispatcher, _ = explain(make_tracker, domain, "pedagoog", [UNKNOWN])
    said = all_text(dispatcher)
    assert "kan alleen tekenen als die echt bij de leerling betrokken is" not in said
    possible = next(text for text in texts(dispatcher) if text.startswith("Wie de school kan vragen"))
    assert "De jeugdarts" in possible and "De CJG-coach" in possible


def test_another_professional_with_the_same_function_is_named_as_not_possible(make_tracker, domain):
    from action_helpers import all_text, run_action, slot_value
    from actions.tweede_deskundige import ActionExplainTweedeDeskundige, ValidateTweedeDeskundigeForm

    slots = {"first_expert_function": "kinder_jeugdpsycholoog", "requested_slot": "involved_experts"}
    tracker = make_tracker("alleen een andere psycholoog van hetzelfde bureau", "out_of_scope", slots=slots,
                           active_loop="tweede_deskundige_form")
    _, events = run_action(ValidateTweedeDeskundigeForm(), tracker, domain)
    involved = slot_value(events, "involved_experts")
    assert involved == ["kinder_jeugdpsycholoog"]
    tracker = make_tracker("...", "inform", slots={"first_expert_function": "kinder_jeugdpsycholoog",
                                                   "involved_experts": involved})
    dispatcher, _ = run_action(ActionExplainTweedeDeskundige(), tracker, domain)
    assert "dezelfde functie" in all_text(dispatcher) and "kinder- en jeugdpsycholoog" in all_text(dispatcher)
