"""Messages without a known word get nlu_fallback (bot/components/unknown_words.py)."""

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.unknown_words import UnknownWordsFallback, Vocabulary, training_words, words

KNOWN = Vocabulary(["ja", "nee", "verlof", "zindelijk", "leerling", "hallo", "ik", "wil", "hulp", "the"])


def test_words_ignore_case_accents_digits_and_single_letters():
    assert words("Oké, 3 dagen x Ñeen 😊") == ["oke", "dagen", "neen"]


def test_keyboard_mashes_are_unknown():
    for text in ("asdfgh jkl", "qwerty", "hjkl", "xcvb nm"):
        assert KNOWN.knows_any(text) is False, text


def test_typos_compounds_and_one_known_word_are_enough():
    assert KNOWN.knows_any("verlfo") is True  # two letters swapped: one deletion each way
    assert KNOWN.knows_any("leerlign") is True
    assert KNOWN.knows_any("halllo") is True  # one letter too many
    assert KNOWN.knows_any("zindelijkheidsprobleem") is True  # known part of a compound
    assert KNOWN.knows_any("blub blub ik wil hulp") is True


def test_short_words_only_match_with_a_letter_too_many():
    assert KNOWN.knows("ja") and KNOWN.knows("jaa") and KNOWN.knows("nee")
    assert not KNOWN.knows("jkl") and not KNOWN.knows("ne")


def test_a_text_without_words_is_left_alone():
    assert KNOWN.knows_any("112!! 😱") is None


def test_training_words_come_from_examples_lookups_and_synonyms():
    data = TrainingData(
        training_examples=[Message(data={"text": "Hoi, ik wil verlof", "intent": "ask_verlof"})],
        lookup_tables=[{"name": "gemeente", "elements": ["Goeree-Overflakkee"]}],
        entity_synonyms={"ib'er": "intern_begeleider"},
    )
    assert {"hoi", "verlof", "goeree", "overflakkee", "ib", "er", "intern", "begeleider"} <= training_words(data)


def test_component_sets_fallback_only_without_known_words():
    component = UnknownWordsFallback({}, None, None, KNOWN)
    mash = Message(data={"text": "asdfgh jkl", "intent": {"name": "affirm", "confidence": 0.68},
                         "intent_ranking": [{"name": "affirm", "confidence": 0.68}]})
    answer = Message(data={"text": "ja", "intent": {"name": "affirm", "confidence": 0.99}})
    payload = Message(data={"text": "/affirm", "intent": {"name": "affirm", "confidence": 1.0}})
    component.process([mash, answer, payload])
    assert mash.get("intent")["name"] == "nlu_fallback"
    assert [entry["name"] for entry in mash.get("intent_ranking")] == ["nlu_fallback", "affirm"]
    assert answer.get("intent")["name"] == "affirm" and payload.get("intent")["name"] == "affirm"
