"""Held-out measurement of the de-identification (tests/privacy_eval/, written
apart from the code): recall of names at least 98 %, and every phone number,
e-mail address, street address and BSN removed. Prints the numbers and writes
logs/privacy_report.txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.paths import PROJECT_ROOT
from bot.privacy.redaction import redact

EVALUATION = PROJECT_ROOT / "tests" / "privacy_eval" / "personal_data.yml"
NAME_RECALL_TARGET = 0.98
NUMBER = re.compile(r"\d")


def survives(fragment: str, redacted: str) -> bool:
    """A fragment survives when it still stands as a word in the redacted text."""
    return re.search(rf"(?<![\w]){re.escape(fragment)}(?![\w])", redacted) is not None


def is_name(fragment: str) -> bool:
    return not NUMBER.search(fragment) and "@" not in fragment


@pytest.fixture(scope="module")
def measured():
    if not EVALUATION.exists():
        pytest.skip(f"{EVALUATION} not found")
    messages = yaml.safe_load(EVALUATION.read_text(encoding="utf-8"))["messages"]
    names_total = names_kept = other_total = other_kept = keep_total = keep_lost = 0
    kept: list[str] = []
    for message in messages:
        redacted = redact(message["text"])
        for fragment in message["personal"]:
            leaked = survives(fragment, redacted)
            if is_name(fragment):
                names_total += 1
                names_kept += leaked
            else:
                other_total += 1
                other_kept += leaked
            if leaked:
                kept.append(f"- {fragment!r} kept")
        for word in message.get("keep") or []:
            keep_total += 1
            keep_lost += not survives(word, redacted) and word in message["text"]
    result = {
        "messages": len(messages),
        "name_recall": 1 - names_kept / max(names_total, 1),
        "names": names_total,
        "other_recall": 1 - other_kept / max(other_total, 1),
        "other": other_total,
        "over_redaction": keep_lost / max(keep_total, 1),
        "kept": kept,
    }
    report = (f"privacy evaluation on {result['messages']} messages: name recall {result['name_recall']:.1%} "
              f"({names_total} names), other identifiers removed {result['other_recall']:.1%} ({other_total}), "
              f"ordinary words over-redacted {result['over_redaction']:.1%}")
    log = PROJECT_ROOT / "logs" / "privacy_report.txt"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(report + "\n" + "\n".join(kept) + "\n", encoding="utf-8")
    print("\n" + report)
    return result


def test_name_recall(measured):
    assert measured["name_recall"] >= NAME_RECALL_TARGET, f"{measured['name_recall']:.1%}; see logs/privacy_report.txt"


def test_phone_numbers_emails_addresses_and_bsns_are_removed(measured):
    assert measured["other_recall"] == 1.0, f"{measured['other_recall']:.1%}; see logs/privacy_report.txt"
