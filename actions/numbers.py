"""Reads amounts such as "3 dagen", "twee weken", "anderhalve week" or
"een dag of tien" from Dutch text.

Number words are converted by the ``text2num`` library; this module only adds
the few Dutch idioms it does not cover (halves and "een dag of tien").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

SCHOOL_DAYS_PER_WEEK = 5
WEEKS_PER_MONTH = 52 / 12

_UNIT_WORDS = {
    "dag": "dag", "dagen": "dag", "lesdag": "dag", "lesdagen": "dag",
    "schooldag": "dag", "schooldagen": "dag",
    "week": "week", "weken": "week", "schoolweek": "week", "schoolweken": "week", "wk": "week",
    "maand": "maand", "maanden": "maand",
    "keer": "keer", "x": "keer", "maal": "keer",
    "uur": "uur", "uren": "uur", "u": "uur",
}
_HALVES = (
    (re.compile(r"\banderhalve?\b"), "1.5"),
    (re.compile(r"\been halve?\b"), "0.5"),
    (re.compile(r"\bhalve?\b"), "0.5"),
)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_APPROXIMATE = re.compile(rf"\b1\s+(dag|week|maand|uur|keer)\s+of\s+{_NUMBER}\b")
_AMOUNT = re.compile(rf"{_NUMBER}\s*({'|'.join(sorted(_UNIT_WORDS, key=len, reverse=True))})\b")
_BARE_NUMBER = re.compile(rf"^\s*(?:ongeveer|zo'?n|rond\s+de|circa|ca\.?)?\s*{_NUMBER}\s*[.!]?\s*$")
_PAST = re.compile(
    r"\b(gisteren|eergisteren|vorige\s+(week|maand|jaar)|afgelopen\s+(week|maand)|vanochtend|"
    r"vanmorgen|al\s+geweest|is\s+al\s+voorbij|in\s+het\s+verleden)\b"
)


@dataclass(frozen=True)
class Amount:
    value: float
    unit: str | None  # "dag", "week", "maand", "keer", "uur" or None for a bare number


def _normalise(text: str) -> str:
    lowered = text.lower().strip()
    for pattern, replacement in _HALVES:
        lowered = pattern.sub(replacement, lowered)
    return alpha2digit(lowered, "nl", threshold=0)


def _to_float(number: str) -> float:
    return float(number.replace(",", "."))


def amounts(text: str) -> list[Amount]:
    """All amounts with a unit in ``text``, in order; a lone number without a unit
    is returned as ``Amount(value, None)``."""
    normalised = _normalise(text)
    approximate = _APPROXIMATE.search(normalised)
    if approximate:
        normalised = normalised.replace(approximate.group(0), f"{approximate.group(2)} {approximate.group(1)}")
    found = [Amount(_to_float(m.group(1)), _UNIT_WORDS[m.group(2)]) for m in _AMOUNT.finditer(normalised)]
    if found:
        return found
    bare = _BARE_NUMBER.match(normalised)
    return [Amount(_to_float(bare.group(1)), None)] if bare else []


def school_days(text: str) -> float | None:
    """Number of school days in ``text`` ("twee weken" -> 10), or None."""
    for amount in amounts(text):
        if amount.unit in ("dag", None):
            return amount.value
        if amount.unit == "week":
            return amount.value * SCHOOL_DAYS_PER_WEEK
        if amount.unit == "maand":
            return round(amount.value * WEEKS_PER_MONTH * SCHOOL_DAYS_PER_WEEK)
    return None


def weeks(text: str) -> float | None:
    """A duration in weeks ("6 weken" -> 6, "2 maanden" -> 8.7, "10 dagen" -> 1.4)."""
    for amount in amounts(text):
        if amount.unit in ("week", None):
            return amount.value
        if amount.unit == "maand":
            return round(amount.value * WEEKS_PER_MONTH, 1)
        if amount.unit == "dag":
            return round(amount.value / 7, 1)
    return None


def count_of(text: str, unit: str) -> float | None:
    """The first amount with ``unit`` ("keer", "uur", "week"), or a bare number."""
    for amount in amounts(text):
        if amount.unit == unit:
            return amount.value
    bare = [amount for amount in amounts(text) if amount.unit is None]
    return bare[0].value if bare else None


def mentions_the_past(text: str) -> bool:
    return bool(_PAST.search(text.lower()))
