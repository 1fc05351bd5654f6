"""The expectation checks of one turn, on replies written here (no model)."""

from __future__ import annotations

from bot.conversation_harness.checking import check_turn, find_button, normalise
from bot.conversation_harness.model import Button, Expectation, Reply

REPLIES = [
    Reply("Is er nu direct gevaar? Bel dan meteen 112. Veilig Thuis: 0800-2000."),
    Reply("Betrek je aandachtsfunctionaris of directie.", (Button("Welke stappen volgen nu (meldcode)?", "/ask_meldcode"),)),
    Reply("Met wie je dit kunt bespreken: de IB’er.", (Button("Terug naar het menu", "/ask_help_menu"),)),
]
SLOTS = {"topic": "veiligheid", "verlof_days": 2.0, "gemeente": "haarlem", "verlof_in_writing": True}


def outcomes(**expect):
    if "topic" in expect:
        expect["has_topic"] = True
    return [(check.kind, check.expected, check.passed) for check in check_turn(Expectation(**expect), REPLIES, SLOTS)]


def test_contains_is_case_insensitive_over_all_replies_and_each_needle_counts():
    assert outcomes(contains=("veilig thuis", "AANDACHTSFUNCTIONARIS", "leerplicht")) == [
        ("contains", "veilig thuis", True),
        ("contains", "AANDACHTSFUNCTIONARIS", True),
        ("contains", "leerplicht", False),
    ]


def test_quotes_and_spaces_are_normalised():
    assert normalise("IB’er  \n  of\u00a0directie") == "ib'er of directie"
    assert outcomes(contains=("IB'er",)) == [("contains", "IB'er", True)]


def test_contains_any_passes_when_one_is_there():
    assert outcomes(contains_any=("Kwadraad", "0800-2000")) == [("contains_any", ["Kwadraad", "0800-2000"], True)]
    assert outcomes(contains_any=("Kwadraad", "Lokalis")) == [("contains_any", ["Kwadraad", "Lokalis"], False)]


def test_not_contains():
    assert outcomes(not_contains=("Sorry", "112")) == [("not_contains", "Sorry", True), ("not_contains", "112", False)]


def test_first_reply_only_looks_at_the_first_bubble():
    assert outcomes(first_reply_contains=("112", "aandachtsfunctionaris")) == [
        ("first_reply_contains", "112", True),
        ("first_reply_contains", "aandachtsfunctionaris", False),
    ]
    assert outcomes(first_reply_not_contains=("Sorry",)) == [("first_reply_not_contains", "Sorry", True)]


def test_buttons_match_title_part_or_payload_and_texts_ignore_buttons():
    assert outcomes(buttons_include=("meldcode", "/ask_help_menu", "/ask_partner")) == [
        ("buttons_include", "meldcode", True),
        ("buttons_include", "/ask_help_menu", True),
        ("buttons_include", "/ask_partner", False),
    ]
    assert outcomes(buttons_exclude=("Terug naar het menu",)) == [("buttons_exclude", "Terug naar het menu", False)]
    assert outcomes(contains=("Terug naar het menu",)) == [("contains", "Terug naar het menu", False)]


def test_matches_is_a_case_insensitive_regular_expression():
    assert outcomes(matches=(r"bel .*\b112\b", r"\b113\b")) == [
        ("matches", r"bel .*\b112\b", True),
        ("matches", r"\b113\b", False),
    ]


def test_topic_and_slots():
    assert outcomes(topic="veiligheid") == [("topic", "veiligheid", True)]
    assert outcomes(topic=None) == [("topic", None, False)]
    assert outcomes(slots={"verlof_days": 2, "gemeente": "Haarlem", "verlof_in_writing": True, "region": None}) == [
        ("slots.verlof_days", 2, True),
        ("slots.gemeente", "Haarlem", True),
        ("slots.verlof_in_writing", True, True),
        ("slots.region", None, True),
    ]
    assert outcomes(slots={"verlof_days": 3}) == [("slots.verlof_days", 3, False)]


def test_failed_check_explains_what_the_bot_did():
    [check] = check_turn(Expectation(contains=("leerplichtambtenaar",)), REPLIES, SLOTS)
    assert not check.passed and check.detail.startswith("not in the replies: Is er nu direct gevaar?")
    [check] = check_turn(Expectation(has_topic=True, topic="verlof"), REPLIES, SLOTS)
    assert check.detail == "topic was 'veiligheid'"
    [check] = check_turn(Expectation(buttons_include=("Ja",)), [Reply("geen knoppen")], {})
    assert check.detail == "buttons were: no buttons"


def test_no_replies_fail_text_checks():
    [check] = check_turn(Expectation(contains=("112",)), [], {})
    assert not check.passed and "(no reply)" in check.detail


def test_find_button_prefers_exact_title_then_a_unique_part():
    buttons = [Button("Ja", "/affirm"), Button("Ja, er is nu direct gevaar", "/acute"), Button("Nee, nog niet", "/deny")]
    assert find_button("ja", buttons).payload == "/affirm"
    assert find_button("direct gevaar", buttons).payload == "/acute"
    assert find_button("nee", buttons).payload == "/deny"
    assert find_button("misschien", buttons) is None
    assert find_button("j", buttons) is None  # in two titles: ambiguous
