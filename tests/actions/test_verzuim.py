"""Verzuim (actions/verzuim.py): which kind of absence, how often or how many
hours, then the Verzuimkaart rules and the threshold check."""

from __future__ import annotations

import pytest
from action_helpers import all_text, entity, run_action, slot_events, slot_value

from actions.verzuim import ActionExplainVerzuim, ValidateVerzuimForm

FORM = "verzuim_form"


def tell(make_tracker, domain, text, slots=None, intent="inform", entities=None):
    tracker = make_tracker(text, intent, slots=slots, entities=entities, active_loop=FORM)
    return run_action(ValidateVerzuimForm(), tracker, domain)


def explain(make_tracker, domain, **slots):
    return run_action(ActionExplainVerzuim(), make_tracker("ok", "inform", slots=slots), domain)


# --- the form ---------------------------------------------------------------------------

def test_thirteen_times_late_in_the_first_message_fills_everything(make_tracker, domain):
    _, events = tell(make_tracker, domain, "een leerling is al 13 keer te laat gekomen", intent="ask_verzuim")
    slots = slot_events(events)
    assert slots["verzuim_kind"] == "te_laat"
    assert slots["verzuim_count"] == 13
    assert slots["requested_slot"] is None  # nothing left to ask
    assert slots["topic"] == "verzuim"


def test_te_laat_asks_how_often(make_tracker, domain):
    _, events = tell(make_tracker, domain, "te laat", slots={"requested_slot": "verzuim_kind"},
                     entities=[entity("verzuim_kind", "te_laat")])
    assert slot_value(events, "verzuim_kind") == "te_laat"
    assert slot_value(events, "requested_slot") == "verzuim_count"


def test_hours_are_not_taken_for_te_laat(make_tracker, domain):
    _, events = tell(make_tracker, domain, "een leerling komt vaak te laat, al 20 uur gemist", intent="ask_verzuim")
    assert slot_value(events, "verzuim_kind") == "te_laat"
    assert "verzuim_hours" not in slot_events(events)
    assert slot_value(events, "requested_slot") == "verzuim_count"


def test_unauthorised_absence_takes_hours_and_weeks_from_one_message(make_tracker, domain):
    _, events = tell(make_tracker, domain, "een leerling spijbelt, 20 uur in 3 weken", intent="ask_verzuim")
    assert slot_events(events)["verzuim_kind"] == "ongeoorloofd"
    assert slot_value(events, "verzuim_hours") == 20
    assert slot_value(events, "verzuim_weeks") == 3
    assert slot_value(events, "requested_slot") is None


def test_unauthorised_absence_asks_hours_then_weeks(make_tracker, domain):
    _, events = tell(make_tracker, domain, "20 uur", slots={"verzuim_kind": "ongeoorloofd", "requested_slot": "verzuim_hours"})
    assert slot_value(events, "verzuim_hours") == 20
    assert slot_value(events, "requested_slot") == "verzuim_weeks"


def test_a_bare_number_answers_the_open_question(make_tracker, domain):
    _, events = tell(make_tracker, domain, "13", slots={"verzuim_kind": "te_laat", "requested_slot": "verzuim_count"})
    assert slot_value(events, "verzuim_count") == 13


def test_ziekmelding_needs_no_follow_up_question(make_tracker, domain):
    _, events = tell(make_tracker, domain, "het gaat om een ziekmelding", slots={"requested_slot": "verzuim_kind"})
    assert slot_value(events, "verzuim_kind") == "ziekmelding"
    assert slot_value(events, "requested_slot", default=None) is None


@pytest.mark.parametrize("text, reason", [("heel vaak", "niet als aantal keren lezen"), ("500 keer", "tussen 0 en 400")])
def test_an_unusable_count_is_asked_again(make_tracker, domain, text, reason):
    dispatcher, events = tell(make_tracker, domain, text, slots={"verzuim_kind": "te_laat", "requested_slot": "verzuim_count"})
    assert "verzuim_count" not in slot_events(events)
    assert slot_value(events, "invalid_answers") == 1
    assert reason in all_text(dispatcher)


def test_an_unknown_kind_is_asked_again(make_tracker, domain):
    dispatcher, events = tell(make_tracker, domain, "huh, geen idee welk soort", slots={"requested_slot": "verzuim_kind"})
    assert "verzuim_kind" not in slot_events(events)
    assert "Kies een van de knoppen" in all_text(dispatcher)


# --- the explanation and the threshold check ---------------------------------------------------

def test_thirteen_times_late_is_above_the_threshold_and_goes_to_the_leerplichtambtenaar(make_tracker, domain):
    dispatcher, events = explain(make_tracker, domain, verzuim_kind="te_laat", verzuim_count=13.0)
    said = all_text(dispatcher)
    assert "13 keer is meer dan 12 keer" in said
    assert "meldt de school dit dan bij de leerplichtambtenaar" in said
    assert slot_value(events, "topic") == "verzuim" and slot_value(events, "invalid_answers") == 0


def test_ten_times_late_is_within_what_the_school_handles(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="te_laat", verzuim_count=10.0)
    said = all_text(dispatcher)
    assert "10 keer valt binnen de 12 keer" in said
    assert "is meer dan 12 keer" not in said


def test_twenty_hours_in_three_weeks_is_above_sixteen_hours_in_four_weeks(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="ongeoorloofd", verzuim_hours=20.0, verzuim_weeks=3.0)
    said = all_text(dispatcher)
    assert "20 uur in 3 schoolweken is meer dan 16 uur binnen 4 aaneengesloten schoolweken" in said
    assert "verplicht" in said


