"""The one text form the safety patterns are written for."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to a plain one.
_PLAIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d",
                        "’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})


def normalize(text: str) -> str:
    """Lowercase, without accents, whitespace collapsed; punctuation is kept (it
    ends a clause)."""
    lowered = text.lower().translate(_PLAIN)
    if lowered.isascii():
        plain = lowered
    else:
        decomposed = unicodedata.normalize("NFKD", lowered)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"([.,;:!?()\"])", r" \1 ", plain).split())
