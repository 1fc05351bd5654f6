"""Well-known locations inside the project, resolved from this file.

Every path can be overridden with an environment variable so that tests and
deployments can point the assistant elsewhere without code changes.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _from_env(variable: str, default: Path) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser().resolve() if value else default


def cache_dir() -> Path:
    """Folder for generated, machine-local artefacts (never committed)."""
    return _from_env("KERNTEAMWIJZER_CACHE_DIR", PROJECT_ROOT / ".cache")


def spacy_fallback_dir() -> Path:
    """Folder holding the saved fallback spaCy pipeline."""
    return _from_env("KERNTEAMWIJZER_SPACY_FALLBACK_DIR", cache_dir() / "spacy-nl-fallback")


def models_dir() -> Path:
    return PROJECT_ROOT / "models"


def logs_dir() -> Path:
    return PROJECT_ROOT / "logs"
