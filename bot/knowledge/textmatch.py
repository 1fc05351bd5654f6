"""Case- and accent-insensitive matching of names, aliases and keywords in text."""
import re
import unicodedata
from typing import Generic, Iterable, List, Optional, Tuple, TypeVar

T = TypeVar("T")


def normalize(text: str) -> str:
    """Lowercase, no accents, every non-alphanumeric run becomes one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


class PhraseIndex(Generic[T]):
    """Finds the items a text names by their phrases (names, aliases, keywords) as
    whole words; a phrase ending in ``*`` also matches longer words ("training*")."""

    def __init__(self, entries: Iterable[Tuple[str, T]]) -> None:
        self._entries: List[Tuple[int, re.Pattern, T]] = []
        for phrase, item in entries:
            norm = normalize(phrase)
            if norm:
                tail = r"[a-z0-9]*" if phrase.rstrip().endswith("*") else ""
                pattern = re.compile(rf"(?<![a-z0-9]){re.escape(norm)}{tail}(?![a-z0-9])")
                self._entries.append((len(norm), pattern, item))

    def hits(self, text: str) -> List[Tuple[int, int, T]]:
        """(position, phrase length, item) for every phrase found in ``text``."""
        norm = normalize(text)
        matches = ((pattern.search(norm), length, item) for length, pattern, item in self._entries)
        return [(match.start(), length, item) for match, length, item in matches if match]

    def find(self, text: str) -> Optional[T]:
        """The item of the longest phrase in ``text``, then of the earliest one."""
        hits = sorted(self.hits(text), key=lambda hit: (-hit[1], hit[0]))
        return hits[0][2] if hits else None


def mentioned(terms: Iterable[str], text: str) -> bool:
    """Whether one of ``terms`` occurs in ``text``."""
    return bool(PhraseIndex((term, term) for term in terms).hits(text))
