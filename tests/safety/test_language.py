"""The cheap language guess (bot/safety/language.py)."""
from __future__ import annotations

import pytest

from bot.safety import detect_language


@pytest.mark.parametrize("text, language", [
    ("A student told me her father hits her. What should I do?", "en"),
    ("Hello, can you help me with a question about my class?", "en"),
    ("Mein Schüler sagt, sein Vater schlägt ihn", "de"),
    ("mon élève dit que son père la frappe", "fr"),
    ("öğrencim babası onu dövüyor dedi", "tr"),
    ("moja uczennica boi się wrócić do domu", "pl"),
    ("hoi", "nl"),
    ("ok", "nl"),
    ("ik heb een vraag over verlof", "nl"),
    ("kind vertelt dat ze thuis geslagen wordt", "nl"),
    ("ik heb een meeting met de IB'er over een leerling", "nl"),
    ("is de CJG-coach van Haarlem bereikbaar?", "nl"),
    ("112", "nl"),
])
def test_language_guess(text, language):
    assert detect_language(text) == language
