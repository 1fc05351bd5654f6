"""Verlof (actions/verlof.py): the form reads the teacher's answers, then the
explanation applies the Verzuimkaart rules. The assistant explains; the
director (or the leerplichtambtenaar) decides."""

from __future__ import annotations

import asyncio
import itertools
import re

import pytest
from action_helpers import all_text, run_action, slot_events, slot_value, texts

from actions.verlof import ActionExplainVerlof, ValidateVerlofForm

FORM = "verlof_form"
DISCLAIMER = "keur geen verlof goed of af"
DECISION_WORDS = ("toegekend", "afgewezen", "goedgekeurd")


def answer(make_tracker, domain, text, slots, intent="inform"):
    """The teacher answers the open question of the verlof form."""
    tracker = make_tracker(text, intent, slots=slots, active_loop=FORM)
    return run_action(ValidateVerlofForm(), tracker, domain)


def asking(slot, **filled):
    return {"verlof_kind": "vakantie", **filled, "requested_slot": slot}


# --- number of days ---------------------------------------------------------------------

@pytest.mark.parametrize("text, days", [
    ("twee weken", 10), ("anderhalve week", 7.5), ("een dag of tien", 10), ("3 dagen", 3), ("5", 5),
])
def test_days_are_read_from_dutch_words(make_tracker, domain, text, days):
    dispatcher, events = answer(make_tracker, domain, text, asking("verlof_days"))
    assert slot_value(events, "verlof_days") == days
    assert slot_value(events, "invalid_answers") == 0
    assert texts(dispatcher) == []


@pytest.mark.parametrize("text, reason", [
    ("0 dagen", "niet mogelijk"), ("400 dagen", "niet mogelijk"),
    ("gisteren", "niet als aantal schooldagen lezen"), ("geen idee wat", "niet als aantal schooldagen lezen"),
])
def test_impossible_or_unreadable_days_are_asked_again_with_a_reason(make_tracker, domain, text, reason):
    dispatcher, events = answer(make_tracker, domain, text, asking("verlof_days"))
    assert "verlof_days" not in slot_events(events)
    assert slot_value(events, "invalid_answers") == 1
    assert reason in all_text(dispatcher)


def test_out_of_range_days_name_the_allowed_range(make_tracker, domain):
    dispatcher, _ = answer(make_tracker, domain, "400 dagen", asking("verlof_days"))
    assert all_text(dispatcher) == "400 dagen is niet mogelijk bij verlof. Kies een aantal tussen een halve dag en 190 schooldagen."


# --- the opening message can fill several questions --------------------------------------------

def test_opening_message_fills_kind_and_days(make_tracker, domain):
    text = "ouders vragen 12 dagen verlof voor een begrafenis, gewichtige omstandigheden"
    _, events = answer(make_tracker, domain, text, {}, intent="ask_verlof")
    assert slot_value(events, "verlof_kind") == "gewichtige_omstandigheden"
    assert slot_value(events, "verlof_days") == 12
    assert slot_value(events, "topic") == "verlof"


def test_two_weeks_after_summer_is_the_period_not_the_number_of_days(make_tracker, domain):
    text = "Ouders willen vakantieverlof in de eerste twee weken na de zomervakantie"
    _, events = answer(make_tracker, domain, text, {}, intent="ask_verlof")
    assert slot_value(events, "verlof_after_summer") is True
    assert "verlof_days" not in slot_events(events)


def test_notice_period_and_number_of_days_in_one_message_are_not_mixed_up(make_tracker, domain):
    text = "ouders hebben 3 weken van tevoren 5 dagen vakantieverlof aangevraagd"
    _, events = answer(make_tracker, domain, text, {}, intent="ask_verlof")
    assert slot_value(events, "verlof_days") == 5
    assert slot_value(events, "verlof_notice_weeks") == 3


def test_notice_weeks_are_not_taken_from_the_number_of_days(make_tracker, domain):
    text = "vakantieverlof van 5 dagen, schriftelijk aangevraagd, 10 weken van tevoren"
    _, events = answer(make_tracker, domain, text, {}, intent="ask_verlof")
    assert slot_value(events, "verlof_days") == 5
    assert slot_value(events, "verlof_notice_weeks") == 10
    assert slot_value(events, "verlof_in_writing") is True


# --- which questions are asked -----------------------------------------------------------------

def test_gewichtige_omstandigheden_skips_the_question_about_the_summer(make_tracker, domain):
    slots = {"verlof_kind": "gewichtige_omstandigheden", "requested_slot": "verlof_days"}
    _, events = answer(make_tracker, domain, "twaalf dagen", slots)
    assert slot_value(events, "requested_slot") == "verlof_notice_weeks"
    tracker = make_tracker("twaalf dagen", "inform", slots=slots, active_loop=FORM)
    required = asyncio.run(ValidateVerlofForm().required_slots(
        domain["forms"][FORM]["required_slots"], None, tracker, domain))
    assert "verlof_after_summer" not in required


def test_vakantie_asks_about_the_first_weeks_after_summer(make_tracker, domain):
    tracker = make_tracker("vakantie", "inform", slots={"verlof_kind": "vakantie"}, active_loop=FORM)
    required = asyncio.run(ValidateVerlofForm().required_slots(
        domain["forms"][FORM]["required_slots"], None, tracker, domain))
    assert "verlof_after_summer" in required


# --- period, notice, in writing ------------------------------------------------------------------

@pytest.mark.parametrize("text, intent, expected", [
    ("in de eerste week na de zomervakantie", "inform", True),
    ("ja", "affirm", True),
    ("nee", "deny", False),
    ("in de kerstvakantie", "inform", False),
    ("voor de zomervakantie, in juni", "inform", False),
])
def test_period_after_summer(make_tracker, domain, text, intent, expected):
    _, events = answer(make_tracker, domain, text, asking("verlof_after_summer", verlof_days=5.0), intent=intent)
    assert slot_value(events, "verlof_after_summer") is expected


