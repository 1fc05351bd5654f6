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
    assert "12 lesdagen is meer dan 10 dagen" in said
    assert "stuurt het verzoek door naar de leerplichtambtenaar." in said
    assert slot_value(events, "topic") == "verlof" and slot_value(events, "invalid_answers") == 0


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


# --- issue 9 §2: everything a message says, the deciding rule at once ---------------------------

from action_helpers import entity  # noqa: E402

from actions.form_questions import FORM_QUESTION_ACTIONS  # noqa: E402


def opening(make_tracker, domain, text, entities=None, slots=None):
    """The first message of a verlof question: the form is not active yet."""
    tracker = make_tracker(text, "ask_verlof", slots=slots, entities=entities)
    return run_action(ValidateVerlofForm(), tracker, domain)


def ask(make_tracker, domain, slot, **slots):
    """The form asks ``slot``: first what is known of the answer, then the question."""
    tracker = make_tracker("...", "inform", slots={**slots, "requested_slot": slot}, active_loop=FORM)
    return run_action(FORM_QUESTION_ACTIONS[f"ask_{slot}"](), tracker, domain)


def test_a_typo_in_the_kind_and_the_days_are_read_from_the_first_message(make_tracker, domain):
    _, events = opening(make_tracker, domain, "hoi, ouders wilen 2 dagn vrij voor de bruilof van een oom")
    slots = slot_events(events)
    assert slots["verlof_kind"] == "gewichtige_omstandigheden" and slots["verlof_days"] == 2
    assert slots["requested_slot"] == "verlof_notice_weeks"  # never the kind or the days again


@pytest.mark.parametrize("text, kind, days", [
    ("oma ligt op sterven in marokko en de familie wil er 12 dagen heen met de kinderen", "gewichtige_omstandigheden", 12),
    ("kan een leerling vrijdag en maandag vrij krijgen dus 2 dagen, voor het 50 jarig huwelijksjubileum van opa en oma",
     "gewichtige_omstandigheden", 2),
    ("gezin wil 13 dagen naar suriname want opa is ernstig ziek", "gewichtige_omstandigheden", 13),
    ("3 hele dagen vrij gevraagd voor de uitvaart van opa in turkije", "gewichtige_omstandigheden", 3),
])
def test_kind_and_days_in_the_words_teachers_use(make_tracker, domain, text, kind, days):
    _, events = opening(make_tracker, domain, text)
    assert slot_value(events, "verlof_kind") == kind and slot_value(events, "verlof_days") == days


def test_a_new_question_does_not_reuse_the_answers_of_the_previous_one(make_tracker, domain):
    _, events = opening(make_tracker, domain, "ouders vragen 4 dagen vrij voor een bruiloft",
                        slots={"verlof_kind": "vakantie", "verlof_days": 12.0, "verlof_notice_weeks": 2.0})
    slots = slot_events(events)
    assert slots["verlof_kind"] == "gewichtige_omstandigheden" and slots["verlof_days"] == 4
    assert slots["verlof_notice_weeks"] is None


def test_a_negated_kind_is_not_the_answer(make_tracker, domain):
    _, events = answer(make_tracker, domain, "geen vakantie, familieomstandigheden", {"requested_slot": "verlof_kind"},
                       intent="ask_verlof")
    assert slot_value(events, "verlof_kind") == "gewichtige_omstandigheden"


def test_a_negated_kind_entity_is_not_the_answer(make_tracker, domain):
    tracker = make_tracker("geen vakantie", "inform", slots={"requested_slot": "verlof_kind"}, active_loop=FORM,
                           entities=[{**entity("verlof_kind", "vakantie"), "start": 5, "end": 13}])
    _, events = run_action(ValidateVerlofForm(), tracker, domain)
    assert slot_value(events, "verlof_kind") == "gewichtige_omstandigheden"


def test_notice_and_way_of_asking_in_one_free_text_answer(make_tracker, domain):
    slots = {"verlof_kind": "gewichtige_omstandigheden", "verlof_days": 2.0, "requested_slot": "verlof_notice_weeks"}
    _, events = answer(make_tracker, domain, "3 weken geleden, gewoon mondeling bij de deur", slots)
    assert slot_value(events, "verlof_notice_weeks") == 3 and slot_value(events, "verlof_in_writing") is False
    dispatcher, _ = explain(make_tracker, domain, **{k: v for k, v in slots.items() if k != "requested_slot"},
                            verlof_notice_weeks=3.0, verlof_in_writing=False)
    said = all_text(dispatcher)
    assert "8 weken" in said and "3 weken vooraf" in said and "schriftelijk" in said


def test_a_correction_changes_the_answer_already_given_and_continues(make_tracker, domain):
    slots = {"verlof_kind": "gewichtige_omstandigheden", "verlof_days": 5.0, "requested_slot": "verlof_notice_weeks",
             "form_progress": ["verlof_rule:gewichtige_omstandigheden", "verlof_days:5:handler"]}
    dispatcher, events = answer(make_tracker, domain, "nee wacht, het zijn 3 dagen", slots)
    found = slot_events(events)
    assert found["verlof_days"] == 3
    assert found["form_progress"] == ["verlof_rule:gewichtige_omstandigheden"]  # the days check is given again
    assert found.get("requested_slot", "verlof_notice_weeks") == "verlof_notice_weeks"  # no restart
    assert "verlof_kind" not in found


