"""``load_knowledge()``: read the knowledge directory, validate each file with its
model (``schema``), run the checks across files and build the KnowledgeBase."""
import os
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Optional, Union

import yaml
from pydantic import ValidationError

from .checks import Found, check_contacts, check_references, check_sources
from .errors import KnowledgeError
from .knowledge_base import KnowledgeBase
from .schema import FILES, Record, Route, kind_of

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
    return _load_cached(knowledge_dir.resolve(), sources.resolve() if sources.is_dir() else None)


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


def _value_at(data: Any, loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validation_problem(file: str, data: Any, error: dict) -> KnowledgeError:
    """One pydantic error as ``file: key.path: problem`` in the project's wording."""
    loc = [part for part in error["loc"] if part != "__root__"]
    ctx = error.get("ctx") or {}
    loc += ctx.get("key") or ()  # models.Problem: where below the record
    kind = error["type"]
    if kind == "value_error.missing":
        problem = f"missing required key '{loc.pop()}'"
    elif kind == "value_error.extra":
        problem = f"unknown key '{loc[-1]}'"
    elif kind == "value_error.const":
        problem = f"'{ctx['given']}' is not one of: {', '.join(map(str, ctx['permitted']))}"
    elif kind in ("type_error.tuple", "type_error.dict"):
        expected = "a list" if kind == "type_error.tuple" else "a mapping (key: value)"
        problem = f"expected {expected}, got {kind_of(_value_at(data, loc))}"
    else:
        problem = error["msg"]
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    return KnowledgeError(file, path.lstrip("."), problem)


@lru_cache(maxsize=None)
def _load_cached(knowledge_dir: Path, sources_dir: Optional[Path]) -> KnowledgeBase:
    if not knowledge_dir.is_dir():
        raise KnowledgeError(str(knowledge_dir), "", "knowledge directory does not exist")
    route_files = sorted((knowledge_dir / ROUTES_DIR).glob("*.yml"))
    if not route_files:
        raise KnowledgeError(f"{ROUTES_DIR}/", "", "no route files (*.yml) found")
    found = Found()

    def parse(file: str, model=None) -> Record:
        data = read_yaml(knowledge_dir, file)
        try:
            record = (model or FILES[file]).parse_obj(data)
        except ValidationError as exc:
            raise validation_problem(file, data, exc.errors()[0]) from None
        found.walk(file, record)
        return record

    files = {file: parse(file) for file in FILES}
    routes = tuple(parse(f"{ROUTES_DIR}/{p.name}", Route) for p in route_files)
    acute = _acute_signals(read_yaml(knowledge_dir, "acute_signals.yml"))
    sources, regions, contacts, card, samenwerking, national = (files[f] for f in (
        "sources.yml", "regions.yml", "contacts.yml", "verzuimkaart.yml", "samenwerking.yml", "national.yml"))
    check_references(found)
    check_sources(found, sources.sources, sources_dir)
    check_contacts(found, regions.regions, contacts.contacts)

    # Filled in from other files: a role's task on the Verzuimkaart, the lists a
    # step includes from national.yml, the contacts of professionalisation's topics.
    tasks = {t.role_id: t.task for t in card.partner_tasks if t.role_id}
    roles = tuple(r.copy(update={"verzuim_task": tasks.get(r.id)}) for r in files["roles.yml"].roles)
    includes = {"meldcode_steps": national.meldcode_steps,
                "afwegingskader_questions": national.afwegingskader_questions}
    routes = tuple(route.copy(update={"steps": tuple(
        step.copy(update={"points": step.points + includes[step.include_points]}) if step.include_points else step
        for step in route.steps)}) for route in routes)
    prof = samenwerking.professionalisation
    prof = prof.copy(update={"contacts": tuple(c for c in contacts.contacts if c.topic_id in prof.contact_topics)})
    return KnowledgeBase(
        sources=MappingProxyType({s.file: s for s in sources.sources}), regions=regions.regions,
        other_places=regions.other_places, roles=roles, concerns=files["concerns.yml"].concerns,
        topics=contacts.topics, all_contacts=contacts.contacts, routes=routes, acute_signals=acute,
        verzuimkaart=card, tweede_deskundige=files["tweede_deskundige.yml"], onderzoek=files["onderzoek.yml"],
        samenwerking=samenwerking.copy(update={"professionalisation": prof}), national=national,
    )


def _acute_signals(data: Any):
    """acute_signals.yml belongs to the safety net (bot/safety), which owns and
    validates its format; errors keep the ``file: key.path: problem`` form."""
    from bot.safety.signals import SignalFileError, parse_signals

    try:
        return parse_signals(data)
    except SignalFileError as exc:
        raise KnowledgeError("acute_signals.yml", exc.path, exc.problem) from None
