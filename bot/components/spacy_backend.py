"""Chooses the spaCy pipeline the NLU uses: the official Dutch model when it is
installed, otherwise a saved fallback built from spaCy's own Dutch tokenizer and
the lemma lookup tables of ``spacy-lookups-data``.

Kept free of Rasa imports so the choice can be tested and used by the CLI.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

logger = logging.getLogger(__name__)

OFFICIAL_MODEL = "nl_core_news_sm"
FALLBACK_BACKEND = "fallback-nl-blank-lookups"
INSTALL_HINT = (
    "Installeer het officiele model nl_core_news_sm 3.4.0 voor betere taalherkenning: "
    "zet SPACY_MODEL_WHEELS=<map met nl_core_news_sm-3.4.0-py3-none-any.whl> en draai "
    "de set-up opnieuw (zie README, 'Offline installeren'). / Install nl_core_news_sm "
    "3.4.0 for better language analysis (see README)."
)


@dataclass(frozen=True)
class SpacyBackend:
    """A loaded spaCy pipeline plus the name that identifies how it was made."""

    nlp: Any
    name: str

    @property
    def is_fallback(self) -> bool:
        return self.name.startswith(FALLBACK_BACKEND)


def fallback_backend_name() -> str:
    """Name of the fallback backend; includes the lookup-data version so that a
    different lemma table also changes the model fingerprint."""
    from importlib.metadata import version

    return f"{FALLBACK_BACKEND}-{version('spacy-lookups-data')}"


def build_fallback_pipeline(target: Path) -> Path:
    """Builds the fallback pipeline once into ``target`` (idempotent)."""
    import spacy

    marker = target / "meta.json"
    if marker.exists():
        return target
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    nlp.to_disk(tmp)
    tmp.rename(target)
    return target


def official_model_installed() -> bool:
    from importlib.util import find_spec

    return find_spec(OFFICIAL_MODEL) is not None


def load_backend(
    fallback_dir: Path,
    model_name: str = OFFICIAL_MODEL,
    spacy_load: Callable[..., Any] | None = None,
) -> SpacyBackend:
    """Loads the official model, or the fallback pipeline when it is missing.

    ``spacy_load`` defaults to :func:`spacy.load`; tests substitute it.
    """
    import spacy

    load = spacy_load or spacy.load
    try:
        nlp = load(model_name, disable=["parser"])
        logger.info("spaCy-backend: %s", model_name)
        return SpacyBackend(nlp=nlp, name=model_name)
    except OSError:
        pass
    build_fallback_pipeline(fallback_dir)
    nlp = load(str(fallback_dir))
    name = fallback_backend_name()
    _warn_once(name, model_name)
    return SpacyBackend(nlp=nlp, name=name)


_warned: set[str] = set()


def _warn_once(name: str, model_name: str) -> None:
    if name in _warned:
        return
    _warned.add(name)
    logger.warning(
        "spaCy-backend: %s (spaCy's Nederlandse tokenizer met lemma-opzoektabellen), "
        "omdat %s niet geinstalleerd is. %s",
        name,
        model_name,
        INSTALL_HINT,
    )


def active_backend_name() -> str:
    """The backend a fresh load would choose, without loading spaCy."""
    return OFFICIAL_MODEL if official_model_installed() else fallback_backend_name()
