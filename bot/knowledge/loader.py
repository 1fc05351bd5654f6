"""``load_knowledge()``: read the knowledge directory, validate each file with its
model (``schema``), check what spans several files (unique ids, known references,
one id per name, declared sources, required contacts) and build the KnowledgeBase.
"""
import os
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import yaml
from pydantic import ValidationError

from .knowledge_base import KnowledgeBase
from .schema import FILES, Record, Route, SourceRef
from .textmatch import normalize

KNOWLEDGE_DIR_ENV = "KERNTEAMWIJZER_KNOWLEDGE_DIR"
SOURCES_DIR_ENV = "KERNTEAMWIJZER_SOURCES_DIR"
REPO_ROOT = Path(__file__).resolve().parents[2]
ROUTES_DIR = "routes"
# pydantic's error types in the words of a YAML author; other errors keep pydantic's message
WORDING = {"value_error.missing": "missing required key", "value_error.extra": "unknown key",
           "type_error.tuple": "expected a list", "type_error.dict": "expected a mapping (key: value)"}


class KnowledgeError(Exception):
    """A problem in the knowledge directory. ``str(error)`` starts with the YAML file
    (relative to the knowledge dir) and the key path inside it, e.g.
    ``contacts.yml: contacts[3].phone: '06-1234' is not a valid Dutch phone number``."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file, self.path, self.problem = file, path, problem
        super().__init__(f"{file}: {path}: {problem}" if path else f"{file}: {problem}")


def default_knowledge_dir() -> Path:
    """``$KERNTEAMWIJZER_KNOWLEDGE_DIR`` or ``<repo>/knowledge``."""
    return Path(os.environ.get(KNOWLEDGE_DIR_ENV) or REPO_ROOT / "knowledge")


def default_sources_dir() -> Path:
    """``$KERNTEAMWIJZER_SOURCES_DIR`` or ``<repo>/../shared/sources``."""
    return Path(os.environ.get(SOURCES_DIR_ENV) or REPO_ROOT.parent / "shared" / "sources")


def load_knowledge(path: Union[str, Path, None] = None,
                   sources_dir: Union[str, Path, None] = None) -> KnowledgeBase:
    """Load and validate a knowledge directory (default: ``default_knowledge_dir()``),
    cached per resolved path. Cited sources are checked against the documents in
    ``sources_dir`` (default: ``default_sources_dir()``) when that folder exists,
    otherwise only against the list in sources.yml."""
    knowledge_dir = Path(path) if path is not None else default_knowledge_dir()
    sources = Path(sources_dir) if sources_dir is not None else default_sources_dir()
    return _load_cached(knowledge_dir.resolve(), sources.resolve() if sources.is_dir() else None)


@lru_cache(maxsize=None)
def _load_cached(knowledge_dir: Path, sources_dir: Optional[Path]) -> KnowledgeBase:
    if not knowledge_dir.is_dir():
        raise KnowledgeError(str(knowledge_dir), "", "knowledge directory does not exist")
    route_files = sorted((knowledge_dir / ROUTES_DIR).glob("*.yml"))
    if not route_files:
        raise KnowledgeError(f"{ROUTES_DIR}/", "", "no route files (*.yml) found")
    found = Found()

    def parse(file: str, model=None) -> Record:
        data = _read_yaml(knowledge_dir, file)
        try:
            record = (model or FILES[file]).parse_obj(data)
        except ValidationError as exc:
            raise _validation_problem(file, exc.errors()[0]) from None
        found.walk(file, record)
        return record

    files = {file: parse(file) for file in FILES}
    routes = tuple(parse(f"{ROUTES_DIR}/{p.name}", Route) for p in route_files)
    acute = _acute_signals(_read_yaml(knowledge_dir, "acute_signals.yml"))
    sources, regions, contacts, national = (files[f] for f in (
        "sources.yml", "regions.yml", "contacts.yml", "national.yml"))
    found.check_references()
    found.check_sources(sources.sources, sources_dir)
    found.check_contacts(regions.regions, contacts.contacts)

    # A step may include a list from national.yml (include_points).
    includes = {"meldcode_steps": national.meldcode.steps,
                "afwegingskader_questions": national.afwegingskader_questions}
    routes = tuple(route.copy(update={"steps": tuple(
        step.copy(update={"points": step.points + includes[step.include_points]}) if step.include_points else step
        for step in route.steps)}) for route in routes)
    return KnowledgeBase(
        sources=MappingProxyType({s.file: s for s in sources.sources}), regions=regions.regions,
        other_places=regions.other_places, roles=files["roles.yml"].roles, concerns=files["concerns.yml"].concerns,
        topics=contacts.topics, all_contacts=contacts.contacts, routes=routes, acute_signals=acute,
        verzuimkaart=files["verzuimkaart.yml"], tweede_deskundige=files["tweede_deskundige.yml"],
        onderzoek=files["onderzoek.yml"], samenwerking=files["samenwerking.yml"], national=national,
    )


def _read_yaml(knowledge_dir: Path, relative: str) -> Any:
    path = knowledge_dir / relative
    if not path.is_file():
        raise KnowledgeError(relative, "", "file is missing")
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise KnowledgeError(relative, "", f"YAML syntax error{where}: {getattr(exc, 'problem', exc)}") from None
    except UnicodeDecodeError as exc:
        raise KnowledgeError(relative, "", f"file is not valid UTF-8: {exc}") from None


def _validation_problem(file: str, error: dict) -> KnowledgeError:
    """One pydantic error as ``file: key.path: problem``; a schema.Problem adds
    where below the record it is (``ctx.key``)."""
    loc = [part for part in error["loc"] if part != "__root__"] + list((error.get("ctx") or {}).get("key", ()))
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    return KnowledgeError(file, path.lstrip("."), WORDING.get(error["type"], error["msg"]))


def _acute_signals(data: Any):
    """acute_signals.yml belongs to the safety net (bot/safety), which owns and
    validates its format; errors keep the ``file: key.path: problem`` form."""
    from bot.safety.signals import SignalFileError, parse_signals

    try:
        return parse_signals(data)
    except SignalFileError as exc:
        raise KnowledgeError("acute_signals.yml", exc.path, exc.problem) from None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _scoped(kind: str, route: Optional[str]) -> str:
    """Step ids are defined and referred to within their route."""
    return f"step:{route}" if kind == "step" else kind


class Found:
    """What the records define, refer to and cite, each with its file and key path."""

    def __init__(self) -> None:
        self.defined: Dict[str, Dict[str, Tuple[str, str]]] = defaultdict(dict)
        self.refs: List[Tuple[str, str, str, str]] = []  # kind, value, file, path
        self.cited: List[Tuple[SourceRef, str, str]] = []
        self.names: Dict[str, Dict[str, Tuple[str, str]]] = defaultdict(dict)

    def walk(self, file: str, record: Record, path: str = "", route: Optional[str] = None) -> None:
        """Record what ``record`` and everything inside it defines, names, refers to
        and cites; duplicate ids and clashing names are errors right away."""
        route = record.id if record.__kind__ == "route" else route
        if record.__kind__:
            kind = _scoped(record.__kind__, route)
            if record.id in self.defined[kind]:
                first = ": ".join(self.defined[kind][record.id])
                raise KnowledgeError(file, path, f"duplicate {kind} id '{record.id}' (already defined at {first})")
            self.defined[kind][record.id] = (file, path)
        if record.__names__:
            group, key = record.__names__
            self._name(group, record.id, record.name, file, _join(path, "name"))
            for index, alias in enumerate(getattr(record, key)):
                self._name(group, record.id, alias, file, f"{_join(path, key)}[{index}]")
        for name, field in record.__fields__.items():
            value, where = getattr(record, name), _join(path, field.alias)
            kind = field.field_info.extra.get("ref")
            if value is None:
                continue
            if isinstance(value, SourceRef):
                self.cited.append((value, file, where))
            elif kind and isinstance(value, Mapping):
                self.refs += [(kind, key, file, f"{where}.{key}") for key in value]
            elif kind and isinstance(value, tuple):
                self.refs += [(_scoped(kind, route), v, file, f"{where}[{i}]") for i, v in enumerate(value)]
            elif kind:
                self.refs.append((_scoped(kind, route), value, file, where))
            elif isinstance(value, Record):
                self.walk(file, value, where, route)
            elif isinstance(value, tuple):
                for index, item in enumerate(value):
                    if isinstance(item, Record):
                        self.walk(file, item, f"{where}[{index}]", route)

    def _name(self, group: str, owner: str, name: str, file: str, path: str) -> None:
        known, key = self.names[group], normalize(name)
        if key in known and known[key][0] != owner:
            other, where = known[key]
            raise KnowledgeError(file, path, f"name/alias '{key}' is used for both '{other}' and "
                                             f"'{owner}' (first at {where})")
        known.setdefault(key, (owner, f"{file}: {path}"))

    def check_references(self) -> None:
        for kind, value, file, path in self.refs:
            known = self.defined[kind]
            if value in known:
                continue
            if kind.startswith("step:"):
                raise KnowledgeError(file, path, f"unknown step '{value}' in route '{kind[5:]}'")
            raise KnowledgeError(file, path, f"unknown {kind} '{value}' "
                                             f"(known: {', '.join(sorted(known)) or 'none defined'})")

    def check_sources(self, sources, sources_dir: Optional[Path]) -> None:
        """Every cited file must be declared in sources.yml with that section, and every
        declared file/section must exist in the sources folder (when it is present)."""
        declared = {source.file: source for source in sources}
        for ref, file, path in self.cited:
            if ref.is_national:
                continue
            if ref.file not in declared:
                raise KnowledgeError(file, path, f"unknown source file '{ref.file}' (not listed in sources.yml)")
            if ref.section not in declared[ref.file].sections:
                raise KnowledgeError(file, path, f"section '{ref.section}' is not listed for '{ref.file}' "
                                                 f"in sources.yml")
        for index, source in enumerate(sources if sources_dir is not None else ()):
            document_path = sources_dir / source.file
            if not document_path.is_file():
                raise KnowledgeError("sources.yml", f"sources[{index}].file",
                                     f"'{source.file}' not found in the sources folder {sources_dir}")
            document = document_path.read_text(encoding="utf-8", errors="replace").lower()
            flat, words = " ".join(document.split()), set(re.findall(r"\w+", document))
            for number, section in enumerate(source.sections):
                # Headings from PDF text can be broken up by the layout; then every
                # word of the heading must still occur in the document.
                if (" ".join(section.lower().split()) not in flat
                        and not words.issuperset(re.findall(r"\w+", section.lower()))):
                    raise KnowledgeError("sources.yml", f"sources[{index}].sections[{number}]",
                                         f"section '{section}' does not occur in {source.file}")

    def check_contacts(self, regions, contacts) -> None:
        """Contacts only in regions whose sources give contacts; there, every gemeente
        has a contact for each of the region's required_contact_roles."""
        region_of = {g.id: r for r in regions for g in r.gemeenten}
        for contact in contacts:
            file, path = self.defined["contact"][contact.id]
            outside = [g for g in contact.gemeente_ids if g not in region_of]
            if outside:
                raise KnowledgeError(file, path, f"gemeente '{outside[0]}' is not inside a region, "
                                                 f"so it cannot have contacts")
            for region in [region_of[g] for g in contact.gemeente_ids] + [r for r in regions if r.id == contact.region_id]:
                if not region.contacts_in_sources:
                    raise KnowledgeError(file, path, f"region '{region.id}' has contacts_in_sources: false "
                                                     f"in regions.yml, but this contact belongs to it")
        for region in regions:
            for gemeente in region.gemeenten if region.contacts_in_sources else ():
                for role_id in region.required_contact_roles:
                    if not any(c.role_id == role_id and (gemeente.id in c.gemeente_ids or c.region_id == region.id)
                               for c in contacts):
                        raise KnowledgeError(*self.defined["gemeente"][gemeente.id],
                                             f"gemeente '{gemeente.id}' has no contact for required role "
                                             f"'{role_id}' in contacts.yml (required_contact_roles of region "
                                             f"'{region.id}')")
