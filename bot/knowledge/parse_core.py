"""Parsers for sources.yml, regions.yml, roles.yml, contacts.yml and concerns.yml."""
from __future__ import annotations

from typing import Dict, List, Tuple

from . import fields
from .loading import Node
from .schema import (
    SCHOOL_LEVELS, SUPPORT_LEVELS, Concern, Contact, FrozenMap, Gemeente,
    Region, Role, Source, SupportText, Topic, Website,
)


def parse_sources(root: Node) -> Dict[str, Source]:
    root.mapping()
    result: Dict[str, Source] = {}
    for node in root.items("sources"):
        node.mapping()
        file = node.str("file")
        node.registry.define("source", file, node.location())
        sections = node.str_list("sections", required=True)
        parts = []
        for part, part_node in node.entries("parts", required=False):
            part_sections = tuple(Node(node.registry, node.file, f"{part_node.path}[{i}]", v).as_str()
                                  for i, v in enumerate(part_node.value or []))
            unknown = [s for s in part_sections if s not in sections]
            if unknown or not part_sections:
                raise part_node.fail(f"part '{part}' needs sections listed under 'sections' (not: {unknown})")
            parts.append((part, part_sections))
        result[file] = Source(
            file=file,
            title=node.str("title"),
            region_id=node.ref("region", "region", required=False),
            sections=sections,
            short_title=node.str("short_title", required=False),
            parts=FrozenMap(parts),
        )
        node.finish()
    root.finish()
    return result


def _local_role_names(node: Node, required: bool) -> List[Tuple[str, str]]:
    """``roles: {role_id: local name}`` with every key checked as a role id."""
    names = []
    for key, role_node in node.entries("roles", required=required):
        node.registry.refer("role", key, role_node.location())
        names.append((key, role_node.as_str()))
    return names


def _gemeente(node: Node, region_id) -> Gemeente:
    node.mapping()
    ident = node.define("gemeente")
    name = node.str("name")
    aliases = node.str_list("aliases")
    node.names("gemeente", ident, name, aliases, "aliases")
    roles = FrozenMap(_local_role_names(node, required=False))
    gemeente = Gemeente(
        id=ident, name=name, region_id=region_id, aliases=aliases,
        notes=fields.notes(node), source=node.source(), roles=roles,
    )
    node.finish()
    return gemeente


def _website(node: Node) -> Website:
    node.mapping()
    result = Website(
        url=fields.website(node, "url", required=True),
        description=node.str("description"),
        role_id=node.ref("role", "role", required=False),
        source=node.source(),
    )
    node.finish()
    return result


def _region(node: Node) -> Region:
    node.mapping()
    ident = node.define("region")
    name = node.str("name")
    aliases = node.str_list("aliases")
    node.names("region", ident, name, aliases, "aliases")
    roles = _local_role_names(node, required=True)
    contacts_in_sources = node.bool("contacts_in_sources")
    required = node.ref_list("role", "required_contact_roles")
    if required and not contacts_in_sources:
        raise node.fail("required_contact_roles only makes sense with contacts_in_sources: true",
                        "required_contact_roles")
    role_ids = {key for key, _ in roles}
    incidental = node.ref_list("role", "incidental_roles")
    for index, role_id in enumerate(required + incidental):
        if role_id not in role_ids:
            key = "required_contact_roles" if index < len(required) else "incidental_roles"
            raise node.fail(f"role '{role_id}' is not listed under this region's roles", key)
    levels_node = node.items("school_levels", required=False)
    levels = []
    for level_node in levels_node:
        level = level_node.as_str()
        if level not in SCHOOL_LEVELS:
            raise level_node.fail(f"'{level}' is not one of: {', '.join(SCHOOL_LEVELS)}")
        levels.append(level)
    region = Region(
        id=ident,
        name=name,
        aliases=aliases,
        gemeenten=tuple(_gemeente(g, ident) for g in node.items("gemeenten", required=False)),
        roles=FrozenMap(roles),
        contacts_in_sources=contacts_in_sources,
        notes=fields.notes(node),
        is_default=bool(node.bool("default", required=False)),
        source=node.source(),
        required_contact_roles=required,
        incidental_roles=incidental,
        incidental_participants=node.str_list("incidental_participants"),
        school_levels=tuple(levels),
        websites=tuple(_website(w) for w in node.items("websites", required=False)),
        role_synonyms=_region_role_synonyms(node, role_ids),
    )
    node.finish()
    return region


def _region_role_synonyms(node: Node, role_ids) -> FrozenMap:
    """``role_synonyms: {role_id: [names]}``: names that mean a role only here."""
    result = []
    for key, names_node in node.entries("role_synonyms", required=False):
        if key not in role_ids:
            raise names_node.fail(f"role '{key}' is not listed under this region's roles")
        if not isinstance(names_node.value, list) or not names_node.value:
            raise names_node.fail("expected a non-empty list of names")
        result.append((key, tuple(Node(node.registry, node.file, f"{names_node.path}[{i}]", v).as_str()
                                  for i, v in enumerate(names_node.value))))
    return FrozenMap(result)


