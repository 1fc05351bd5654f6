"""Kernteamwijzer knowledge base: typed, validated facts from the source documents.

    from bot.knowledge import load_knowledge, KnowledgeBase, KnowledgeError
    kb = load_knowledge()

``schema``: a pydantic model per YAML record; ``loader``: reading and validating
the files, checks across files; ``knowledge_base``: the query API; ``textmatch``:
names and keywords in text; ``report``: ``python -m bot.knowledge``.
"""
from .knowledge_base import KnowledgeBase
from .loader import KnowledgeError, default_knowledge_dir, default_sources_dir, load_knowledge
from .schema import SourceRef

__all__ = ["KnowledgeBase", "KnowledgeError", "SourceRef", "default_knowledge_dir",
           "default_sources_dir", "load_knowledge"]
