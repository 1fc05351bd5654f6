"""Writes the scenario book: Markdown per subject and one self-contained HTML
file (no internet needed; readable printed and projected, with a large-type
option)."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from bot.scenario_book.content import ScenarioPage, subject_title

_BOLD = re.compile(r"\*([^*\n]+)\*")
_LINK = re.compile(r"(https?://[^\s<]+|www\.[^\s<]+)")


def by_subject(pages: Iterable[ScenarioPage]) -> dict[str, list[ScenarioPage]]:
    grouped: dict[str, list[ScenarioPage]] = defaultdict(list)
    for page in pages:
        grouped[page.subject or "overig"].append(page)
    return dict(sorted(grouped.items()))


# --- Markdown -----------------------------------------------------------------------------
def markdown(subject: str, pages: list[ScenarioPage]) -> str:
    out = [f"# {subject_title(subject)}", ""]
    for page in pages:
        out += [f"## {page.title}", "", f"**Casus.** {page.case}", "", f"**Leerdoel.** {page.learning_goal}", ""]
        if page.region:
            out += [f"Regio: {page.region}", ""]
        out += ["### Het gesprek", ""]
        for turn in page.turns:
            said = turn["user"] if turn.get("user") is not None else f"[klikt: {turn.get('click')}]"
            out += [f"> **Leerkracht:** {said}", ">"]
            for reply in turn["replies"]:
                text = (reply.get("text") or "").replace("\n", "\n> ")
                out += [f"> **Kernteamwijzer:** {text}"]
                if reply.get("buttons"):
                    out += ["> " + " · ".join(f"[{b['title']}]" for b in reply["buttons"])]
                out += [">"]
            out += [""]
        out += ["### Route, mensen en bronnen", "", f"- Route: {' → '.join(page.route) or '–'}"]
        out += [f"- {line}" for line in page.people_and_contacts] + [f"- {line}" for line in page.sources]
        out += ["", "### Om te bespreken", ""] + [f"{n}. {q}" for n, q in enumerate(page.discussion, start=1)]
        if not page.passed:
            out += ["", "**Let op: dit scenario voldoet niet meer aan zijn verwachtingen:** " + "; ".join(page.failures)]
        out += [""]
    return "\n".join(out)


# --- HTML -----------------------------------------------------------------------------------
def _rich(text: str) -> str:
    """Escaped text with the assistant's *bold*, bullets and links."""
    lines = []
    for line in html.escape(text).splitlines():
        line = _BOLD.sub(r"<strong>\1</strong>", line)
        line = _LINK.sub(lambda m: f'<a href="{m.group(1) if m.group(1).startswith("http") else "https://" + m.group(1)}">'
                         f"{m.group(1)}</a>", line)
        lines.append(f"<li>{line[1:].strip()}</li>" if line.startswith(("•", "-", "→")) else f"<p>{line}</p>")
    joined = "".join(lines)
    return re.sub(r"((?:<li>.*?</li>)+)", r"<ul>\1</ul>", joined)


