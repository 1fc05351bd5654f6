"""Turns knowledge objects into chat messages (layout only, no content)."""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Sequence


def bullet_list(points: Iterable[str]) -> str:
    return "\n".join(f"• {point}" for point in points)


def section(title: str, text: str = "", points: Sequence[str] = ()) -> str:
    parts = [f"*{title}*"] if title else []
    if text:
        parts.append(text.strip())
    if points:
        parts.append(bullet_list(points))
    return "\n".join(parts)


def contact_line(contact) -> str:
    """One line per contact: who, then how to reach them."""
    who = " – ".join(part for part in (contact.organisation, contact.department, contact.person, contact.function) if part)
    reach = ", ".join(part for part in (contact.phone, contact.email, contact.website) if part)
    line = f"{who}: {reach}" if who and reach else (who or reach)
    if contact.note:
        line += f" ({contact.note.strip()})"
    return line


def join_names(names: Sequence[str]) -> str:
    """"a", "a en b", "a, b en c"."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} en {names[-1]}"


# --- where an answer comes from (issue 8 §5) ----------------------------------------------

SOURCE_PREFIX = "Bron: "
NATIONAL_PREFIX = "landelijke afspraak: "


def _national_what(note: str | None) -> str:
    """The short 'what' of a national fact: its note up to the first bracket, comma,
    semicolon or full stop ("Landelijk nummer van Veilig Thuis")."""
    what = re.split(r"\s\(|[,;]|\.\s|\.$", (note or "").strip(), maxsplit=1)[0].strip()
    return what[:1].lower() + what[1:] if what else "landelijk geldende regel"


def source_line(source_refs: Iterable[Any]) -> str:
    """One short Dutch line naming where an answer comes from, built from the
    ``source:`` fields of the facts it shows.

    ``source_refs`` are ``SourceRef`` objects (``fact.source``) in the order the
    facts were shown; ``None`` entries are skipped. Documents are named by their
    ``short_title`` in knowledge/sources.yml, followed by the readable ``parts``
    the cited sections belong to; national facts (``source: landelijk``) read
    "landelijke afspraak: <what>", the what taken from their ``note``. Example:
    "Bron: Routeboek Zuid-Kennemerland, Verzuimkaart; landelijke afspraak:
    landelijk nummer van Veilig Thuis". Returns "" when no source is given.

    Stable API: actions/veiligheid.py also calls this; keep name and signature.
    """
    from bot.knowledge import load_knowledge

    sources = load_knowledge().sources
    documents: dict[str, list[str]] = {}
    national: list[str] = []
    for ref in source_refs:
        if ref is None:
            continue
        if ref.is_national:
            what = _national_what(ref.note)
            if what not in national:
                national.append(what)
            continue
        source = sources[ref.file]
        parts = documents.setdefault(source.short_title or source.title, [])
        part = source.part_of(ref.section)
        if part and part not in parts:
            parts.append(part)
    cited = [", ".join([title, *parts]) for title, parts in documents.items()]
    cited += [NATIONAL_PREFIX + what for what in national]
    return SOURCE_PREFIX + "; ".join(cited) if cited else ""


def say_source(dispatcher: Any, source_refs: Iterable[Any]) -> None:
    """Ends an answer with its source line (nothing when no source is given)."""
    line = source_line(source_refs)
    if line:
        dispatcher.utter_message(text=line)


def known_places_text() -> str:
    """The places the assistant knows, from knowledge/ (so a new gemeente needs no
    text change): "Haarlem, Zandvoort, … (Zuid-Kennemerland) en de regio's …"."""
    from bot.knowledge import load_knowledge

    kb = load_knowledge()
    with_gemeenten = [f"{join_names([g.name for g in r.gemeenten])} ({r.name})"
                      for r in kb.regions if len(r.gemeenten) > 1]
    regions = [r.name for r in kb.regions if len(r.gemeenten) <= 1]
    return join_names(with_gemeenten + [f"de regio's {join_names(regions)}" if len(regions) > 1 else join_names(regions)])


def _payload(intent: str, entities: dict[str, str]) -> str:
    return "/" + intent + json.dumps(entities, ensure_ascii=False, separators=(",", ":"))


def location_buttons() -> list[dict[str, str]]:
    """One button per place the assistant knows, from knowledge/: every gemeente of
    a region with several gemeenten, and the other regions as a whole."""
    from bot.knowledge import load_knowledge

    buttons = []
    for region in load_knowledge().regions:
        if len(region.gemeenten) > 1:
            buttons += [{"title": g.name, "payload": _payload("inform_location", {"gemeente": g.id})}
                        for g in region.gemeenten]
        else:
            buttons.append({"title": region.name, "payload": _payload("inform_location", {"region": region.id})})
    return buttons


def region_working_buttons() -> list[dict[str, str]]:
    """A button per region (other than the default one) whose way of working is in knowledge/."""
    from bot.knowledge import load_knowledge

    kb = load_knowledge()
    return [{"title": f"Zo werkt het in {region.name}", "payload": _payload("ask_samenwerking", {"region": region.id})}
            for region in kb.regions
            if region.id != kb.default_region.id and (kb.region_working(region.id) or kb.routes_for_region(region.id))]


def role_buttons(role_ids: Sequence[str], region_id: str, gemeente_id: str | None = None) -> list[dict[str, str]]:
    """A button per partner (by its local name) that asks the partner finder about it."""
    from bot.knowledge import load_knowledge

    kb = load_knowledge()
    buttons = []
    for role_id in role_ids:
        name = kb.local_role_name(role_id, region_id, gemeente_id)
        buttons.append({"title": name[:1].upper() + name[1:], "payload": _payload("ask_partner", {"role": role_id})})
    return buttons
