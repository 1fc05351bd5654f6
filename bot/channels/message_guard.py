"""Checks every channel applies to a teacher's message before Rasa sees it.

- Control characters are removed (line breaks and tabs become spaces).
- An empty message becomes the help-menu request.
- A message longer than :func:`max_message_chars` is not parsed: the teacher is
  asked for a shorter question. The cheap acute-danger check still reads the
  whole text, because a worried teacher may write a long story; when it fires,
  the message becomes the acute-danger request so 112 and Veilig Thuis come first.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS_ENV = "KERNTEAMWIJZER_MAX_MESSAGE_CHARS"
DEFAULT_MAX_CHARS = 2000
MIN_MAX_CHARS = 2000
HELP_REQUEST = "/ask_help_menu"
ACUTE_REQUEST = "/acute_danger"
_WHITESPACE = re.compile(r"\s+")


def max_message_chars() -> int:
    """The length limit (``KERNTEAMWIJZER_MAX_MESSAGE_CHARS``, at least 2,000)."""
    try:
        configured = int(os.environ.get(MAX_CHARS_ENV, DEFAULT_MAX_CHARS))
    except ValueError:
        configured = DEFAULT_MAX_CHARS
    return max(configured, MIN_MAX_CHARS)


def clean_text(text: str) -> str:
    """Removes control and format characters; collapses whitespace."""
    kept = "".join(
        " " if char in "\n\r\t\v\f" else char
        for char in text
        if char in "\n\r\t\v\f" or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co")
    )
    return _WHITESPACE.sub(" ", kept).strip()


@dataclass(frozen=True)
class GuardedMessage:
    """What to send to Rasa, and whether the teacher must be asked to be shorter."""

    text: str
    too_long: bool = False
    original_length: int = 0


def signals_acute_danger(text: str) -> bool:
    from bot.safety import detect

    return detect(text) is not None


def guard(raw_text: str) -> GuardedMessage:
    text = clean_text(raw_text)
    if not text:
        return GuardedMessage(HELP_REQUEST)
    if len(text) <= max_message_chars():
        return GuardedMessage(text)
    request = ACUTE_REQUEST if signals_acute_danger(text.lower()) else ""
    return GuardedMessage(request, too_long=True, original_length=len(text))
