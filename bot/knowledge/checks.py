"""Checks across the knowledge files, after each file passed its own model: ids
are unique, references name defined ids, a name or alias means one id, cited
sources are declared in sources.yml (and declared sections occur in the
documents when these are present), and gemeenten have their required contacts."""
import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from .errors import KnowledgeError
from .schema import Contact, Record, Region, Source, SourceRef
from .textmatch import normalize

Place = Tuple[str, str]  # (file, key path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _scoped(kind: str, route: Optional[str]) -> str:
    """Step ids are defined and referred to within their route."""
    return f"step:{route}" if kind == "step" else kind


class Found:
    """What the records define, refer to and cite, each with its file and key path."""

    def __init__(self) -> None:
        self.defined: Dict[str, Dict[str, Place]] = defaultdict(dict)
        self.refs: List[Tuple[str, str, str, str]] = []  # kind, value, file, path
        self.cited: List[Tuple[SourceRef, str, str]] = []
        self.names: Dict[str, Dict[str, Tuple[str, str]]] = defaultdict(dict)

    def walk(self, file: str, record: Record, path: str = "", route: Optional[str] = None) -> None:
        """Record what ``record`` and everything inside it defines, names, refers to
        and cites; duplicate ids and clashing names are errors right away."""
        route = record.id if record.__kind__ == "route" else route
        if record.__kind__:
            kind = _scoped(record.__kind__, route)
            known = self.defined[kind]
            if record.id in known:
                first = ": ".join(known[record.id])
                raise KnowledgeError(file, path, f"duplicate {kind} id '{record.id}' (already defined at {first})")
            known[record.id] = (file, path)
        if record.__names__:
            group, key = record.__names__
            self._name(group, record.id, record.name, file, _join(path, "name"))
            for index, alias in enumerate(getattr(record, key)):
                self._name(group, record.id, alias, file, f"{_join(path, key)}[{index}]")
        for name, field in record.__fields__.items():
            value, where = getattr(record, name), _join(path, field.alias)
            kind = field.field_info.extra.get("ref")
            if name in record.__derived__ or value is None:
                continue
            if isinstance(value, SourceRef):
                self.cited.append((value, file, where))
            elif kind and isinstance(value, dict):
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
        known = self.names[group]
        key = normalize(name)
        if key in known and known[key][0] != owner:
            other, where = known[key]
            raise KnowledgeError(file, path, f"name/alias '{key}' is used for both '{other}' and "
                                             f"'{owner}' (first at {where})")
        known.setdefault(key, (owner, f"{file}: {path}"))


def check_references(found: Found) -> None:
    for kind, value, file, path in found.refs:
        known = found.defined[kind]
        if value in known:
            continue
        if kind.startswith("step:"):
            raise KnowledgeError(file, path, f"unknown step '{value}' in route '{kind[5:]}'")
        raise KnowledgeError(file, path, f"unknown {kind} '{value}' "
                                         f"(known: {', '.join(sorted(known)) or 'none defined'})")


def _words(text: str) -> Tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.lower()))


def _in_document(section: str, document: str, words: set) -> bool:
    # Headings from PDF text can be broken up by the layout; then every word of
    # the heading must still occur in the document.
    return (" ".join(section.lower().split()) in " ".join(document.lower().split())
            or all(word in words for word in _words(section)))


def check_sources(found: Found, sources: Tuple[Source, ...], sources_dir: Optional[Path]) -> None:
    """Every cited file must be declared in sources.yml with that section, and every
    declared file/section must exist in the sources folder (when it is present)."""
    declared = {source.file: source for source in sources}
    for ref, file, path in found.cited:
        if ref.is_national:
            continue
        if ref.file not in declared:
            raise KnowledgeError(file, path, f"unknown source file '{ref.file}' (not listed in sources.yml)")
        if ref.section not in declared[ref.file].sections:
            raise KnowledgeError(file, path, f"section '{ref.section}' is not listed for '{ref.file}' "
                                             f"in sources.yml")
    if sources_dir is None or not sources_dir.is_dir():
        return
    for index, source in enumerate(sources):
        document_path = sources_dir / source.file
        if not document_path.is_file():
            raise KnowledgeError("sources.yml", f"sources[{index}].file",
                                 f"'{source.file}' not found in the sources folder {sources_dir}")
        document = document_path.read_text(encoding="utf-8", errors="replace")
        words = set(_words(document))
        for number, section in enumerate(source.sections):
            if not _in_document(section, document, words):
                raise KnowledgeError("sources.yml", f"sources[{index}].sections[{number}]",
                                     f"section '{section}' does not occur in {source.file}")


def check_contacts(found: Found, regions: Iterable[Region], contacts: Tuple[Contact, ...]) -> None:
    """Contacts only in regions whose sources give contacts; there, every gemeente
    has a contact for each of the region's required_contact_roles."""
    region_of = {g.id: r for r in regions for g in r.gemeenten}
    regions = {r.id: r for r in regions}
    for contact in contacts:
        file, path = found.defined["contact"][contact.id]
        outside = [g for g in contact.gemeente_ids if g not in region_of]
        if outside:
            raise KnowledgeError(file, path, f"gemeente '{outside[0]}' is not inside a region, "
                                             f"so it cannot have contacts")
        touched = {region_of[g].id for g in contact.gemeente_ids} | {contact.region_id} - {None}
        for region_id in sorted(touched):
            if not regions[region_id].contacts_in_sources:
                raise KnowledgeError(file, path, f"region '{region_id}' has contacts_in_sources: false "
                                                 f"in regions.yml, but this contact belongs to it")
    for region in regions.values():
        for gemeente in region.gemeenten if region.contacts_in_sources else ():
            for role_id in region.required_contact_roles:
                if not any(c.role_id == role_id and (gemeente.id in c.gemeente_ids or c.region_id == region.id)
                           for c in contacts):
                    raise KnowledgeError(*found.defined["gemeente"][gemeente.id],
                                         f"gemeente '{gemeente.id}' has no contact for required role "
                                         f"'{role_id}' in contacts.yml (required_contact_roles of region "
                                         f"'{region.id}')")
