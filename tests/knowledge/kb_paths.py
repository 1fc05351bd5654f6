"""Paths shared by the knowledge tests (a uniquely named module, so it never
clashes with other conftest.py files)."""
from bot.knowledge.loader import REPO_ROOT, default_sources_dir

KNOWLEDGE_DIR = REPO_ROOT / "knowledge"
SOURCES_DIR = default_sources_dir()