def _scenario_html(page: ScenarioPage) -> str:
    e = html.escape
    turns = []
    for turn in page.turns:
        said = turn["user"] if turn.get("user") is not None else f"[klikt: {turn.get('click')}]"
        turns.append(f'<div class="user"><span class="who">Leerkracht</span>{e(said)}</div>')
        for reply in turn["replies"]:
            buttons = "".join(f'<span class="button">{e(b["title"])}</span>' for b in reply.get("buttons") or [])
            turns.append(f'<div class="bot"><span class="who">Kernteamwijzer</span>{_rich(reply.get("text") or "")}'
                         f'{f"<div class=buttons>{buttons}</div>" if buttons else ""}</div>')
    people = "".join(f"<li>{_rich(line.lstrip('•-→ '))}</li>" for line in page.people_and_contacts) or "<li>–</li>"
    sources = "".join(f"<li>{e(line)}</li>" for line in page.sources) or "<li>–</li>"
    questions = "".join(f"<li>{e(q)}</li>" for q in page.discussion)
    warning = ("" if page.passed else
               f'<p class="warning">Let op: dit scenario voldoet niet meer aan zijn verwachtingen: {e("; ".join(page.failures))}</p>')
    region = f'<p class="meta">Regio: {e(page.region)}</p>' if page.region else ""
    return f"""
<section class="scenario" id="{e(page.id)}">
  <h3>{e(page.title)}</h3>{region}{warning}
  <p><strong>Casus.</strong> {e(page.case)}</p>
  <p><strong>Leerdoel.</strong> {e(page.learning_goal)}</p>
  <h4>Het gesprek</h4>
  <div class="conversation">{''.join(turns)}</div>
  <h4>Route</h4><p class="route">{e(' → '.join(page.route) or '–')}</p>
  <h4>Genoemde mensen en contacten</h4><ul>{people}</ul>
  <h4>Bronnen</h4><ul>{sources}</ul>
  <h4>Om te bespreken</h4><ol>{questions}</ol>
</section>"""


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;
color:#1a1a1a;background:#fff;line-height:1.5;font-size:1rem}
body.large{font-size:1.45rem;max-width:75rem}
h1{color:#123c69}h2{color:#123c69;border-bottom:2px solid #123c69;margin-top:2.5rem}
.toolbar{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ccc}
.toolbar button{font-size:1em;padding:.3rem .8rem;border:2px solid #123c69;background:#fff;color:#123c69;border-radius:.3rem;cursor:pointer}
.scenario{border:1px solid #bbb;border-radius:.5rem;padding:0 1rem 1rem;margin:1.5rem 0;page-break-inside:avoid}
.conversation{display:flex;flex-direction:column;gap:.5rem}
.user,.bot{padding:.5rem .8rem;border-radius:.6rem;max-width:85%}
.user{align-self:flex-end;background:#e3edf7}.bot{align-self:flex-start;background:#f3f3f3;border:1px solid #ddd}
.who{display:block;font-size:.8em;font-weight:bold;color:#444}.bot p,.user p{margin:.2rem 0}
.button{display:inline-block;border:1px solid #123c69;border-radius:1rem;padding:.1rem .6rem;margin:.2rem .3rem 0 0;font-size:.9em;color:#123c69}
.warning{background:#fff3cd;border:1px solid #a07800;padding:.5rem}.meta,.route{color:#333}
a{color:#0b4f8a}
@media print{.toolbar{display:none}body{max-width:none}.scenario{border:none;border-top:1px solid #999}a{color:#000}}
"""


def index_html(grouped: dict[str, list[ScenarioPage]]) -> str:
    e = html.escape
    total = sum(len(pages) for pages in grouped.values())
    toc = "".join(
        f'<li><a href="#onderwerp-{e(subject)}">{e(subject_title(None if subject == "overig" else subject))}</a><ul>'
        + "".join(f'<li><a href="#{e(p.id)}">{e(p.title)}</a></li>' for p in pages) + "</ul></li>"
        for subject, pages in grouped.items())
    body = "".join(
        f'<h2 id="onderwerp-{e(subject)}">{e(subject_title(None if subject == "overig" else subject))}</h2>'
        + "".join(_scenario_html(p) for p in pages)
        for subject, pages in grouped.items())
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kernteamwijzer – scenarioboek voor trainers</title><style>{STYLE}</style></head>
<body>
<div class="toolbar"><button type="button" id="large" aria-pressed="false">Grote letters (projecteren)</button></div>
<h1>Kernteamwijzer – scenarioboek voor trainers</h1>
<p>{total} scenario's. Alles wat Kernteamwijzer zegt in dit boek komt uit een echt gesprek met de assistent,
gemaakt met <code>make scenarios</code>; casus, leerdoel en gespreksvragen komen uit de scenariobestanden.</p>
<nav aria-label="Inhoud"><h2>Inhoud</h2><ul>{toc}</ul></nav>
{body}
<script>
document.getElementById("large").addEventListener("click", function () {{
  var on = document.body.classList.toggle("large");
  this.setAttribute("aria-pressed", on ? "true" : "false");
}});
</script>
</body></html>
"""


def write_book(pages: list[ScenarioPage], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    grouped = by_subject(pages)
    for subject, subject_pages in grouped.items():
        (folder / f"{subject}.md").write_text(markdown(None if subject == "overig" else subject, subject_pages),
                                              encoding="utf-8")
    index = folder / "index.html"
    index.write_text(index_html(grouped), encoding="utf-8")
    return index
