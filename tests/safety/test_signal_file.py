"""knowledge/acute_signals.yml is data: its format is checked, with errors that
name the key path, and every signal rule is exercised by a development example."""
from __future__ import annotations

import pytest
import yaml

from bot.safety.signals import SIGNALS_FILE, SignalFileError, load_signals, parse_signals

from test_detector import MUST_MATCH


def _data():
    return yaml.safe_load(SIGNALS_FILE.read_text(encoding="utf-8"))


def test_the_file_loads_and_names_its_source():
    data = _data()
    assert data["source"] == "landelijk" and "112" in data["note"] and "0800-2000" in data["note"]
    assert len(load_signals()) >= 10


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["signals"][0]["patterns"].append("(open"), "signals[0].patterns["),
    (lambda d: d["signals"][0]["patterns"].append("Hoofdletter"), "must be lowercase"),
    (lambda d: d["signals"][0]["patterns"].append("@bestaat_niet"), "unknown word family '@bestaat_niet'"),
    (lambda d: d["signals"][1].update(soms="x"), "signals[1].soms: unknown key 'soms'"),
    (lambda d: d.update(source="001_6c0135e309740f9e.txt"), "source: needs 'source: landelijk'"),
    (lambda d: d["signals"].append(dict(d["signals"][0])), "is used twice"),
])
def test_format_errors_name_the_key_path(edit, message):
    data = _data()
    edit(data)
    with pytest.raises(SignalFileError) as info:
        parse_signals(data)
    assert message in str(info.value)
    assert str(info.value).startswith("acute_signals.yml: ")


def test_every_rule_is_exercised_by_a_development_example():
    signals = load_signals()
    used = {signals.detect(text).id for texts in MUST_MATCH.values() for text in texts if signals.detect(text)}
    unused = [rule.id for rule in signals.rules if rule.id not in used]
    assert not unused, unused


def test_secrecy_requests_and_disclosures_are_recognised():
    signals = load_signals()
    assert signals.is_secrecy_request("ze zei dat ik het aan niemand mag vertellen")
    assert signals.is_secrecy_request("hij liet me beloven dat ik niks tegen zijn moeder zeg")
    assert signals.is_secrecy_request("she asked me to keep it secret")
    assert not signals.is_secrecy_request("ik heb het aan de IB'er verteld")
    assert signals.is_disclosure("een meisje vertelde me vanochtend iets over thuis")
    assert not signals.is_disclosure("ik maak me zorgen over een leerling")


def test_a_message_that_denies_danger_is_recognised():
    signals = load_signals()
    assert signals.negated_danger("huh er is helemaal geen gevaar")
    assert signals.negated_danger("niet acuut")
    assert not signals.negated_danger("er is acuut gevaar")
    assert not signals.negated_danger("hoi")