@pytest.mark.parametrize("text", ["gisteren", "vorige week"])
def test_a_date_in_the_past_is_asked_again(make_tracker, domain, text):
    dispatcher, events = answer(make_tracker, domain, text, asking("verlof_after_summer", verlof_days=5.0))
    assert "verlof_after_summer" not in slot_events(events)
    assert "die periode ligt al achter ons" in all_text(dispatcher)
    assert text not in all_text(dispatcher)  # what the teacher typed is never repeated


@pytest.mark.parametrize("text, weeks", [("zes weken van tevoren", 6), ("twee maanden", 8.7), ("vandaag", 0)])
def test_notice_weeks(make_tracker, domain, text, weeks):
    _, events = answer(make_tracker, domain, text, asking("verlof_notice_weeks", verlof_days=5.0, verlof_after_summer=False))
    assert slot_value(events, "verlof_notice_weeks") == weeks


@pytest.mark.parametrize("text, intent, expected", [
    ("per mail", "inform", True), ("ja", "affirm", True),
    ("ze hebben het mondeling gevraagd", "inform", False), ("nee", "deny", False),
    ("nee, niet op papier", "deny", False), ("nee, niet per mail", "deny", False),
])
def test_request_in_writing(make_tracker, domain, text, intent, expected):
    slots = asking("verlof_in_writing", verlof_days=5.0, verlof_after_summer=False, verlof_notice_weeks=8.0)
    _, events = answer(make_tracker, domain, text, slots, intent=intent)
    assert slot_value(events, "verlof_in_writing") is expected


# --- the explanation ------------------------------------------------------------------------

def explain(make_tracker, domain, **slots):
    return run_action(ActionExplainVerlof(), make_tracker("ja", "affirm", slots=slots), domain)


def test_more_than_ten_days_gewichtige_omstandigheden_goes_to_the_leerplichtambtenaar(make_tracker, domain):
    dispatcher, events = explain(make_tracker, domain, verlof_kind="gewichtige_omstandigheden", verlof_days=12.0,
                                 verlof_notice_weeks=8.0, verlof_in_writing=True)
    said = all_text(dispatcher)
    assert "12 dagen is meer dan 10" in said
    assert "stuurt het verzoek door naar de leerplichtambtenaar." in said
    assert slot_events(events) == {"topic": "verlof", "invalid_answers": 0}


def test_ten_days_gewichtige_omstandigheden_is_for_the_school(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verlof_kind="gewichtige_omstandigheden", verlof_days=10.0)
    assert "verantwoordelijkheid van de school" in all_text(dispatcher)
    assert "die erover beslist" not in all_text(dispatcher)


def test_vakantie_in_the_first_two_weeks_after_summer_is_excluded(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verlof_kind="vakantie", verlof_days=5.0, verlof_after_summer=True)
    assert "In de eerste 2 weken na de zomervakantie is vakantieverlof niet mogelijk" in all_text(dispatcher)


def test_vakantie_of_fifteen_days_is_above_the_maximum(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verlof_kind="vakantie", verlof_days=15.0, verlof_after_summer=False,
                            verlof_notice_weeks=2.0, verlof_in_writing=False)
    said = all_text(dispatcher)
    assert "15 lesdagen is meer dan het maximum van 10 lesdagen" in said
    assert "8 weken van tevoren" in said and "2 weken vooraf" in said
    assert "hoort schriftelijk" in said


def test_unknown_kind_explains_both_kinds_without_checks(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verlof_kind="onbekend", verlof_days="onbekend")
    said = all_text(dispatcher)
    assert "Verlof vanwege vakantie" in said and "gewichtige omstandigheden" in said
    assert "Wat dit betekent voor deze aanvraag" not in said


def test_explanation_names_the_roles_of_the_rule_with_contacts_for_the_school(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verlof_kind="vakantie", verlof_days=5.0,
                            gemeente="heemstede", region="zuid_kennemerland")
    assert "Met wie je dit kunt bespreken: directeur." in all_text(dispatcher)  # vakantie: the director decides
    dispatcher, _ = explain(make_tracker, domain, verlof_kind="gewichtige_omstandigheden", verlof_days=12.0,
                            gemeente="heemstede", region="zuid_kennemerland")
    said = all_text(dispatcher)
    assert "Met wie je dit kunt bespreken: directeur en leerplichtambtenaar van het Leerplein" in said
    assert "023-5113660" in said


def test_explanation_says_the_assistant_does_not_decide(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verlof_kind="vakantie", verlof_days=5.0)
    assert DISCLAIMER in all_text(dispatcher)


ANSWERS = list(itertools.product(
    ["vakantie", "gewichtige_omstandigheden", "onbekend"],
    [3.0, 10.0, 12.0, "onbekend"],
    [True, False, None],
    [0.0, 8.0, None],
    [True, False, None],
))


def test_explanation_never_says_the_leave_is_granted_or_refused(make_tracker, domain):
    found = []
    for kind, days, after_summer, notice, in_writing in ANSWERS:
        dispatcher, _ = explain(make_tracker, domain, verlof_kind=kind, verlof_days=days, verlof_after_summer=after_summer,
                                verlof_notice_weeks=notice, verlof_in_writing=in_writing)
        said = all_text(dispatcher).lower().replace(DISCLAIMER, "")
        found += [(kind, days, word) for word in DECISION_WORDS if re.search(rf"\b{word}\b", said)]
    assert found == []
