"""The conversational frame (actions/common.py): acute danger, a real person,
start over, stop, "ik weet het niet" and the core fallback."""

from __future__ import annotations

from action_helpers import active_loop_events, all_text, event_types, payloads, run_action, slot_events, texts

import re
from pathlib import Path

import pytest
import yaml

from actions import common
from actions.common import (
    ActionAcuteDanger, ActionDontKnow, ActionNotSure, ActionOfferHumanContact, ActionOtherLanguage, ActionStartOver,
    ActionStopRoute,
)
from bot.knowledge import load_knowledge
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


SAFETY_LINE = "Bij acuut gevaar: bel 112. Voor advies: Veilig Thuis 0800-2000."


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


@pytest.mark.parametrize("text", [
    "kind vertelt dat ze thuis geslagen wordt maar ik mag het aan niemand vertellen",
    "kind vertelt dat ze thuis geslagen wordt",
])
def test_a_disclosure_gets_112_first_then_the_meldcode_route_and_how_to_handle_secrecy(make_tracker, domain, text):
    dispatcher, _ = run_action(ActionAcuteDanger(), make_tracker(text, "acute_danger"), domain)
    said = texts(dispatcher)
    assert "112" in said[0] and "0800-2000" in said[0]
    rest = "\n".join(said[1:])
    assert "Beloof geen geheimhouding" in rest
    assert "aandachtsfunctionaris" in rest and "meldcode" in rest
    assert "anoniem" in rest
    assert any(line.startswith("Bron: ") and "landelijk" in line for line in said)
    assert "grijze gebied" not in rest.lower()


def test_an_english_danger_message_gets_112_first_and_a_line_in_english(make_tracker, domain):
    tracker = make_tracker("A student told me her father hits her. What should I do?", "acute_danger")
    dispatcher, _ = run_action(ActionAcuteDanger(), tracker, domain)
    said = texts(dispatcher)
    assert "112" in said[0] and "0800-2000" in said[0]
    assert said[1].startswith("I only work in Dutch") and "112" in said[1]


@pytest.mark.parametrize("text, start", [
    ("Hello, can you help me with a question about my class?", "I only work in Dutch"),
    ("Hallo, ich habe eine Frage zu meiner Klasse", "Ich arbeite nur auf Niederländisch"),
    ("Bonjour, j'ai une question sur ma classe", "Je fonctionne uniquement en néerlandais"),
    ("salam, wach nta tqder t3awni", "I only work in Dutch"),
])
def test_a_message_in_another_language_gets_one_line_in_that_language(make_tracker, domain, text, start):
    dispatcher, events = run_action(ActionOtherLanguage(), make_tracker(text, "other_language"), domain)
    said = texts(dispatcher)
    assert said[0].startswith(start) and "112" in said[0] and "0800-2000" in said[0]
    assert "Nederlands" in said[1] and "/worry_safety" in payloads(dispatcher)
    assert events == []


def test_every_not_understood_reply_ends_with_the_safety_line(make_tracker, domain):
    dispatcher, _ = run_action(ActionNotSure(), make_tracker("blabla", "nlu_fallback"), domain)
    assert texts(dispatcher)[-1].endswith(SAFETY_LINE)
    assert domain["responses"]["utter_not_understood"][0]["text"].endswith(SAFETY_LINE)
    # the reply to a stray answer outside any question
    assert domain["responses"]["utter_ask_anything_else"][0]["text"].endswith(SAFETY_LINE)


def test_no_role_id_literals_in_the_frame_and_veiligheid_actions():
    role_ids = {role.id for role in load_knowledge().roles}
    actions_dir = Path(common.__file__).parent
    found = []
    for name in ("common.py", "veiligheid.py"):
        code = (actions_dir / name).read_text(encoding="utf-8")
        found += [(name, literal) for literal in re.findall(r"[\"']([a-z_]+)[\"']", code) if literal in role_ids]
    assert found == []


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
