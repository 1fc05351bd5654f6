"""Case- and accent-insensitive matching of names, aliases and keywords in text."""
from __future__ import annotations

import re
import unicodedata
from typing import Generic, Iterable, List, Optional, Sequence, Tuple, TypeVar

T = TypeVar("T")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Lowercase, no accents, every non-alphanumeric run becomes one space."""
    text = strip_accents(text).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _phrase_pattern(phrase: str, prefix: bool) -> re.Pattern:
    body = re.escape(phrase).replace(r"\ ", " ")
    tail = r"[a-z0-9]*" if prefix else ""
    return re.compile(rf"(?<![a-z0-9]){body}{tail}(?![a-z0-9])")


class AliasIndex(Generic[T]):
    """Finds which item is named in a text; the longest matching alias wins,
    then the earliest position."""

    def __init__(self, entries: Iterable[Tuple[str, T]]) -> None:
        self._entries: List[Tuple[str, re.Pattern, T]] = []
        seen = set()
        for alias, item in entries:
            norm = normalize(alias)
            if not norm or (norm, id(item)) in seen:
                continue
            seen.add((norm, id(item)))
            self._entries.append((norm, _phrase_pattern(norm, prefix=False), item))

    def find_all(self, text: str) -> List[Tuple[int, int, T]]:
        """(position, alias length, item) for every alias found in ``text``."""
        norm = normalize(text)
        hits = []
        for alias, pattern, item in self._entries:
            match = pattern.search(norm)
            if match:
                hits.append((match.start(), len(alias), item))
        return hits

    def find(self, text: str) -> Optional[T]:
        hits = self.find_all(text)
        if not hits:
            return None
        hits.sort(key=lambda hit: (-hit[1], hit[0]))
        return hits[0][2]


class KeywordMatcher:
    """Keywords with an optional trailing ``*`` (prefix match)."""

    def __init__(self, keywords: Sequence[str]) -> None:
        self._patterns = []
        for keyword in keywords:
            prefix = keyword.endswith("*")
            norm = normalize(keyword.rstrip("*"))
            if norm:
                self._patterns.append(_phrase_pattern(norm, prefix))

    def matches(self, text: str) -> bool:
        norm = normalize(text)
        return any(p.search(norm) for p in self._patterns)

    def count(self, text: str) -> int:
        norm = normalize(text)
        return sum(1 for p in self._patterns if p.search(norm))

