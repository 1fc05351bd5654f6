"""Summary report: validate a knowledge dir and print a regions x roles grid.

    python -m bot.knowledge [KNOWLEDGE_DIR]

Cell legend: ja = contact details in the sources, landelijk = only a national
contact, nee = role exists there but the sources give no contact, - = role not in
that region's kernteam. Exit code 0 when
valid, 1 (message on stderr) when not.
"""
from __future__ import annotations

import sys
from typing import List, Optional, Sequence

from .errors import KnowledgeError
from .knowledge_base import KnowledgeBase
from .loader import load_knowledge


def _cell(kb: KnowledgeBase, role_id: str, region_id: str, gemeente_id: Optional[str]) -> str:
    contacts = kb.contacts(role_id, gemeente_id=gemeente_id, region_id=region_id)
    if any(not c.is_national for c in contacts):
        return "ja"
    if contacts:
        return "landelijk"
    return "nee" if role_id in kb.region(region_id).roles else "-"


def summary_table(kb: KnowledgeBase) -> str:
    roles = [r.id for r in kb.roles]
    rows: List[List[str]] = [["regio / gemeente"] + roles]
    for region in kb.regions:
        label = region.id + (" (standaard)" if region.is_default else "")
        rows.append([label] + [_cell(kb, r, region.id, None) for r in roles])
        for gemeente in region.gemeenten:
            rows.append([f"  {gemeente.id}"] + [_cell(kb, r, region.id, gemeente.id) for r in roles])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    steps = sum(len(route.steps) for route in kb.routes)
    lines += [
        "",
        "ja = contactgegevens in de bronnen; landelijk = alleen een landelijk contact; "
        "nee = rol zonder contactgegevens; '-' = rol zit niet in het kernteam van die regio.",
        f"Regio's zonder contactgegevens in de bronnen: "
        f"{', '.join(r.id for r in kb.regions if not r.contacts_in_sources) or 'geen'}",
        "",
        f"bronnen: {len(kb.sources)}",
        f"rollen: {len(kb.roles)}",
        f"contacten: {len(kb.all_contacts)}",
        f"zorgen (concerns): {len(kb.concerns)}",
        f"routes: {len(kb.routes)} ({steps} stappen: "
        + ", ".join(f"{r.id} {len(r.steps)}" for r in kb.routes) + ")",
        f"verzuimregels: {len(kb.verzuim_kinds)}",
        f"verlofregels: {len(kb.verlof_kinds)}",
        f"taken kernteampartners: {len(kb.partner_tasks)}",
        f"situaties intelligentieonderzoek: {len(kb.onderzoek_situations)}",
        f"kandidaten tweede deskundige: {len(kb.tweede_deskundige.candidates)}",
        f"signalen acuut gevaar: {len(kb.acute_signals)}",
    ]
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or any(a in ("-h", "--help") for a in args):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        kb = load_knowledge(args[0] if args else None)
    except KnowledgeError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(summary_table(kb))
    return 0
