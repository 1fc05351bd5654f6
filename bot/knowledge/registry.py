"""Bookkeeping during parsing: defined ids, references, source refs and aliases,
each with the file and key path it was found at (for error messages)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from .errors import KnowledgeError
from .schema import SourceRef


@dataclass(frozen=True)
class Location:
    file: str
    path: str

    def error(self, problem: str) -> KnowledgeError:
        return KnowledgeError(self.file, self.path, problem)

    def __str__(self) -> str:
        return f"{self.file}: {self.path}"


@dataclass(frozen=True)
class Reference:
    kind: str
    value: str
    location: Location


@dataclass
class Registry:
    definitions: Dict[str, Dict[str, Location]] = field(default_factory=dict)
    references: List[Reference] = field(default_factory=list)
    source_refs: List[Tuple[SourceRef, Location]] = field(default_factory=list)
    aliases: Dict[str, Dict[str, Tuple[str, Location]]] = field(default_factory=dict)

    def define(self, kind: str, ident: str, location: Location) -> None:
        known = self.definitions.setdefault(kind, {})
        if ident in known:
            raise location.error(
                f"duplicate {kind} id '{ident}' (already defined at {known[ident]})"
            )
        known[ident] = location

    def defined(self, kind: str) -> Dict[str, Location]:
        return self.definitions.get(kind, {})

    def refer(self, kind: str, value: str, location: Location) -> None:
        self.references.append(Reference(kind, value, location))

    def cite(self, ref: SourceRef, location: Location) -> None:
        self.source_refs.append((ref, location))

    def alias(self, group: str, normalized: str, owner: str, location: Location) -> None:
        """Register a name/alias; the same alias for two different ids is an error."""
        known = self.aliases.setdefault(group, {})
        if normalized in known and known[normalized][0] != owner:
            other, where = known[normalized]
            raise location.error(
                f"name/alias '{normalized}' is used for both '{other}' and '{owner}' "
                f"(first at {where})"
            )
        known.setdefault(normalized, (owner, location))
