"""'ja' / 'ja graag' after an offer does what was offered (actions/offers.py)."""

from __future__ import annotations

from action_helpers import all_text, run_action, slot_events

from actions.offers import ActionAffirm, offer_made_in_last_turn


def events_with_offer(offer_in_last_turn: bool):
    offer = [{"event": "slot", "name": "open_offer", "value": "action_find_partner"},
             {"event": "slot", "name": "pending_roles", "value": ["leerplichtambtenaar"]}]
    first, answer = {"event": "user", "text": "wie beslist over verlof"}, {"event": "bot", "text": "..."}
    later = [{"event": "user", "text": "ok"}, {"event": "bot", "text": "Fijn."}]
    current = {"event": "user", "text": "ja graag"}
    return [first, answer, *offer, *([] if offer_in_last_turn else later), current]


def test_ja_graag_right_after_an_offer_of_contacts_asks_where_the_school_is(make_tracker, domain):
    tracker = make_tracker("ja graag", "affirm", slots={"pending_roles": ["leerplichtambtenaar"], "open_offer": "action_find_partner"},
                           events=events_with_offer(True))
    dispatcher, events = run_action(ActionAffirm(), tracker, domain)
    assert "In welke gemeente of regio staat je school?" in all_text(dispatcher)
    slots = slot_events(events)
    assert slots["open_offer"] is None and slots["pending_roles"] == ["leerplichtambtenaar"]


def test_ja_graag_with_a_known_place_gives_the_contacts_at_once(make_tracker, domain):
    slots = {"pending_roles": ["leerplichtambtenaar"], "open_offer": "action_find_partner",
             "gemeente": "haarlem", "region": "zuid_kennemerland"}
    tracker = make_tracker("ja graag", "affirm", slots=slots, events=events_with_offer(True))
    dispatcher, _ = run_action(ActionAffirm(), tracker, domain)
    assert "023-5113660" in all_text(dispatcher)


def test_an_old_offer_is_not_accepted_by_a_later_ja(make_tracker, domain):
    tracker = make_tracker("ja", "affirm", slots={"open_offer": "action_find_partner"}, events=events_with_offer(False))
    assert offer_made_in_last_turn(tracker) is None
    dispatcher, events = run_action(ActionAffirm(), tracker, domain)
    assert "Waar kan ik je mee helpen?" in all_text(dispatcher)
    assert slot_events(events) == {"open_offer": None}
