"""Recall and false alarms of the acute-danger safety net on development sets,
with the messages it gets wrong (for improving knowledge/acute_signals.yml).

Usage:
  .venv/bin/python benchmarks/safety_report.py [--model] [--show-errors] FILE_OR_FOLDER...

A folder holds safety_acute.yml and safety_not_acute.yml (``messages:`` lists);
a file holds ``acute:`` and ``not_acute:`` lists (benchmarks/safety_dev_set.yml).
Without ``--model`` only the patterns decide (``bot.safety.decide``, no Rasa);
with it the trained model's whole NLU pipeline decides, as the assistant does.

A blind evaluation set (tests/evaluation_blind/) is measured in aggregate only:
its messages are never printed, so it stays a fair measure of generalisation.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.paths import PROJECT_ROOT  # noqa: E402

BLIND_SETS = (PROJECT_ROOT / "tests" / "evaluation_blind",)
MODEL = Path(os.environ.get("KERNTEAMWIJZER_MODEL", PROJECT_ROOT / "models" / "kernteamwijzer.tar.gz"))


def _items(value) -> list[dict]:
    return [item for item in value or [] if isinstance(item, dict) and str(item.get("text") or "").strip()]


def load_set(path: Path) -> tuple[list[dict], list[dict]]:
    if path.is_dir():
        read = lambda name: yaml.safe_load((path / name).read_text(encoding="utf-8")) or {}  # noqa: E731
        return _items(read("safety_acute.yml").get("messages")), _items(read("safety_not_acute.yml").get("messages"))
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return _items(data.get("acute")), _items(data.get("not_acute"))


def pattern_decider() -> Callable[[str], bool]:
    from bot.safety import decide

    return lambda text: decide(text).acute


def model_decider() -> Callable[[str], bool]:
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()
    return lambda text: ((loop.run_until_complete(agent.parse_message(text)).get("intent") or {}).get("name")
                         == "acute_danger")


def is_blind(path: Path) -> bool:
    resolved = path.resolve()
    return any(resolved == blind or blind in resolved.parents for blind in BLIND_SETS)


def report(path: Path, is_acute: Callable[[str], bool], show_errors: bool) -> None:
    acute, calm = load_set(path)
    missed = [item for item in acute if not is_acute(item["text"])]
    alarms = [item for item in calm if is_acute(item["text"])]
    print(f"{path}: recall {1 - len(missed) / max(len(acute), 1):.1%} ({len(acute) - len(missed)}/{len(acute)}), "
          f"vals alarm {len(alarms) / max(len(calm), 1):.1%} ({len(alarms)}/{len(calm)})")
    print("  gemist per categorie: " + ", ".join(f"{c} {n}" for c, n in sorted(Counter(
        i.get("category", "?") for i in missed).items())))
    print("  vals alarm per categorie: " + ", ".join(f"{c} {n}" for c, n in sorted(Counter(
        i.get("category", "?") for i in alarms).items())))
    if show_errors and not is_blind(path):
        for item in missed:
            print(f"  GEMIST [{item.get('category')}]: {item['text']}")
        for item in alarms:
            print(f"  VALS ALARM [{item.get('category')}]: {item['text']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--model", action="store_true", help="decide with the trained model's NLU pipeline")
    parser.add_argument("--show-errors", action="store_true", help="print missed messages and false alarms")
    args = parser.parse_args()
    decider = model_decider() if args.model else pattern_decider()
    for path in args.paths:
        report(path, decider, args.show_errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
