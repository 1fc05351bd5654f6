"""Checks the expectations of one turn against what the assistant replied.

Pure functions on plain data, so they are tested without a model
(``tests/harness/``)."""

from __future__ import annotations

import re
from typing import Any, Mapping, Optional, Sequence

from bot.conversation_harness.model import Button, CheckResult, Expectation, Reply

_QUOTES = str.maketrans({"‘": "'", "’": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-", "‑": "-"})


def normalise(text: str) -> str:
    """Lowercase, one kind of quote and dash, single spaces."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES).lower()).strip()


def replies_text(replies: Sequence[Reply]) -> str:
    return "\n".join(reply.text for reply in replies if reply.text)


def _first_text(replies: Sequence[Reply]) -> str:
    return next((reply.text for reply in replies if reply.text), "")


def _snippet(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _button_matches(wanted: str, button: Button) -> bool:
    needle = normalise(wanted)
    return needle in normalise(button.title) or needle == normalise(button.payload)


def find_button(title: str, buttons: Sequence[Button]) -> Optional[Button]:
    """The button a teacher means by ``title``: exact title first (case-insensitive),
    else the only button whose title contains it."""
    wanted = normalise(title)
    exact = [b for b in buttons if normalise(b.title) == wanted]
    if exact:
        return exact[0]
    partial = [b for b in buttons if wanted in normalise(b.title)]
    return partial[0] if len(partial) == 1 else None


def _values_equal(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual or expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return abs(float(expected) - float(actual)) < 1e-9
    if isinstance(expected, str) and isinstance(actual, str):
        return normalise(expected) == normalise(actual)
    return expected == actual


def check_turn(expect: Expectation, replies: Sequence[Reply], slots: Mapping[str, Any]) -> list[CheckResult]:
    """One CheckResult per expected value (each needle is its own check)."""
    results: list[CheckResult] = []
    text = normalise(replies_text(replies))
    first = normalise(_first_text(replies))
    buttons = [button for reply in replies for button in reply.buttons]
    said = _snippet(replies_text(replies)) or "(no reply)"

    for needle in expect.contains:
        found = normalise(needle) in text
        results.append(CheckResult("contains", needle, found, "" if found else f"not in the replies: {said}"))
    if expect.contains_any:
        found = any(normalise(needle) in text for needle in expect.contains_any)
        results.append(CheckResult(
            "contains_any", list(expect.contains_any), found, "" if found else f"none in the replies: {said}"
        ))
    for needle in expect.not_contains:
        absent = normalise(needle) not in text
        results.append(CheckResult("not_contains", needle, absent, "" if absent else f"but the replies say it: {said}"))
    for needle in expect.first_reply_contains:
        found = normalise(needle) in first
        results.append(CheckResult(
            "first_reply_contains", needle, found,
            "" if found else f"first reply was: {_snippet(_first_text(replies)) or '(no reply)'}",
        ))
    for needle in expect.first_reply_not_contains:
        absent = normalise(needle) not in first
        results.append(CheckResult(
            "first_reply_not_contains", needle, absent,
            "" if absent else f"first reply was: {_snippet(_first_text(replies))}",
        ))
    offered = ", ".join(f"'{b.title}'" for b in buttons) or "no buttons"
    for wanted in expect.buttons_include:
        found = any(_button_matches(wanted, button) for button in buttons)
        results.append(CheckResult("buttons_include", wanted, found, "" if found else f"buttons were: {offered}"))
    for unwanted in expect.buttons_exclude:
        absent = not any(_button_matches(unwanted, button) for button in buttons)
        results.append(CheckResult("buttons_exclude", unwanted, absent, "" if absent else f"buttons were: {offered}"))
    raw = replies_text(replies)
    for pattern in expect.matches:
        found = re.search(pattern, raw, flags=re.IGNORECASE) is not None
        results.append(CheckResult("matches", pattern, found, "" if found else f"no match in: {said}"))
    if expect.has_topic:
        actual = slots.get("topic")
        same = actual == expect.topic
        results.append(CheckResult("topic", expect.topic, same, "" if same else f"topic was {actual!r}"))
    for name, expected in expect.slots.items():
        actual = slots.get(name)
        same = _values_equal(expected, actual)
        results.append(CheckResult(f"slots.{name}", expected, same, "" if same else f"slot was {actual!r}"))
    return results
