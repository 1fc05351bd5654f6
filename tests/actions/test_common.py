"""The conversational frame (actions/common.py): acute danger, a real person,
start over, stop, "ik weet het niet" and the core fallback."""

from __future__ import annotations

from action_helpers import active_loop_events, all_text, event_types, payloads, run_action, slot_events, texts

from actions.common import (
    ActionAcuteDanger, ActionDontKnow, ActionNotSure, ActionOfferHumanContact, ActionStartOver, ActionStopRoute,
)
from actions.conversation_state import FORM_SLOTS, ROUTE_SLOTS

HELP_MENU_PAYLOADS = {"/worry_safety", "/ask_partner", "/ask_verlof", "/ask_verzuim", "/ask_onderzoek"}

# A teacher halfway through the verlof form, with the school's place known.
MID_FORM_SLOTS = {
    "gemeente": "haarlem", "region": "zuid_kennemerland", "topic": "verlof",
    "verlof_kind": "vakantie", "verlof_days": 5.0, "requested_slot": "verlof_after_summer", "invalid_answers": 1,
}


# --- acute danger ---------------------------------------------------------------------

def test_acute_danger_first_message_gives_112_and_veilig_thuis(make_tracker, domain):
    tracker = make_tracker("hij heeft een blauw oog en durft niet naar huis, vader slaat hem", "acute_danger")
    dispatcher, _ = run_action(ActionAcuteDanger(), tracker, domain)
    first = texts(dispatcher)[0]
    assert "112" in first
    assert "0800-2000" in first


def test_acute_danger_then_offers_the_next_steps(make_tracker, domain):
    tracker = make_tracker("een kind is nu in gevaar", "acute_danger")
    dispatcher, _ = run_action(ActionAcuteDanger(), tracker, domain)
    assert len(texts(dispatcher)) == 2
    assert "aandachtsfunctionaris" in texts(dispatcher)[1]
    assert "/ask_meldcode" in payloads(dispatcher)


def test_acute_danger_interrupts_an_active_form_and_forgets_its_answers(make_tracker, domain):
    tracker = make_tracker("wacht, er is nu iets ernstigs: het kind wordt thuis geslagen", "acute_danger",
                           slots=MID_FORM_SLOTS, active_loop="verlof_form")
    _, events = run_action(ActionAcuteDanger(), tracker, domain)
    assert active_loop_events(events) == [None]
    slots = slot_events(events)
    assert slots["topic"] == "veiligheid"
    assert all(slots[slot] is None for slot in FORM_SLOTS)
    assert slots["requested_slot"] is None


def test_acute_danger_outside_a_form_does_not_touch_the_loop_and_clears_the_route(make_tracker, domain):
    tracker = make_tracker("er is acuut gevaar", "acute_danger",
                           slots={"route_step": "talked_check", "route_trail": ["acute_check", "talked_check"]})
    _, events = run_action(ActionAcuteDanger(), tracker, domain)
    assert "active_loop" not in event_types(events)
    slots = slot_events(events)
    assert all(slots[slot] is None for slot in ROUTE_SLOTS)
    assert slots["topic"] == "veiligheid"


# --- a real person --------------------------------------------------------------------

def test_asking_for_a_person_says_it_is_not_a_human_and_gives_veilig_thuis(make_tracker, domain):
    tracker = make_tracker("kan ik met een echt mens praten?", "ask_human")
    dispatcher, events = run_action(ActionOfferHumanContact(), tracker, domain)
    assert "geen mens" in all_text(dispatcher)
    assert "0800-2000" in all_text(dispatcher)
    assert "/ask_partner" in payloads(dispatcher)
    assert events == []


# --- start over / stop ------------------------------------------------------------------

def test_start_over_keeps_the_school_place_but_clears_form_route_and_topic(make_tracker, domain):
    slots = dict(MID_FORM_SLOTS, route_step="talked_check", route_trail=["acute_check", "talked_check"])
    tracker = make_tracker("laten we opnieuw beginnen", "start_over", slots=slots, active_loop="verlof_form")
    dispatcher, events = run_action(ActionStartOver(), tracker, domain)
    set_slots = slot_events(events)
    assert "gemeente" not in set_slots and "region" not in set_slots
    assert active_loop_events(events) == [None]
    assert all(set_slots[slot] is None for slot in FORM_SLOTS + ROUTE_SLOTS)
    assert set_slots["topic"] is None
    assert set_slots["invalid_answers"] == 0
    assert "opnieuw" in all_text(dispatcher)
    assert HELP_MENU_PAYLOADS <= set(payloads(dispatcher))


def test_start_over_without_a_form_sends_no_active_loop_event(make_tracker, domain):
    tracker = make_tracker("opnieuw beginnen", "start_over", slots={"gemeente": "zandvoort"})
    _, events = run_action(ActionStartOver(), tracker, domain)
    assert active_loop_events(events) == []


def test_stop_route_ends_the_form_and_shows_the_menu(make_tracker, domain):
    tracker = make_tracker("stop maar, ik wil iets anders vragen", "stop_route",
                           slots=MID_FORM_SLOTS, active_loop="verlof_form")
    dispatcher, events = run_action(ActionStopRoute(), tracker, domain)
    assert active_loop_events(events) == [None]
    assert slot_events(events)["verlof_kind"] is None
    assert "gemeente" not in slot_events(events)
    assert "stoppen" in all_text(dispatcher)
    assert HELP_MENU_PAYLOADS <= set(payloads(dispatcher))


# --- ik weet het niet / fallback ----------------------------------------------------------

def test_dont_know_outside_a_question_reassures_and_offers_the_menu(make_tracker, domain):
    tracker = make_tracker("ik weet het eigenlijk niet", "dont_know")
    dispatcher, events = run_action(ActionDontKnow(), tracker, domain)
    assert "IB'er" in all_text(dispatcher)
    assert HELP_MENU_PAYLOADS <= set(payloads(dispatcher))
    assert events == []


def test_not_sure_reverts_the_user_message_and_offers_the_menu(make_tracker, domain):
    tracker = make_tracker("blablabla de kat", "out_of_scope")
    dispatcher, events = run_action(ActionNotSure(), tracker, domain)
    assert event_types(events) == ["rewind"]
    assert "112" in all_text(dispatcher)
    assert HELP_MENU_PAYLOADS <= set(payloads(dispatcher))
