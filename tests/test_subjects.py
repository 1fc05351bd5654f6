"""Every intent of the domain is assigned to exactly one subject or role."""

from collections import Counter
from pathlib import Path

import yaml

from bot.subjects import all_assigned_intents, subject_of

ROOT = Path(__file__).resolve().parents[1]


def domain_intents() -> list[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return [intent if isinstance(intent, str) else next(iter(intent)) for intent in domain["intents"]]


def test_every_domain_intent_is_assigned():
    assigned = set(all_assigned_intents())
    missing = [intent for intent in domain_intents() if intent not in assigned]
    assert not missing, f"intents not listed in bot/subjects.py: {missing}"


def test_no_intent_is_assigned_twice():
    twice = [intent for intent, count in Counter(all_assigned_intents()).items() if count > 1]
    assert not twice, f"intents listed twice in bot/subjects.py: {twice}"


def test_no_assigned_intent_is_missing_from_the_domain():
    unknown = set(all_assigned_intents()) - set(domain_intents())
    assert not unknown, f"bot/subjects.py lists intents the domain does not have: {sorted(unknown)}"


def test_subject_of():
    assert subject_of("ask_meldcode") == "veiligheid"
    assert subject_of("ask_verlof") == "verlof"
    assert subject_of("affirm") is None
