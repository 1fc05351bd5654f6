"""Kernteamwijzer knowledge base: typed, validated facts from the source documents.

    from bot.knowledge import load_knowledge, KnowledgeBase, KnowledgeError
    kb = load_knowledge()
"""
from .errors import KnowledgeError
from .knowledge_base import LOOKUP_ENTITIES, KnowledgeBase
from .loader import clear_cache, default_knowledge_dir, default_sources_dir, load_knowledge
from .schema import SourceRef

__all__ = [
    "KnowledgeBase", "KnowledgeError", "LOOKUP_ENTITIES", "SourceRef", "clear_cache",
    "default_knowledge_dir", "default_sources_dir", "load_knowledge",
]
