"""Detection of acute danger in a teacher's message."""
from __future__ import annotations

import re

import pytest

POSITIVE = [
    "Hij zegt dat hij vanavond weer wordt geslagen",
    "Ze wordt thuis door haar vader geslagen",
    "Mijn leerling durft niet naar huis",
    "Het meisje durft niet meer naar huis vandaag",
    "Ze is bang om naar huis te gaan",
    "hij is bang naar huis",
    "Een leerling heeft een mes bij zich",
    "Zijn stiefvader dreigt hem te slaan",
    "De moeder dreigt met zelfmoord",
    "Ik denk aan zelfmoord bij deze leerling",
    "Ze heeft het over suïcide",
    "Ze heeft het over suicide",
    "Hij wil niet meer leven",
    "Hij ligt in het ziekenhuis door zijn vader",
    "Het kind is nu in gevaar",
    "ik denk dat er acuut gevaar is",
    "De leerling is seksueel misbruikt",
    "Ze wordt thuis opgesloten",
    "Het kind is weggelopen van huis",
    "Ze voelt zich thuis niet veilig",
    "Vader slaat haar als hij gedronken heeft",
    "Hij is bedreigd door zijn oom",
    "Ze wil zichzelf iets aandoen",
    "HIJ WORDT VANAVOND WEER GESLAGEN",
    "Hij wil niet naar huis omdat hij bang is",
    "Ze voelt zich niet veilig thuis",
    "Vader heeft gedreigd hem dood te slaan",
]

NEGATIVE = [
    "De leerling komt vaak te laat",
    "Ik maak me zorgen over de thuissituatie",
    "Hij dreigt te blijven zitten",
    "Ze dreigt een thuiszitter te worden",
    "Hij is vaak ziek",
    "Ze ligt in het ziekenhuis voor een geplande operatie",
    "Hoe vraag ik vakantieverlof aan?",
    "Wie is de leerplichtambtenaar in Haarlem?",
    "Hij is bang voor de toets",
    "Ze wil niet naar school",
    "Wat is de rol van de CJG-coach?",
    "Hij sloeg de bal hard weg in de gymles",
    "Ik wil graag weten hoe de meldcode werkt",
    "We hebben het in de klas over veilig verkeer gehad",
    "Hij heeft een mes en vork nodig bij de lunch",
    "De leerling wordt gepest in de pauze",
]


@pytest.mark.parametrize("text", POSITIVE)
def test_acute_positive(kb, text):
    assert kb.signals_acute_danger(text), text
    assert kb.matching_acute_signals(text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_acute_negative(kb, text):
    assert not kb.signals_acute_danger(text), kb.matching_acute_signals(text)


def test_patterns_are_lowercase_regexes(kb):
    assert 15 <= len(kb.acute_signals) <= 30
    for pattern in kb.acute_signals:
        assert pattern == pattern.lower()
        re.compile(pattern)


def test_every_pattern_is_exercised_by_a_positive_example(kb):
    used = set()
    for text in POSITIVE:
        used.update(kb.matching_acute_signals(text))
    unused = [p for p in kb.acute_signals if p not in used]
    assert not unused, unused
