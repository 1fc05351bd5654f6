"""Cross-file checks that need everything parsed first: references, sources,
required contacts and consistency between regions and contacts."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterable, Optional, Tuple

from .registry import Location, Registry
from .schema import Contact, Region, Source

READABLE_KIND = {"gemeente": "gemeente", "role": "role", "region": "region", "topic": "topic",
                 "profession": "profession"}


def check_references(registry: Registry) -> None:
    for ref in registry.references:
        known = registry.defined(ref.kind)
        if ref.value in known:
            continue
        if ref.kind.startswith("step:"):
            route = ref.kind.split(":", 1)[1]
            raise ref.location.error(f"unknown step '{ref.value}' in route '{route}'")
        options = ", ".join(sorted(known)) or "none defined"
        raise ref.location.error(f"unknown {READABLE_KIND.get(ref.kind, ref.kind)} '{ref.value}' "
                                 f"(known: {options})")


def _words(text: str) -> Tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.lower()))


def _section_in_document(section: str, document: str, document_words: set) -> bool:
    flat_doc = " ".join(document.lower().split())
    flat_section = " ".join(section.lower().split())
    if flat_section in flat_doc:
        return True
    # Headings from PDF text can be broken up by the layout; then every word of
    # the heading must still occur in the document.
    return all(word in document_words for word in _words(section))


def check_sources(registry: Registry, declared: Dict[str, Source],
                  sources_dir: Optional[Path]) -> None:
    """Every cited file must be declared in sources.yml with that section, and every
    declared file/section must exist in the sources folder (when it is present)."""
    for ref, location in registry.source_refs:
        if ref.is_national:
            continue
        if ref.file not in declared:
            raise location.error(f"unknown source file '{ref.file}' (not listed in sources.yml)")
        if ref.section not in declared[ref.file].sections:
            raise location.error(
                f"section '{ref.section}' is not listed for '{ref.file}' in sources.yml"
            )
    if sources_dir is None or not sources_dir.is_dir():
        return
    places = registry.defined("source")
    for file, source in declared.items():
        where = places[file]
        path = sources_dir / file
        if not path.is_file():
            raise Location(where.file, f"{where.path}.file").error(
                f"'{file}' not found in the sources folder {sources_dir}")
        document = path.read_text(encoding="utf-8", errors="replace")
        document_words = set(_words(document))
        for index, section in enumerate(source.sections):
            if not _section_in_document(section, document, document_words):
                raise Location(where.file, f"{where.path}.sections[{index}]").error(
                    f"section '{section}' does not occur in {file}")


def check_contacts(registry: Registry, regions: Iterable[Region],
                   contacts: Iterable[Contact]) -> None:
    contacts = tuple(contacts)
    region_of = {g.id: r for r in regions for g in r.gemeenten}
    regions = {r.id: r for r in regions}
    contact_places = registry.defined("contact")
    for contact in contacts:
        touched = {region_of[g].id for g in contact.gemeente_ids if g in region_of}
        if any(g not in region_of for g in contact.gemeente_ids):
            outside = [g for g in contact.gemeente_ids if g not in region_of]
            raise contact_places[contact.id].error(
                f"gemeente '{outside[0]}' is not inside a region, so it cannot have contacts")
        if contact.region_id:
            touched.add(contact.region_id)
        for region_id in touched:
            if not regions[region_id].contacts_in_sources:
                raise contact_places[contact.id].error(
                    f"region '{region_id}' has contacts_in_sources: false in regions.yml, "
                    f"but this contact belongs to it")
    gemeente_places = registry.defined("gemeente")
    for region in regions.values():
        if not region.contacts_in_sources:
            continue
        for gemeente in region.gemeenten:
            for role_id in region.required_contact_roles:
                if not any(
                    c.role_id == role_id
                    and (gemeente.id in c.gemeente_ids or c.region_id == region.id)
                    for c in contacts
                ):
                    raise gemeente_places[gemeente.id].error(
                        f"gemeente '{gemeente.id}' has no contact for required role "
                        f"'{role_id}' in contacts.yml (required_contact_roles of region "
                        f"'{region.id}')")
