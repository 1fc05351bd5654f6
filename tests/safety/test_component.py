"""The safety decision the NLU component puts on a message (bot/components/acute_danger.py)."""
from __future__ import annotations

import pytest

from bot.components.acute_danger import safety_intent


@pytest.mark.parametrize("text, classifier_intent, acute_confidence, expected", [
    ("moeder is bewusteloos!", "nlu_fallback", 0.0, "acute_danger"),
    ("hij wordt vanavond weer geslagen", "ask_verlof", 0.0, "acute_danger"),
    # only the classifier says acute: the route, whose first question names 112
    ("er speelt iets heftigs thuis bij een leerling", "acute_danger", 0.95, "worry_safety"),
    ("er speelt iets heftigs thuis bij een leerling", "nlu_fallback", 0.3, "worry_safety"),
    # the message denies danger
    ("huh er is helemaal geen gevaar", "acute_danger", 0.9, "deny"),
    ("een leerling vertelde iets over thuis en ik moest beloven dat ik niks zeg", "worry_safety", 0.0, "child_disclosure"),
    ("Hello, can you help me with a question about my class?", "greet", 0.0, "other_language"),
    ("hoe vraag ik verlof aan", "ask_verlof", 0.0, None),
])
def test_safety_intent(text, classifier_intent, acute_confidence, expected):
    intent, info = safety_intent(text, classifier_intent, acute_confidence)
    assert intent == expected, info


def test_a_signal_is_described_without_the_text():
    _, info = safety_intent("moeder is bewusteloos!", None, 0.0)
    assert info == {"outcome": "acute", "category": "ouder_bewusteloos", "language": "nl", "probability": 0.0}


def test_lemmas_add_recall_but_never_bypass_negation_or_context():
    from bot.safety import detect

    # "sloeg" is also tried as its lemma; a pattern written for "slaat" then matches
    assert detect("papa sloeg haar gisteravond", lemmas=["papa", "slaan", "haar", "gisteravond"]) is not None
    lemmas = ["ik", "denken", "niet", "dat", "hij", "thuis", "slaan", "worden"]
    assert detect("ik denk niet dat hij thuis geslagen wordt", lemmas=lemmas) is None
    lemmas = ["hoe", "herkennen", "je", "dat", "een", "leerling", "aan", "zelfbeschadiging", "doen"]
    assert detect("hoe herken je dat een leerling aan zelfbeschadiging doet?", lemmas=lemmas) is None
