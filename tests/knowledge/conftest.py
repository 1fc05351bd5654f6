"""Shared fixtures for the knowledge base tests."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, Iterable, Tuple

import pytest

from bot.knowledge import load_knowledge

from kb_paths import KNOWLEDGE_DIR


@pytest.fixture(scope="session")
def kb():
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture
def knowledge_copy(tmp_path) -> Callable[..., Path]:
    """Copy the real knowledge dir to tmp_path and apply (file, old, new) edits.

    Each ``old`` must occur in the file; only its first occurrence is replaced.
    """

    def make(*edits: Tuple[str, str, str], delete: Iterable[str] = ()) -> Path:
        target = tmp_path / "knowledge"
        shutil.copytree(KNOWLEDGE_DIR, target)
        for relative, old, new in edits:
            path = target / relative
            text = path.read_text(encoding="utf-8")
            assert old in text, f"fixture edit: {old!r} not found in {relative}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        for relative in delete:
            (target / relative).unlink()
        return target

    return make
