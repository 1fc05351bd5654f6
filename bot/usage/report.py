"""The steering group's view: conversations per week and subject.

Counts below :data:`SMALL_COUNT` are shown as "<5" everywhere (table, CSV and
chart), so that a single school's or teacher's question can't be picked out.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from bot.subjects import SUBJECT_INTENTS
from bot.usage.store import UsageRow

SMALL_COUNT = 5
HIDDEN = f"<{SMALL_COUNT}"
SUBJECTS: tuple[str, ...] = tuple(SUBJECT_INTENTS)
EXTRA_COLUMNS = ("gesprekken", "zonder onderwerp", "met mensen genoemd", "eindigde onbegrepen")


@dataclass(frozen=True)
class WeekTable:
    weeks: tuple[str, ...]
    columns: tuple[str, ...]
    counts: dict[tuple[str, str], int]

    def cell(self, week: str, column: str) -> str:
        return shown(self.counts.get((week, column), 0))


def shown(count: int) -> str:
    """A count as the steering group sees it."""
    return "0" if count == 0 else HIDDEN if count < SMALL_COUNT else str(count)


def iso_week(row: UsageRow) -> str:
    year, week, _ = row.day.isocalendar()
    return f"{year}-W{week:02d}"


def week_table(rows: Iterable[UsageRow]) -> WeekTable:
    counts: Counter[tuple[str, str]] = Counter()
    weeks: set[str] = set()
    for row in rows:
        week = iso_week(row)
        weeks.add(week)
        counts[(week, "gesprekken")] += 1
        for topic in row.topics:
            counts[(week, topic)] += 1
        if not row.topics:
            counts[(week, "zonder onderwerp")] += 1
        if row.named_people:
            counts[(week, "met mensen genoemd")] += 1
        if row.ended_in_fallback:
            counts[(week, "eindigde onbegrepen")] += 1
    return WeekTable(tuple(sorted(weeks)), (*SUBJECTS, *EXTRA_COLUMNS), dict(counts))


def format_table(table: WeekTable) -> str:
    header = ("week", *table.columns)
    lines = [header] + [(week, *(table.cell(week, c) for c in table.columns)) for week in table.weeks]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rendered = ["  ".join(value.rjust(width) if i else value.ljust(width)
                          for i, (value, width) in enumerate(zip(line, widths))) for line in lines]
    rendered.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(rendered)


def write_csv(table: WeekTable, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("week", *table.columns))
        for week in table.weeks:
            writer.writerow((week, *(table.cell(week, c) for c in table.columns)))


def write_chart(table: WeekTable, path: Path, subjects: Sequence[str] = SUBJECTS) -> None:
    """Stacked bars of conversations per subject and week; hidden counts are left out."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(10, 5))
    bottoms = [0] * len(table.weeks)
    for subject in subjects:
        heights = [count if (count := table.counts.get((week, subject), 0)) >= SMALL_COUNT else 0
                   for week in table.weeks]
        axes.bar(table.weeks, heights, bottom=bottoms, label=subject.replace("_", " "))
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    axes.set_title("Kernteamwijzer: gesprekken per onderwerp per week")
    axes.set_xlabel("week")
    axes.set_ylabel("aantal gesprekken")
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.text(0.01, 0.01, f"Aantallen onder de {SMALL_COUNT} zijn weggelaten.", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
