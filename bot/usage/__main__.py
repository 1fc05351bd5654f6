"""``python -m bot.usage [--url URL] [--out DIR]``: prints the week × subject
table and writes ``usage.csv`` and ``usage.png`` (``make usage``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.usage.report import format_table, week_table, write_chart, write_csv


def main(argv: list[str] | None = None) -> int:
    from bot.usage.broker import DEFAULT_URL, URL_ENV
    from bot.usage.store import UsageStore

    parser = argparse.ArgumentParser(prog="python -m bot.usage", description=__doc__)
    parser.add_argument("--url", default=os.environ.get(URL_ENV, DEFAULT_URL),
                        help="SQLAlchemy URL of the usage store")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "build" / "usage")
    args = parser.parse_args(argv)
    store = UsageStore(args.url)
    try:
        table = week_table(store.rows())
    finally:
        store.close()
    if not table.weeks:
        print("Nog geen gesprekken geteld.")
        return 0
    print(format_table(table))
    write_csv(table, args.out / "usage.csv")
    write_chart(table, args.out / "usage.png")
    print(f"\nGeschreven: {args.out / 'usage.csv'} en {args.out / 'usage.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
