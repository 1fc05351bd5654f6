"""De-identification of free text with ``deduce`` (Dutch)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _deduce() -> Any:
    # Building deduce's lookup structures takes ~90 s the first time; the result
    # is cached on disk inside the virtual environment. ``warm_up`` is called by
    # the set-up so no user ever waits for it.
    from deduce import Deduce

    return Deduce()


def warm_up() -> None:
    _deduce().deidentify("Warm-up voor Jan Jansen, 06-12345678.")


def redact(text: str | None) -> str | None:
    """Returns ``text`` with personal data replaced by tags such as [PERSOON-1].

    Button payloads (``/intent{...}``) carry no free text and stay as they are.
    """
    if not text or text.startswith("/"):
        return text
    return _deduce().deidentify(text).deidentified_text