@pytest.mark.parametrize("text", [
    "wie beslist over verlof van meer dan 10 dagen?",
    "de directeur heeft het vakantieverlof geweigerd en de ouders zijn woedend. kunnen ze daar iets tegen doen?",
    "tot hoeveel dagen mag onze directeur zelf verlof geven bij bijzondere omstandigheden?",
])
def test_a_question_about_the_rules_is_answered_without_questions(make_tracker, domain, text):
    _, events = opening(make_tracker, domain, text)
    slots = slot_events(events)
    assert slots["requested_slot"] is None
    assert slots.get("verlof_days") is None  # "meer dan 10 dagen" is a limit, not a request of 10 days


def test_vakantie_in_the_first_week_after_summer_needs_no_more_questions(make_tracker, domain):
    _, events = opening(make_tracker, domain, "mag een gezin de eerste week na de zomervakantie nog op vakantie blijven? "
                                              "vader werkt in de horeca")
    slots = slot_events(events)
    assert slots["verlof_kind"] == "vakantie" and slots["verlof_after_summer"] is True
    assert slots["requested_slot"] is None


def test_the_deciding_rule_comes_before_the_next_question(make_tracker, domain):
    dispatcher, events = ask(make_tracker, domain, "verlof_notice_weeks", verlof_kind="gewichtige_omstandigheden",
                             verlof_days=13.0, gemeente="haarlemmermeer", region="zuid_kennemerland")
    said = texts(dispatcher)
    joined = "\n".join(said)
    assert "13 lesdagen is meer dan 10 dagen" in joined and "leerplichtambtenaar" in joined
    assert "0900 1852" in joined and "023-5113660" not in joined
    assert said[-1].startswith("Hoe lang van tevoren")
    assert "Bron:" in joined
    shown = slot_value(events, "form_progress")
    dispatcher, _ = ask(make_tracker, domain, "verlof_in_writing", verlof_kind="gewichtige_omstandigheden",
                        verlof_days=13.0, verlof_notice_weeks=8.0, form_progress=shown,
                        gemeente="haarlemmermeer", region="zuid_kennemerland")
    again = all_text(dispatcher)
    assert "leerplichtambtenaar" not in again and "0900 1852" not in again  # said once
    assert "8 weken van tevoren past" in again


def test_vakantie_rule_with_days_is_given_at_once(make_tracker, domain):
    dispatcher, _ = ask(make_tracker, domain, "verlof_notice_weeks", verlof_kind="vakantie", verlof_days=8.0,
                        verlof_after_summer=False)
    said = all_text(dispatcher)
    assert all(words in said for words in ("directeur", "10", "1 keer", "8 weken", "beroep"))


def test_half_days_are_said_as_a_person_would(make_tracker, domain):
    dispatcher, _ = ask(make_tracker, domain, "verlof_notice_weeks", verlof_kind="gewichtige_omstandigheden",
                        verlof_days=7.5)
    said = all_text(dispatcher)
    assert "ongeveer 7 à 8 lesdagen" in said and "7.5" not in said


def test_a_director_is_not_sent_to_the_director(make_tracker, domain):
    dispatcher, _ = ask(make_tracker, domain, "verlof_after_summer", verlof_kind="vakantie", verlof_days=4.0,
                        asker_role="directeur")
    said = all_text(dispatcher)
    assert "beroep" in said
    assert "bespreken: directeur" not in said and "je directeur" not in said
    assert "Dit ligt bij jou als directeur" in said


def test_contacts_are_offered_at_the_end_and_remembered_for_ja_graag(make_tracker, domain):
    dispatcher, events = explain(make_tracker, domain, verlof_kind="gewichtige_omstandigheden", verlof_days=12.0)
    assert "Wil je de contactgegevens" in all_text(dispatcher)
    assert slot_value(events, "open_offer") == "action_find_partner"
    assert slot_value(events, "pending_roles") == ["leerplichtambtenaar"]


def test_the_form_knows_it_is_being_started_even_when_rasa_marks_the_loop_active(make_tracker, domain):
    """Rasa sets the active loop before the validation at activation; the events say
    whether the form was running before this message."""
    history = [{"event": "active_loop", "name": None}, {"event": "user", "text": "wie beslist over verlof"}]
    tracker = make_tracker("wie beslist over verlof van meer dan 10 dagen?", "ask_verlof", active_loop=FORM,
                           slots={"verlof_kind": "vakantie", "verlof_days": 3.0}, events=history)
    _, events = run_action(ValidateVerlofForm(), tracker, domain)
    slots = slot_events(events)
    assert slots["requested_slot"] is None and slots["verlof_kind"] is None and slots["verlof_days"] is None
    running = [{"event": "active_loop", "name": FORM}, {"event": "user", "text": "3 dagen"}]
    tracker = make_tracker("3 dagen", "inform", active_loop=FORM, events=running,
                           slots={"verlof_kind": "gewichtige_omstandigheden", "requested_slot": "verlof_days"})
    _, events = run_action(ValidateVerlofForm(), tracker, domain)
    assert slot_value(events, "verlof_days") == 3 and "verlof_kind" not in slot_events(events)


def test_a_verlof_question_read_as_a_place_goes_to_the_verlof_form(make_tracker, domain):
    from actions.kernteampartner import ActionFindPartner

    text = "school in hoofddorp, gemeente haarlemmermeer. gezin wil 13 dagen naar suriname want opa is ernstig ziek"
    tracker = make_tracker(text, "inform_location", entities=[entity("gemeente", "haarlemmermeer")],
                           slots={"gemeente": "haarlemmermeer", "region": "zuid_kennemerland"})
    _, events = run_action(ActionFindPartner(), tracker, domain)
    assert [event.get("name") for event in events if event.get("event") == "followup"] == ["verlof_form"]
