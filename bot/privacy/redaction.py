"""De-identification of free text with ``deduce`` (Dutch)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.privacy.identifiers import replace_identifiers
from bot.privacy.lowercase_names import NameLists, replace_names, name_lists_from_deduce


@lru_cache(maxsize=1)
def _deduce() -> Any:
    # Building deduce's lookup structures takes ~90 s the first time; the result
    # is cached on disk inside the virtual environment. ``warm_up`` is called by
    # the set-up so no user ever waits for it.
    from deduce import Deduce

    return Deduce()


def warm_up() -> None:
    """Loads deduce's lookups and the Dutch word list now (start-up), not on a
    teacher's first message."""
    redact("Warm-up voor Jan Jansen uit de klas van juf de vries, 06-12345678.")


def redact(text: str | None) -> str | None:
    """Returns ``text`` with personal data replaced by tags such as [PERSOON-1].

    Button payloads (``/intent{...}``) carry no free text and stay as they are.
    """
    if not text or text.startswith("/"):
        return text
    deduce = _deduce()
    return deduce.deidentify(replace_names(replace_identifiers(text), _name_lists())).deidentified_text


@lru_cache(maxsize=1)
def _name_lists() -> NameLists:
    return name_lists_from_deduce(_deduce())
