"""The statistical acute-danger layer (bot/safety/classifier.py) and how it
decides together with the patterns (bot/safety/decision.py) and inside the
Rasa component (train, store with the model, load)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.safety import decide
from bot.safety.classifier import ALARM_THRESHOLD, AcuteTextClassifier, read_examples
from bot.safety.decision import ACUTE, NONE

ACUTE_EXAMPLES = [
    "vader staat dronken op het plein en wil het kind meesleuren",
    "ze heeft striemen en zegt dat het vanavond weer gebeurt",
    "kind zegt dat moeder niet meer opstaat van de vloer",
    "jongen heeft een strop gemaakt en zegt dat hij het vannacht doet",
    "meisje wordt volgende week uitgehuwelijkt in het buitenland",
    "kleuter is na sluitingstijd nog hier en niemand neemt op",
]
CALM_EXAMPLES = [
    "hoeveel dagen verlof mag een leerling krijgen",
    "wie is de leerplichtambtenaar van onze gemeente",
    "leerling komt vaak te laat, wat nu",
    "wie betaalt een iq onderzoek",
    "kind is moe en gaapt de hele dag",
    "hoe werkt de tweede deskundige",
]


@pytest.fixture(scope="module")
def classifier() -> AcuteTextClassifier:
    return AcuteTextClassifier().fit(ACUTE_EXAMPLES + CALM_EXAMPLES,
                                     [True] * len(ACUTE_EXAMPLES) + [False] * len(CALM_EXAMPLES))


def test_probability_separates_acute_from_everyday_questions(classifier):
    assert classifier.probability("moeder ligt op de vloer en staat niet meer op") > \
        classifier.probability("hoeveel dagen verlof mag ik geven")


def test_untrained_classifier_and_empty_text_give_zero():
    assert AcuteTextClassifier().probability("vader heeft een mes") == 0.0


def test_training_needs_both_kinds_of_examples():
    with pytest.raises(ValueError, match="acute and not-acute"):
        AcuteTextClassifier().fit(ACUTE_EXAMPLES, [True] * len(ACUTE_EXAMPLES))


def test_read_examples_names_the_broken_item(tmp_path: Path):
    path = tmp_path / "examples.yml"
    path.write_text("acute:\n- text: vader slaat\nnot_acute:\n- category: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not_acute\[0\]"):
        read_examples(path)


def test_a_high_probability_raises_the_alarm_without_a_pattern():
    text = "ik maak me grote zorgen, hij zei dat hij er vanavond klaar mee is"
    assert decide(text).outcome == NONE
    assert decide(text, acute_probability=ALARM_THRESHOLD).outcome == ACUTE
    assert decide(text, acute_probability=ALARM_THRESHOLD - 0.01).outcome == NONE


@pytest.mark.parametrize("text", [
    "er is geen acuut gevaar, maar de leerling oogt verdrietig",
    "we lazen een verhaal over een wolf die iedereen opeet, hoe bespreek ik dat",
])
def test_a_denial_or_a_lesson_is_not_an_alarm_on_probability_alone(text):
    assert decide(text, acute_probability=0.99).outcome != ACUTE


def test_component_trains_stores_and_loads_the_classifier(tmp_path: Path):
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from bot.components.acute_danger import AcuteDangerSignal

    storage = LocalModelStorage(tmp_path)
    resource = Resource("acute_danger_signal")
    context = ExecutionContext(GraphSchema({}), "test")
    examples = tmp_path / "examples.yml"
    examples.write_text("acute:\n- text: er ligt een vader bewusteloos in de hal\n"
                        "not_acute:\n- text: wanneer is de volgende studiedag\n", encoding="utf-8")
    component = AcuteDangerSignal.create({"examples": str(examples)}, storage, resource, context)
    data = TrainingData([Message(data={"text": t, "intent": "acute_danger"}) for t in ACUTE_EXAMPLES]
                        + [Message(data={"text": t, "intent": "ask_verlof"}) for t in CALM_EXAMPLES])
    component.train(data)

    loaded = AcuteDangerSignal.load({"examples": str(examples)}, storage, resource, context)
    message = Message(data={"text": "vader ligt bewusteloos op de vloer en het kind is alleen"})
    loaded.process([message])
    assert 0.0 < message.get("safety")["probability"] <= 1.0


@pytest.mark.parametrize("text, outcome", [
    ("huh er is helemaal geen gevaar", "denied"),
    ("niet acuut", "denied"),
    # a denial that carries a worry starts the route (which does not ask about danger again)
    ("niet acuut, maar ik twijfel of ik moet melden, ze heeft vaak blauwe plekken", "unsure"),
])
def test_a_denial_with_a_worry_is_not_read_as_a_bare_no(text, outcome):
    assert decide(text, intent="acute_danger").outcome == outcome
