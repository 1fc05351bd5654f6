"""What every guided form does with answers (actions/form_validation.py):
an invalid answer is asked again at most twice, the third one is skipped as
"onbekend"; "ik weet het niet" skips the question; stop / terug / acuut are
not answers and are left to the rules."""

from __future__ import annotations

from action_helpers import all_text, payloads, run_action, slot_events, slot_value, texts

from actions.form_validation import NOT_AN_ANSWER, UNKNOWN
from actions.tweede_deskundige import ValidateTweedeDeskundigeForm
from actions.verlof import ValidateVerlofForm
from actions.verzuim import ValidateVerzuimForm

ASKING_DAYS = {"verlof_kind": "vakantie", "requested_slot": "verlof_days"}


def answer_days(make_tracker, domain, text, invalid_answers, intent="inform"):
    slots = {**ASKING_DAYS, "invalid_answers": invalid_answers}
    tracker = make_tracker(text, intent, slots=slots, active_loop="verlof_form")
    return run_action(ValidateVerlofForm(), tracker, domain)


def test_first_invalid_answer_is_asked_again_and_counted(make_tracker, domain):
    dispatcher, events = answer_days(make_tracker, domain, "geen idee wat", 0)
    assert slot_value(events, "invalid_answers") == 1
    assert "verlof_days" not in slot_events(events)
    assert len(texts(dispatcher)) == 1


def test_second_invalid_answer_is_asked_again_and_counted(make_tracker, domain):
    dispatcher, events = answer_days(make_tracker, domain, "geen idee wat", 1)
    assert slot_value(events, "invalid_answers") == 2
    assert "verlof_days" not in slot_events(events)
    assert "Typ een getal" in all_text(dispatcher)


def test_third_invalid_answer_skips_the_question_as_unknown(make_tracker, domain):
    dispatcher, events = answer_days(make_tracker, domain, "geen idee wat", 2)
    assert slot_value(events, "verlof_days") == UNKNOWN
    assert slot_value(events, "invalid_answers") == 0
    assert "Ik sla deze vraag over" in all_text(dispatcher)
    assert payloads(dispatcher) == ["/stop_route"]


def test_a_valid_answer_after_invalid_ones_resets_the_counter(make_tracker, domain):
    _, events = answer_days(make_tracker, domain, "twee weken", 2)
    assert slot_value(events, "verlof_days") == 10
    assert slot_value(events, "invalid_answers") == 0


def test_dont_know_skips_the_question_without_a_complaint(make_tracker, domain):
    dispatcher, events = answer_days(make_tracker, domain, "ik weet het niet", 0, intent="dont_know")
    assert slot_value(events, "verlof_days") == UNKNOWN
    assert texts(dispatcher) == []


def test_an_answer_read_as_dont_know_that_says_a_value_gives_that_value(make_tracker, domain):
    # The classifier may read "een week" as dont_know; the message still says 5 lesdagen.
    _, events = answer_days(make_tracker, domain, "een week", 0, intent="dont_know")
    assert slot_value(events, "verlof_days") == 5


def test_dont_know_after_an_invalid_answer_resets_the_counter_for_the_next_question(make_tracker, domain):
    # Otherwise the next question would get only one re-ask instead of two.
    _, events = answer_days(make_tracker, domain, "weet ik niet", 1, intent="dont_know")
    assert slot_value(events, "verlof_days") == UNKNOWN
    assert slot_value(events, "invalid_answers") == 0


def test_requests_that_are_not_answers_are_left_to_the_rules(make_tracker, domain):
    # stop, terug, acuut gevaar, een mens spreken, het menu, dag: the rules answer these.
    for intent in sorted(NOT_AN_ANSWER):
        dispatcher, events = answer_days(make_tracker, domain, "stop, terug, ik wil iemand spreken", 1, intent=intent)
        assert texts(dispatcher) == [], intent
        assert events == [], intent  # no answer and no counting: Rasa rejects the form


def test_topic_is_set_by_every_form(make_tracker, domain):
    cases = [
        (ValidateVerlofForm(), "verlof_form", "ik heb een vraag over verlof", "verlof"),
        (ValidateVerzuimForm(), "verzuim_form", "ik heb een vraag over verzuim", "verzuim"),
        (ValidateTweedeDeskundigeForm(), "tweede_deskundige_form", "hoe zit het met de tweede deskundige?", "tweede_deskundige"),
    ]
    for form, loop, text, topic in cases:
        _, events = run_action(form, make_tracker(text, "ask_" + topic, active_loop=loop), domain)
        assert slot_value(events, "topic") == topic


def test_topic_is_not_set_again_when_it_is_already_right(make_tracker, domain):
    slots = {**ASKING_DAYS, "topic": "verlof"}
    _, events = run_action(ValidateVerlofForm(), make_tracker("3 dagen", "inform", slots=slots, active_loop="verlof_form"), domain)
    assert "topic" not in slot_events(events)


def test_a_confident_question_about_another_subject_lets_the_form_step_aside(make_tracker, domain):
    dispatcher, events = answer_days(make_tracker, domain, "wie is de leerplichtambtenaar in Heemstede?", 0,
                                     intent="ask_partner")
    assert texts(dispatcher) == [] and events == []


def test_an_unsure_subject_change_is_treated_as_an_invalid_answer(make_tracker, domain):
    tracker = make_tracker("wie is de leerplichtambtenaar?", "ask_partner",
                           slots={**ASKING_DAYS, "invalid_answers": 0}, active_loop="verlof_form")
    tracker.latest_message["intent"]["confidence"] = 0.55
    _, events = run_action(ValidateVerlofForm(), tracker, domain)
    assert slot_value(events, "invalid_answers") == 1


def test_an_answer_is_taken_even_when_classified_as_another_subject(make_tracker, domain):
    _, events = answer_days(make_tracker, domain, "12 dagen, vanwege een begrafenis", 0, intent="worry_safety")
    assert slot_value(events, "verlof_days") == 12
