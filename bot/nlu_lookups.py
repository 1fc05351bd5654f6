"""Generates the NLU lookup tables and entity synonyms from ``knowledge/``.

Gemeenten, regions, roles and kinds of verlof/verzuim are recognised by
``RegexEntityExtractor`` from these tables; ``EntitySynonymMapper`` turns every
spelling into the canonical id the actions use. The file is generated, but
committed so that ``rasa data validate`` and training see it; a test checks that
it is in sync with the knowledge base.
"""

from __future__ import annotations

from pathlib import Path

from bot.paths import PROJECT_ROOT

LOOKUP_ENTITIES = ("gemeente", "region", "role", "verlof_kind", "verzuim_kind")
LOOKUPS_FILE = PROJECT_ROOT / "data" / "nlu" / "lookups.yml"
HEADER = "# Generated from knowledge/ by `python -m bot.cli prepare`; do not edit by hand.\n"


class SynonymConflict(ValueError):
    pass


def _unique_ignoring_case(names) -> list[str]:
    """Names in a fixed order (case-insensitive, then exact), one per spelling."""
    seen: dict[str, str] = {}
    for name in sorted((n.strip() for n in names if n.strip()), key=lambda n: (n.lower(), n)):
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def _names_per_canonical(kb, entity: str) -> dict[str, list[str]]:
    return {canonical: _unique_ignoring_case(names) for canonical, names in sorted(kb.lookup_values(entity).items())}


def render_lookups(kb) -> str:
    lines = [HEADER, 'version: "3.1"', "", "nlu:"]
    owner: dict[str, tuple[str, str]] = {}
    synonyms: dict[str, list[str]] = {}
    gemeente_names = {name.lower() for values in _names_per_canonical(kb, "gemeente").values() for name in values}
    for entity in LOOKUP_ENTITIES:
        table = _names_per_canonical(kb, entity)
        if entity == "region":
            # "Utrecht" is recognised as the gemeente, which implies its region.
            table = {key: [n for n in names if n.lower() not in gemeente_names] for key, names in table.items()}
        # Longest names first: the extractor's regex takes the first alternative
        # that matches, so "CJG-coach" must come before "CJG".
        names = sorted(_unique_ignoring_case(n for values in table.values() for n in values),
                       key=lambda n: (-len(n), n.lower(), n))
        lines += [f"  - lookup: {entity}", "    examples: |"] + [f"      - {name}" for name in names]
        for canonical, values in table.items():
            for name in values:
                key = name.lower()
                previous = owner.setdefault(key, (entity, canonical))
                if previous[1] != canonical:
                    raise SynonymConflict(
                        f"'{name}' means {previous[0]} '{previous[1]}' and {entity} '{canonical}'; "
                        "use one id or remove one of the names in knowledge/"
                    )
                if key != canonical and name not in synonyms.setdefault(canonical, []):
                    synonyms[canonical].append(name)
    for canonical, names in sorted(synonyms.items()):
        lines += [f"  - synonym: {canonical}", "    examples: |"] + [f"      - {name}" for name in names]
    return "\n".join(lines) + "\n"


def write_lookups(target: Path = LOOKUPS_FILE) -> bool:
    """Writes the lookups when they changed; returns whether the file changed."""
    from bot.knowledge import load_knowledge

    content = render_lookups(load_knowledge())
    if target.exists() and target.read_text(encoding="utf-8") == content:
        return False
    target.write_text(content, encoding="utf-8")
    return True
