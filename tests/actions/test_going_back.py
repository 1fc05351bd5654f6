"""'Terug' (actions/going_back.py): one step back in a form or in the
veiligheid route."""

from __future__ import annotations

from action_helpers import all_text, payloads, run_action, slot_events, slot_value, texts

from actions.going_back import ActionGoBack


# --- in a form ------------------------------------------------------------------------

def test_going_back_in_the_verlof_form_clears_the_previous_answer(make_tracker, domain):
    slots = {"verlof_kind": "vakantie", "verlof_days": 5.0, "verlof_after_summer": False,
             "requested_slot": "verlof_notice_weeks", "invalid_answers": 1}
    tracker = make_tracker("terug", "go_back", slots=slots, active_loop="verlof_form")
    dispatcher, events = run_action(ActionGoBack(), tracker, domain)
    assert slot_events(events) == {"invalid_answers": 0, "verlof_after_summer": None, "requested_slot": None}
    assert texts(dispatcher) == []  # the form itself asks the question again


def test_going_back_skips_the_question_the_form_did_not_ask(make_tracker, domain):
    # Gewichtige omstandigheden: the period question is skipped, so "terug" goes to the days.
    slots = {"verlof_kind": "gewichtige_omstandigheden", "verlof_days": 12.0, "requested_slot": "verlof_notice_weeks"}
    tracker = make_tracker("vorige vraag", "go_back", slots=slots, active_loop="verlof_form")
    _, events = run_action(ActionGoBack(), tracker, domain)
    assert slot_value(events, "verlof_days") is None
    assert "verlof_kind" not in slot_events(events)


def test_going_back_in_the_tweede_deskundige_form_clears_the_first_expert(make_tracker, domain):
    slots = {"first_expert_function": "arts", "requested_slot": "involved_experts"}
    tracker = make_tracker("terug", "go_back", slots=slots, active_loop="tweede_deskundige_form")
    _, events = run_action(ActionGoBack(), tracker, domain)
    assert slot_value(events, "first_expert_function") is None


def test_going_back_at_the_first_form_question_only_resets_the_counter(make_tracker, domain):
    tracker = make_tracker("terug", "go_back", slots={"requested_slot": "verlof_kind", "invalid_answers": 2},
                           active_loop="verlof_form")
    _, events = run_action(ActionGoBack(), tracker, domain)
    assert slot_events(events) == {"invalid_answers": 0}


def test_going_back_from_the_weeks_question_in_the_verzuim_form_clears_the_hours(make_tracker, domain):
    # The verzuim form asks hours, then weeks (its required slots depend on the kind).
    slots = {"verzuim_kind": "ongeoorloofd", "verzuim_hours": 20.0, "requested_slot": "verzuim_weeks"}
    tracker = make_tracker("terug", "go_back", slots=slots, active_loop="verzuim_form")
    _, events = run_action(ActionGoBack(), tracker, domain)
    assert slot_value(events, "verzuim_hours") is None
    assert "verzuim_kind" not in slot_events(events)  # the kind was not the previous question


# --- in the veiligheid route ---------------------------------------------------------------

def test_going_back_in_the_route_asks_the_previous_question_again(make_tracker, domain):
    slots = {"route_step": "reaction_check", "route_trail": ["acute_check", "talked_check", "reaction_check"]}
    tracker = make_tracker("terug", "go_back", slots=slots)
    dispatcher, events = run_action(ActionGoBack(), tracker, domain)
    assert "besproken met de ouders" in all_text(dispatcher)
    assert slot_events(events) == {"route_step": "talked_check", "route_trail": ["acute_check", "talked_check"]}


def test_going_back_to_the_first_route_question(make_tracker, domain):
    slots = {"route_step": "talked_check", "route_trail": ["acute_check", "talked_check"]}
    tracker = make_tracker("ga terug", "go_back", slots=slots)
    dispatcher, events = run_action(ActionGoBack(), tracker, domain)
    assert "direct gevaar" in all_text(dispatcher)
    assert payloads(dispatcher) == ["/affirm", "/deny", "/dont_know"]
    assert slot_value(events, "route_trail") == ["acute_check"]


def test_going_back_at_the_first_route_question_asks_it_again(make_tracker, domain):
    tracker = make_tracker("terug", "go_back", slots={"route_step": "acute_check", "route_trail": ["acute_check"]})
    dispatcher, events = run_action(ActionGoBack(), tracker, domain)
    assert "direct gevaar" in all_text(dispatcher)
    assert slot_events(events) == {"route_step": "acute_check"}


def test_going_back_after_a_branch_asks_the_last_answered_question_again(make_tracker, domain):
    # "Ze willen geen hulp" showed the meldcode branch (route_step cleared); "terug"
    # lets the teacher pick another reaction, as it does after the first question.
    slots = {"route_step": None, "route_trail": ["acute_check", "talked_check", "reaction_check"]}
    tracker = make_tracker("terug", "go_back", slots=slots)
    dispatcher, events = run_action(ActionGoBack(), tracker, domain)
    assert "Hoe reageerden de ouders" in all_text(dispatcher)
    assert slot_value(events, "route_step") == "reaction_check"


# --- nothing to go back to --------------------------------------------------------------

def test_nothing_to_go_back_to_says_so_and_shows_the_menu(make_tracker, domain):
    tracker = make_tracker("terug", "go_back")
    dispatcher, events = run_action(ActionGoBack(), tracker, domain)
    assert "geen vorige stap" in all_text(dispatcher)
    assert {"/worry_safety", "/ask_verlof", "/ask_samenwerking"} <= set(payloads(dispatcher))
    assert events == []