def parse_regions(root: Node) -> Tuple[Tuple[Region, ...], Tuple[Gemeente, ...]]:
    root.mapping()
    regions = tuple(_region(node) for node in root.items("regions"))
    others = tuple(_gemeente(node, None) for node in root.items("other_places", required=False))
    root.finish()
    defaults = [r for r in regions if r.is_default]
    if len(defaults) != 1:
        raise root.fail(f"exactly one region needs 'default: true' (found {len(defaults)})", "regions")
    return regions, others


def _support(node: Node) -> SupportText:
    node.mapping()
    result = SupportText(
        region_id=node.ref("region", "region"),
        level=node.choice("level", SUPPORT_LEVELS),
        text=node.str("text"),
        source=node.source(),
        points=node.str_list("points"),
    )
    node.finish()
    return result


def _role(node: Node) -> Role:
    node.mapping()
    ident = node.define("role")
    name = node.str("name")
    synonyms = node.str_list("synonyms", required=True)
    node.names("role", ident, name, synonyms, "synonyms")
    role = Role(
        id=ident,
        name=name,
        synonyms=synonyms,
        description=node.str("description"),
        when_to_contact=node.str("when_to_contact"),
        verzuim_task=None,  # filled in from verzuimkaart.yml partner_tasks
        support=tuple(_support(s) for s in node.items("support", required=False)),
        source=node.source(),
        points=node.str_list("points"),
        notes=fields.notes(node),
        school_staff=bool(node.bool("school_staff", required=False)),
        follows_residence=bool(node.bool("follows_residence", required=False)),
    )
    node.finish()
    return role


def parse_roles(root: Node) -> Tuple[Role, ...]:
    root.mapping()
    roles = tuple(_role(node) for node in root.items("roles"))
    root.finish()
    return roles


def _topic(node: Node) -> Topic:
    node.mapping()
    topic = Topic(id=node.define("topic"), name=node.str("name"))
    node.finish()
    return topic


def _contact(node: Node) -> Contact:
    node.mapping()
    ident = node.define("contact")
    role_id = node.ref("role", "role", required=False)
    topic_id = node.ref("topic", "topic", required=False)
    if (role_id is None) == (topic_id is None):
        raise node.fail("a contact needs exactly one of 'role' or 'topic'")
    gemeenten = node.ref_list("gemeente", "gemeenten")
    region_id = node.ref("region", "region", required=False)
    scope = node.choice("scope", ("landelijk",), required=False)
    if sum(bool(x) for x in (gemeenten, region_id, scope)) != 1:
        raise node.fail("a contact needs exactly one of 'gemeenten', 'region' or 'scope: landelijk'")
    contact = Contact(
        id=ident,
        organisation=node.str("organisation", required=False),
        person=node.str("person", required=False),
        website=fields.website(node),
        email=fields.email(node),
        phone=fields.phone(node),
        note=node.str("note", required=False),
        source=node.source(),
        role_id=role_id,
        topic_id=topic_id,
        department=node.str("department", required=False),
        function=node.str("function", required=False),
        gemeente_ids=gemeenten,
        region_id=region_id,
        is_national=scope == "landelijk",
        school_level=node.choice("school_level", SCHOOL_LEVELS, required=False),
        request_needs=node.str_list("request_needs"),
        subject=node.str("subject", required=False),
        by_residence=bool(node.bool("by_residence", required=False)),
    )
    if not (contact.organisation or contact.person):
        raise node.fail("a contact needs an 'organisation' or a 'person'")
    if not (contact.website or contact.email or contact.phone):
        raise node.fail("a contact needs at least one of 'website', 'email' or 'phone'")
    node.finish()
    return contact


def parse_contacts(root: Node) -> Tuple[Tuple[Topic, ...], Tuple[Contact, ...]]:
    root.mapping()
    topics = tuple(_topic(node) for node in root.items("topics", required=False))
    contacts = tuple(_contact(node) for node in root.items("contacts"))
    root.finish()
    return topics, contacts


def _concern(node: Node) -> Concern:
    node.mapping()
    ident = node.define("concern")
    region_roles: List[Tuple[str, Tuple[str, ...]]] = []
    for item in node.items("region_roles", required=False):
        item.mapping()
        region_id = item.ref("region", "region")
        if region_id in dict(region_roles):
            raise item.fail(f"region '{region_id}' is listed twice", "region")
        region_roles.append((region_id, item.ref_list("role", "role_ids", True)))
        item.source()
        item.finish()
    concern = Concern(
        id=ident,
        name=node.str("name"),
        keywords=node.str_list("keywords", required=True),
        role_ids=node.ref_list("role", "role_ids", required=True),
        text=node.str("text"),
        source=node.source(),
        region_roles=FrozenMap(region_roles),
    )
    node.finish()
    return concern


def parse_concerns(root: Node) -> Tuple[Concern, ...]:
    root.mapping()
    concerns = tuple(_concern(node) for node in root.items("concerns"))
    root.finish()
    return concerns

