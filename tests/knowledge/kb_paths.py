"""Paths shared by the knowledge tests (a uniquely named module, so it never
clashes with other conftest.py files).

The source documents are not part of the repository. Checks that read them run
when they are found (``$KERNTEAMWIJZER_SOURCES_DIR`` or ``../shared/sources``)
and are skipped otherwise; tests that only need *a* sources folder build a
small stand-in with :func:`write_stand_in_sources`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge.loader import REPO_ROOT, SOURCES_DIR_ENV, default_sources_dir

KNOWLEDGE_DIR = REPO_ROOT / "knowledge"
SOURCES_DIR = default_sources_dir()
SOURCES_AVAILABLE = SOURCES_DIR.is_dir() and any(SOURCES_DIR.glob("0*.txt"))
SKIP_REASON = (
    f"source documents not found in {SOURCES_DIR} "
    f"(place them in ../shared/sources or set {SOURCES_DIR_ENV})"
)

# Marks a test that reads the real source documents.
needs_source_documents = pytest.mark.skipif(not SOURCES_AVAILABLE, reason=SKIP_REASON)


def write_stand_in_sources(folder: Path, knowledge_dir: Path = KNOWLEDGE_DIR) -> Path:
    """Writes one small document per file declared in ``sources.yml`` that holds
    just the declared section titles, so the loader's document check passes
    without the real documents (no document text is copied: the titles are
    already in the knowledge base)."""
    folder.mkdir(parents=True, exist_ok=True)
    declared = yaml.safe_load((knowledge_dir / "sources.yml").read_text(encoding="utf-8"))
    for source in declared["sources"]:
        titles = "\n\n".join(source.get("sections") or [])
        (folder / source["file"]).write_text(f"{source.get('title', '')}\n\n{titles}\n", encoding="utf-8")
    return folder