def test_twenty_hours_over_six_weeks_asks_to_check_the_four_week_window(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="ongeoorloofd", verzuim_hours=20.0, verzuim_weeks=6.0)
    said = all_text(dispatcher)
    assert "verspreid over 6 weken" in said
    assert "binnen 4 aaneengesloten schoolweken meer dan 16 uur" in said


def test_ten_hours_stays_below_the_threshold(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="ongeoorloofd", verzuim_hours=10.0, verzuim_weeks=3.0)
    assert "10 uur blijft onder de grens" in all_text(dispatcher)


def test_hours_with_unknown_weeks_do_not_show_a_question_mark(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="ongeoorloofd", verzuim_hours=20.0, verzuim_weeks="onbekend")
    said = all_text(dispatcher)
    assert " ? " not in said  # e.g. "20 uur in ? schoolweken"
    assert "20 uur" in said


def test_explanation_invites_the_partners_that_fit_the_kind(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="ongeoorloofd", verzuim_hours=10.0, verzuim_weeks=3.0)
    said = all_text(dispatcher)
    assert "Leerplichtambtenaar:" in said
    assert "Consulent SWV PO ZK:" not in said  # relatief verzuim goes to the consultants Ouders & School
    assert "consultants Ouders & School" in said
    assert "CJG-coach:" not in said


def test_explanation_with_a_known_gemeente_gives_the_leerplicht_contact(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="te_laat", verzuim_count=13.0,
                            gemeente="haarlem", region="zuid_kennemerland")
    assert "info@leerplein-mzk.nl" in all_text(dispatcher)


def test_thuiszitten_in_utrecht_adds_the_utrecht_note(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="thuiszitten", region="utrecht", gemeente="utrecht")
    said = all_text(dispatcher)
    assert "In Utrecht bekijken de vier kernpartners" in said
    assert "begeleider passend onderwijs" in said  # Utrecht's name for the onderwijsconsulent


def test_unknown_kind_explains_every_kind(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="onbekend")
    said = all_text(dispatcher)
    for name in ("Te laat komen", "Ziekmelding", "Ongeoorloofd verzuim", "In- en uitschrijving", "Thuiszitten"):
        assert name in said


# --- issue 9 §2: the deciding rule first, then only what could change the answer ----------------

from actions.form_questions import FORM_QUESTION_ACTIONS  # noqa: E402


def test_the_rule_comes_before_the_question_how_often(make_tracker, domain):
    tracker = make_tracker("vanaf hoe vaak te laat komen moet je het melden?", "ask_verzuim", active_loop=FORM,
                           slots={"verzuim_kind": "te_laat", "requested_slot": "verzuim_count"})
    dispatcher, events = run_action(FORM_QUESTION_ACTIONS["ask_verzuim_count"](), tracker, domain)
    said = [message.get("text") for message in dispatcher.messages]
    assert "12 keer" in "\n".join(said[:-1]) and said[-1].startswith("Hoe vaak")
    shown = slot_value(events, "form_progress")
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="te_laat", verzuim_count=13.0, form_progress=shown)
    said = all_text(dispatcher)
    assert "13 keer is meer dan 12 keer" in said and "Houd een administratie bij" not in said  # the rule is not repeated


def test_an_intern_begeleider_is_not_sent_to_the_ib_er(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="te_laat", verzuim_count=17.0, asker_role="intern_begeleider")
    said = all_text(dispatcher)
    assert "je IB'er" not in said and "IB'er of directeur" not in said
    assert "Bespreek het met je directeur" in said


def test_a_typo_in_the_unit_is_read(make_tracker, domain):
    _, events = tell(make_tracker, domain, "al 14 keet", slots={"verzuim_kind": "te_laat", "requested_slot": "verzuim_count"})
    assert slot_value(events, "verzuim_count") == 14


@pytest.mark.parametrize("text", ["een leerling zit al een maand thuis", "hij zit al 3 weken thuis en wil niet meer naar school"])
def test_thuiszitten_with_a_duration_between_the_words(make_tracker, domain, text):
    _, events = tell(make_tracker, domain, text, slots={"requested_slot": "verzuim_kind"}, intent="ask_verzuim")
    assert slot_value(events, "verzuim_kind") == "thuiszitten"


def test_a_partner_question_about_a_thuiszitter_goes_to_the_verzuim_form(make_tracker, domain):
    from actions.kernteampartner import ActionFindPartner

    tracker = make_tracker("een leerling zit al 3 weken thuis, hij wil niet meer naar school. wie moet ik erbij halen?",
                           "ask_partner", entities=[entity("verzuim_kind", "thuiszitten", "thuis")])
    dispatcher, events = run_action(ActionFindPartner(), tracker, domain)
    assert dispatcher.messages == []
    assert [event.get("name") for event in events if event.get("event") == "followup"] == ["verzuim_form"]


def test_a_partner_question_naming_a_partner_stays_with_the_partner_finder(make_tracker, domain):
    from actions.kernteampartner import ActionFindPartner

    tracker = make_tracker("welke leerplichtambtenaar hoort bij een thuiszitter?", "ask_partner",
                           entities=[entity("role", "leerplichtambtenaar")])
    _, events = run_action(ActionFindPartner(), tracker, domain)
    assert not [event for event in events if event.get("event") == "followup"]


def test_a_school_in_another_region_gets_no_zuid_kennemerland_websites_or_partner_names(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="thuiszitten", gemeente="utrecht", region="utrecht")
    said = all_text(dispatcher)
    assert "vier kernpartners" in said
    assert "passendonderwijs-zk" not in said and "SWV PO ZK" not in said
    dispatcher, _ = explain(make_tracker, domain, verzuim_kind="thuiszitten", gemeente="haarlem", region="zuid_kennemerland")
    assert "passendonderwijs-zk" in all_text(dispatcher)
