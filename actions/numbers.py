"""Reads amounts such as "3 dagen", "twee weken", "anderhalve week", "3 hele
dagen", "vrijdag en maandag dus 2" or "een dag of tien" from Dutch text, and
says amounts back as a person would ("ongeveer 7 à 8 lesdagen", never "7.5").

Number words are converted by the ``text2num`` library (``alpha2digit(text,
"nl")``); this module only adds the Dutch idioms it does not cover: halves
("anderhalve", "tweeënhalve", "twee en een halve"), approximations ("een dag of
tien", "een stuk of vijf"), adjectives between number and unit ("3 hele
dagen"), named weekdays ("vrijdag en maandag", "maandag t/m woensdag") and
combinations ("een week en twee dagen").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from text_to_num import alpha2digit

SCHOOL_DAYS_PER_WEEK = 5
WEEKS_PER_MONTH = 52 / 12

_UNIT_WORDS = {
    "dag": "dag", "dagen": "dag", "dagje": "dag", "dagjes": "dag", "lesdag": "dag", "lesdagen": "dag",
    "schooldag": "dag", "schooldagen": "dag", "werkdag": "dag", "werkdagen": "dag", "dgn": "dag",
    "week": "week", "weken": "week", "weekje": "week", "weekjes": "week", "schoolweek": "week",
    "schoolweken": "week", "lesweek": "week", "lesweken": "week", "wk": "week", "wkn": "week",
    "maand": "maand", "maanden": "maand", "maandje": "maand", "mnd": "maand",
    "keer": "keer", "keren": "keer", "x": "keer", "maal": "keer",
    "uur": "uur", "uren": "uur", "uurtjes": "uur", "u": "uur",
}
# Words a teacher puts between a number and its unit: "3 hele dagen".
_BETWEEN = r"(?:(?:hele|gehele|volle|losse|aparte|extra|aaneengesloten|achtereenvolgende|ongeoorloofde|lesvrije)\s+)?"
_HALF_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10}
_HALVES = (
    (re.compile(rf"\b({'|'.join(_HALF_WORDS)})ënhalve?\b"), lambda m: f"{_HALF_WORDS[m.group(1)] + 0.5:g}"),
    (re.compile(r"\banderhalve?\b"), lambda m: "1.5"),
    (re.compile(r"\been halve?\b"), lambda m: "0.5"),
    (re.compile(r"\bhalve?\b"), lambda m: "0.5"),
    (re.compile("½"), lambda m: ".5"),
)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_AND_A_HALF = re.compile(r"\b(\d+)\s+en\s+0\.5\b")
_APPROXIMATE = re.compile(rf"(?:\b1\s+)?\b(dag|week|maand|uur|keer|stuk)\s+of\s+{_NUMBER}\b")
_UNITS = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
_AMOUNT = re.compile(rf"{_NUMBER}\s*{_BETWEEN}({_UNITS})\b")
_BARE_NUMBER = re.compile(
    rf"^\s*(?:ongeveer|zo'?n|rond\s+de|circa|ca\.?|een\s+stuk\s+of)?\s*{_NUMBER}\s*(?:stuks?)?\s*[.!]?\s*$"
)
# "vrijdag en maandag dus 2": the number the teacher concludes with.
_SO_THAT_IS = re.compile(rf"\b(?:dus|=|totaal|samen|in\s+totaal)\s*:?\s*{_NUMBER}\b(?!\s*(?:{_UNITS})\b)")
_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
_WEEKDAY = r"(maandag|dinsdag|woensdag|donderdag|vrijdag)(?:middag|ochtend)?"
_WEEKDAY_RANGE = re.compile(rf"\b{_WEEKDAY}\s*(?:t/m|tm|tot\s+en\s+met|-|tot)\s*{_WEEKDAY}\b")
_WEEKDAY_NAME = re.compile(rf"\b(?<!elke\s)(?<!iedere\s){_WEEKDAY}\b")
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
    converted = alpha2digit(lowered, "nl", threshold=0)
    converted = _AND_A_HALF.sub(lambda m: f"{int(m.group(1)) + 0.5:g}", converted)
    # "een dag of drie" -> "3 dag"; "een stuk of vijf" -> "5"
    return _APPROXIMATE.sub(lambda m: m.group(2) if m.group(1) == "stuk" else f"{m.group(2)} {m.group(1)}", converted)


def _to_float(number: str) -> float:
    return float(number.replace(",", "."))


def _matches(normalised: str) -> list[re.Match]:
    return list(_AMOUNT.finditer(normalised))


def amounts(text: str) -> list[Amount]:
    """All amounts with a unit in ``text``, in order; a lone number without a unit
    is returned as ``Amount(value, None)``."""
    normalised = _normalise(text)
    found = [Amount(_to_float(m.group(1)), _UNIT_WORDS[m.group(2)]) for m in _matches(normalised)]
    if found:
        return found
    bare = _BARE_NUMBER.match(normalised)
    return [Amount(_to_float(bare.group(1)), None)] if bare else []


def _in_school_days(amount: Amount) -> float | None:
    if amount.unit in ("dag", None):
        return amount.value
    if amount.unit == "week":
        return amount.value * SCHOOL_DAYS_PER_WEEK
    if amount.unit == "maand":
        return round(amount.value * WEEKS_PER_MONTH * SCHOOL_DAYS_PER_WEEK)
    return None


def _combined_school_days(normalised: str) -> float | None:
    """ "1 week en 2 dagen" -> 7: a week amount directly followed by a day amount."""
    matches = _matches(normalised)
    for first, second in zip(matches, matches[1:]):
        units = (_UNIT_WORDS[first.group(2)], _UNIT_WORDS[second.group(2)])
        between = normalised[first.end():second.start()].strip(" ,")
        if units == ("week", "dag") and between in ("en", "plus", "+"):
            return _to_float(first.group(1)) * SCHOOL_DAYS_PER_WEEK + _to_float(second.group(1))
    return None


def _weekday_days(normalised: str) -> float | None:
    """Days named as weekdays: "vrijdag en maandag dus 2", "maandag t/m woensdag"."""
    so_that_is = _SO_THAT_IS.search(normalised)
    if so_that_is and _WEEKDAY_NAME.search(normalised):
        return _to_float(so_that_is.group(1))
    span = _WEEKDAY_RANGE.search(normalised)
    if span:
        first, last = _WEEKDAYS.index(span.group(1)), _WEEKDAYS.index(span.group(2))
        return float(last - first + 1) if last >= first else float(len(_WEEKDAYS) - first + last + 1)
    named = _WEEKDAY_NAME.findall(normalised)
    return float(len(named)) if named else None


def school_days(text: str) -> float | None:
    """Number of school days in ``text`` ("twee weken" -> 10), or None."""
    normalised = _normalise(text)
    combined = _combined_school_days(normalised)
    if combined is not None:
        return combined
    for amount in amounts(text):
        days = _in_school_days(amount)
        if days is not None:
            return days
    return _weekday_days(normalised)


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


# Saying amounts back: whole numbers as they are, anything else rounded the way
# a person would round it, with "ongeveer".

def _is_whole(value: float) -> bool:
    return math.isclose(value, round(value), abs_tol=1e-9)


def _nearest_half(value: float) -> float:
    return math.floor(value * 2 + 0.5) / 2


def spoken_number(value: float) -> str:
    """A number to put before a unit in a sentence: "13", "ongeveer 7 à 8", "ongeveer 17"."""
    if _is_whole(value):
        return f"{round(value)}"
    rounded = _nearest_half(value)
    if _is_whole(rounded) or rounded > 10 or abs(value - rounded) > 0.1 + 1e-9:
        return f"ongeveer {math.floor(value + 0.5)}"
    return f"ongeveer {math.floor(rounded)} à {math.ceil(rounded)}"


def _with_unit(number: str, singular: str, plural: str) -> str:
    return f"{number} {singular if number.endswith(' 1') or number == '1' else plural}"


def say_school_days(days: float) -> str:
    """ "3 lesdagen", "1 lesdag", "een halve lesdag", "ongeveer 7 à 8 lesdagen"."""
    if math.isclose(days, 0.5):
        return "een halve lesdag"
    return _with_unit(spoken_number(days), "lesdag", "lesdagen")


def say_weeks(weeks: float) -> str:
    """ "6 weken", "anderhalve week", "ongeveer 2 dagen" (for 0.3 week), "ongeveer 17 weken"."""
    if _is_whole(weeks):
        return _with_unit(f"{round(weeks)}", "week", "weken")
    if weeks < 1:
        days = max(1, math.floor(weeks * 7 + 0.5))
        return f"ongeveer {days} {'dag' if days == 1 else 'dagen'}"
    if math.isclose(weeks, 1.5):
        return "anderhalve week"
    if math.isclose(_nearest_half(weeks), 1.5) and abs(weeks - 1.5) <= 0.1 + 1e-9:
        return "ongeveer anderhalve week"
    return _with_unit(spoken_number(weeks), "week", "weken")
