"""``load_knowledge()``: read, validate and assemble the knowledge directory."""
from __future__ import annotations

import dataclasses
import os
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from .errors import KnowledgeError
from .knowledge_base import KnowledgeBase
from .loading import Node, read_yaml
from .parse_content import (
    parse_acute_signals, parse_national, parse_onderzoek, parse_route, parse_samenwerking,
    parse_tweede_deskundige, parse_verzuimkaart,
)
from .parse_core import parse_concerns, parse_contacts, parse_regions, parse_roles, parse_sources
from .registry import Registry
from .validation import check_contacts, check_references, check_sources

KNOWLEDGE_DIR_ENV = "KERNTEAMWIJZER_KNOWLEDGE_DIR"
SOURCES_DIR_ENV = "KERNTEAMWIJZER_SOURCES_DIR"
REPO_ROOT = Path(__file__).resolve().parents[2]
ROUTES_DIR = "routes"


def default_knowledge_dir() -> Path:
    return Path(os.environ.get(KNOWLEDGE_DIR_ENV) or REPO_ROOT / "knowledge")


def default_sources_dir() -> Path:
    return Path(os.environ.get(SOURCES_DIR_ENV) or REPO_ROOT.parent / "shared" / "sources")


def load_knowledge(path: Union[str, Path, None] = None,
                   sources_dir: Union[str, Path, None] = None) -> KnowledgeBase:
    """Load and validate a knowledge directory (default: ``<repo>/knowledge`` or
    ``$KERNTEAMWIJZER_KNOWLEDGE_DIR``). Results are cached per resolved path.

    Source files are checked against ``sources_dir`` (default:
    ``$KERNTEAMWIJZER_SOURCES_DIR`` or ``<repo>/../shared/sources``); when that folder
    does not exist, only the list in sources.yml is used.
    """
    knowledge_dir = Path(path) if path is not None else default_knowledge_dir()
    sources = Path(sources_dir) if sources_dir is not None else default_sources_dir()
    sources = sources.resolve() if sources.is_dir() else None
    return _load_cached(knowledge_dir.resolve(), sources)


def clear_cache() -> None:
    _load_cached.cache_clear()


@lru_cache(maxsize=None)
def _load_cached(knowledge_dir: Path, sources_dir: Optional[Path]) -> KnowledgeBase:
    if not knowledge_dir.is_dir():
        raise KnowledgeError(str(knowledge_dir), "", "knowledge directory does not exist")
    registry = Registry()

    def root(relative: str) -> Node:
        return Node(registry, relative, "", read_yaml(knowledge_dir, relative))

    declared = parse_sources(root("sources.yml"))
    regions, other_places = parse_regions(root("regions.yml"))
    roles = parse_roles(root("roles.yml"))
    topics, contacts = parse_contacts(root("contacts.yml"))
    concerns = parse_concerns(root("concerns.yml"))
    route_files = sorted((knowledge_dir / ROUTES_DIR).glob("*.yml"))
    if not route_files:
        raise KnowledgeError(f"{ROUTES_DIR}/", "", "no route files (*.yml) found")
    routes = tuple(parse_route(root(f"{ROUTES_DIR}/{p.name}")) for p in route_files)
    card = parse_verzuimkaart(root("verzuimkaart.yml"))
    tweede = parse_tweede_deskundige(root("tweede_deskundige.yml"))
    onderzoek = parse_onderzoek(root("onderzoek.yml"))
    samenwerking = parse_samenwerking(root("samenwerking.yml"))
    national = parse_national(root("national.yml"))
    acute = parse_acute_signals(root("acute_signals.yml"))

    check_references(registry)
    check_sources(registry, declared, sources_dir)
    check_contacts(registry, regions, contacts)

    tasks = {t.role_id: t.task for t in card.partner_tasks if t.role_id}
    roles = tuple(dataclasses.replace(r, verzuim_task=tasks.get(r.id)) for r in roles)
    includes = {"meldcode_steps": national.meldcode_steps,
                "afwegingskader_questions": national.afwegingskader_questions}
    routes = tuple(
        dataclasses.replace(route, steps=tuple(
            dataclasses.replace(s, points=s.points + includes[s.include_points])
            if s.include_points else s
            for s in route.steps))
        for route in routes
    )
    prof = samenwerking.professionalisation
    prof = dataclasses.replace(prof, contacts=tuple(
        c for c in contacts if c.topic_id in prof.contact_topics))

    return KnowledgeBase(
        sources=declared, regions=regions, other_places=other_places, roles=roles,
        concerns=concerns, topics=topics, contacts=contacts, routes=routes,
        acute_signals=acute, verzuimkaart=card, tweede_deskundige=tweede, onderzoek=onderzoek,
        principles=samenwerking.principles, kernteams=samenwerking.kernteams,
        professionalisation=prof, region_working=samenwerking.region_working,
        national=national,
    )
