"""Reading YAML files and walking them with typed accessors that know their key
path, so every problem is reported as ``file: key.path: problem``."""
from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional, Tuple

import yaml

from .errors import KnowledgeError
from .formats import parse_source_ref
from .registry import Location, Registry
from .schema import LANDELIJK, SourceRef
from .textmatch import normalize


def read_yaml(knowledge_dir: Path, relative: str) -> Any:
    path = knowledge_dir / relative
    if not path.is_file():
        raise KnowledgeError(relative, "", "file is missing")
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise KnowledgeError(relative, "", f"YAML syntax error at {where}: {exc.problem}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - other YAML errors
        raise KnowledgeError(relative, "", f"YAML error: {exc}") from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError(relative, "", f"file is not valid UTF-8: {exc}") from None


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


class Node:
    """A value inside a YAML file plus its key path."""

    def __init__(self, registry: Registry, file: str, path: str, value: Any) -> None:
        self.registry = registry
        self.file = file
        self.path = path
        self.value = value
        self._used: set = set()

    # -- navigation -------------------------------------------------------------
    def _sub(self, key: Any) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else str(key)

    def location(self, key: Any = None) -> Location:
        return Location(self.file, self.path if key is None else self._sub(key))

    def fail(self, problem: str, key: Any = None) -> KnowledgeError:
        return self.location(key).error(problem)

    def mapping(self) -> "Node":
        if not isinstance(self.value, dict):
            raise self.fail(f"expected a mapping (key: value), got {_type_name(self.value)}")
        return self

    def has(self, key: str) -> bool:
        return isinstance(self.value, dict) and key in self.value and self.value[key] is not None

    def child(self, key: str, required: bool = True) -> Optional["Node"]:
        self.mapping()
        self._used.add(key)
        if key not in self.value or self.value[key] is None:
            if required:
                raise self.fail(f"missing required key '{key}'")
            return None
        return Node(self.registry, self.file, self._sub(key), self.value[key])

    def finish(self) -> None:
        """Reject keys nobody asked for (usually typos)."""
        for key in self.value:
            if key not in self._used:
                raise self.fail(f"unknown key '{key}'", key)

    # -- scalars ----------------------------------------------------------------
    def str(self, key: str, required: bool = True) -> Optional[str]:
        node = self.child(key, required)
        if node is None:
            return None
        return node.as_str()

    def as_str(self) -> str:
        if not isinstance(self.value, str):
            hint = " (put it in quotes)" if isinstance(self.value, (int, float)) else ""
            raise self.fail(f"expected a string, got {_type_name(self.value)}{hint}")
        text = " ".join(self.value.split()) if "\n" in self.value else self.value.strip()
        if not text:
            raise self.fail("must not be empty")
        return text

    def int(self, key: str, required: bool = True, minimum: int = 0) -> Optional[int]:
        node = self.child(key, required)
        if node is None:
            return None
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            raise node.fail(f"expected a whole number, got {_type_name(node.value)}")
        if node.value < minimum:
            raise node.fail(f"must be at least {minimum}")
        return node.value

    def bool(self, key: str, required: bool = True) -> Optional[bool]:
        node = self.child(key, required)
        if node is None:
            return None
        if not isinstance(node.value, bool):
            raise node.fail(f"expected true or false, got {_type_name(node.value)} {node.value!r}")
        return node.value

    def choice(self, key: str, options: Tuple[str, ...], required: bool = True) -> Optional[str]:
        node = self.child(key, required)
        if node is None:
            return None
        value = node.as_str()
        if value not in options:
            raise node.fail(f"'{value}' is not one of: {', '.join(options)}")
        return value

    # -- lists ------------------------------------------------------------------
    def items(self, key: str, required: bool = True) -> List["Node"]:
        node = self.child(key, required)
        if node is None:
            return []
        if not isinstance(node.value, list):
            raise node.fail(f"expected a list, got {_type_name(node.value)}")
        if required and not node.value:
            raise node.fail("list must not be empty")
        return [Node(self.registry, self.file, node._sub(i), v) for i, v in enumerate(node.value)]

    def str_list(self, key: str, required: bool = False) -> Tuple[str, ...]:
        return tuple(item.as_str() for item in self.items(key, required))

    def entries(self, key: str, required: bool = False) -> List[Tuple[str, "Node"]]:
        """Key/value pairs of a nested mapping, in file order."""
        node = self.child(key, required)
        if node is None:
            return []
        node.mapping()
        return [(str(k), Node(self.registry, self.file, node._sub(k), v)) for k, v in node.value.items()]

    # -- ids, references, sources ------------------------------------------------
    def define(self, kind: str, key: str = "id") -> str:
        node = self.child(key)
        ident = node.as_str()
        if not ident.replace("_", "").replace("-", "").isalnum() or ident != ident.lower():
            raise node.fail(f"id '{ident}' must be lowercase letters, digits and _")
        self.registry.define(kind, ident, self.location())
        return ident

    def ref(self, kind: str, key: str, required: bool = True) -> Optional[str]:
        node = self.child(key, required)
        if node is None:
            return None
        return node.as_ref(kind)

    def as_ref(self, kind: str) -> str:
        value = self.as_str()
        self.registry.refer(kind, value, self.location())
        return value

    def ref_list(self, kind: str, key: str, required: bool = False) -> Tuple[str, ...]:
        return tuple(item.as_ref(kind) for item in self.items(key, required))

    def source(self, key: str = "source") -> SourceRef:
        node = self.child(key)
        raw = node.as_str()
        note = None
        if raw == LANDELIJK:
            note = self.str("note", required=False)
            if note is None:
                raise self.fail("source 'landelijk' needs a 'note' saying where the fact comes from")
        ref = parse_source_ref(raw, note)
        if ref is None:
            raise node.fail(f"'{raw}' is not a valid source; use 'file#section heading' or 'landelijk'")
        self.registry.cite(ref, node.location())
        return ref

    def names(self, group: str, owner: str, name: str, aliases: Tuple[str, ...],
              alias_key: str) -> None:
        """Register a name and its aliases so clashes between ids are reported."""
        self.registry.alias(group, normalize(name), owner, self.location("name"))
        for index, alias in enumerate(aliases):
            where = Location(self.file, f"{self._sub(alias_key)}[{index}]")
            self.registry.alias(group, normalize(alias), owner, where)
