"""Summary report: validate a knowledge dir and print a regions x roles grid.

    python -m bot.knowledge [KNOWLEDGE_DIR]

Exit code 0 when valid, 1 (message on stderr) when not.
"""
import sys
from typing import Optional, Sequence

from .knowledge_base import KnowledgeBase
from .loader import KnowledgeError, load_knowledge

LEGEND = ("ja = contactgegevens in de bronnen; landelijk = alleen een landelijk contact; "
          "nee = rol zonder contactgegevens; '-' = rol zit niet in het kernteam van die regio.")


def _cell(kb: KnowledgeBase, role_id: str, region_id: str, gemeente_id: Optional[str]) -> str:
    contacts = kb.contacts(role_id, gemeente_id=gemeente_id, region_id=region_id)
    if any(not c.is_national for c in contacts):
        return "ja"
    if contacts:
        return "landelijk"
    return "nee" if role_id in kb.get("region", region_id).roles else "-"


def summary_table(kb: KnowledgeBase) -> str:
    roles = [r.id for r in kb.roles]
    rows = [["regio / gemeente"] + roles]
    for region in kb.regions:
        rows.append([region.id + (" (standaard)" if region.is_default else "")]
                    + [_cell(kb, r, region.id, None) for r in roles])
        rows += [[f"  {g.id}"] + [_cell(kb, r, region.id, g.id) for r in roles] for g in region.gemeenten]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    without = ", ".join(r.id for r in kb.regions if not r.contacts_in_sources) or "geen"
    steps = f"{sum(len(r.steps) for r in kb.routes)} stappen: " + ", ".join(f"{r.id} {len(r.steps)}" for r in kb.routes)
    counts = {
        "bronnen": len(kb.sources), "rollen": len(kb.roles), "contacten": len(kb.all_contacts),
        "zorgen (concerns)": len(kb.concerns), "routes": f"{len(kb.routes)} ({steps})",
        "verzuimregels": len(kb.verzuim_kinds), "verlofregels": len(kb.verlof_kinds),
        "taken kernteampartners": len(kb.partner_tasks),
        "situaties intelligentieonderzoek": len(kb.onderzoek.situations),
        "kandidaten tweede deskundige": len(kb.tweede_deskundige.candidates),
        "signalen acuut gevaar": len(kb.acute_signals),
    }
    lines += ["", LEGEND, f"Regio's zonder contactgegevens in de bronnen: {without}", ""]
    lines += [f"{label}: {count}" for label, count in counts.items()]
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
