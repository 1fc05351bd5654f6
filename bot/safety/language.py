"""A cheap guess of the language a message is written in.

Counts frequent function words per language (``languages.yml``). Good enough to
tell a Dutch message from an English, German, French, Turkish, Polish, Spanish
or Moroccan-Arabic (Latin script) one; short messages without any known word
count as Dutch, so the assistant never answers a Dutch teacher in English.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.safety.normalize import normalize

DUTCH = "nl"
LANGUAGES_FILE = Path(__file__).with_name("languages.yml")
WORD = re.compile(r"[a-z0-9']+")


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    return {language: frozenset(str(word) for word in words) for language, words in data.items()}


def language_scores(text: str) -> dict[str, int]:
    """How many words of the message are function words of each language."""
    words = WORD.findall(normalize(text))
    return {language: sum(1 for word in words if word in known) for language, known in _word_lists().items()}


def detect_language(text: str) -> str:
    """ISO code of the most likely language; Dutch unless another language
    clearly has more known words (at least two, and more than Dutch)."""
    scores = language_scores(text)
    dutch = scores.pop(DUTCH, 0)
    if not scores:
        return DUTCH
    best = max(scores, key=lambda language: (scores[language], language == "en"))
    if scores[best] >= 2 and scores[best] > dutch:
        return best
    if scores[best] >= 1 and dutch == 0 and len(WORD.findall(normalize(text))) <= 3:
        return best
    return DUTCH
