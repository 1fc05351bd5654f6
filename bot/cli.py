"""Project command line: ``python -m bot.cli <command>``.

Commands:
  prepare             build machine-local artefacts (spaCy fallback, PII cache, NLU lookups)
  train [--force]     train the Rasa model when it is missing or stale
  start               train if needed and run the action server + Rasa server
  start-production    PostgreSQL, Redis, several Rasa processes and nginx (README, "Production")
  shell               chat in the terminal (rasa shell) with the action server running
  test                run every test: knowledge, pytest, rasa data validate, test stories
  validate-knowledge  validate knowledge/ and print the regions x roles table
  forget-old-conversations [--days N]
                      delete stored conversations older than the retention period
"""

from __future__ import annotations

import argparse
import sys

from bot import commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare", help="build the spaCy fallback, warm the de-identification cache, generate NLU lookups")
    train = sub.add_parser("train", help="train the model when it is missing or stale")
    train.add_argument("--force", action="store_true", help="train even when the model is up to date")
    start = sub.add_parser("start", help="run the assistant locally")
    start.add_argument("--port", type=int, default=5005)
    start.add_argument("--actions-port", type=int, default=5055)
    sub.add_parser("start-production", help="run the production set-up on this machine")
    sub.add_parser("shell", help="chat with the assistant in this terminal")
    sub.add_parser("test", help="run every test")
    sub.add_parser("validate-knowledge", help="validate knowledge/ and print a summary")
    forget = sub.add_parser("forget-old-conversations", help="delete conversations older than the retention period")
    forget.add_argument("--days", type=int, default=None,
                        help="retention in days (default: KERNTEAMWIJZER_RETENTION_DAYS or 30)")
    return parser


def _start_production() -> int:
    from bot.production.run import main as start_production  # imports the stack only when used

    return start_production()


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    handlers = {
        "prepare": lambda: commands.prepare(),
        "train": lambda: commands.train(force=arguments.force),
        "start": lambda: commands.start(port=arguments.port, actions_port=arguments.actions_port),
        "start-production": lambda: _start_production(),
        "shell": lambda: commands.shell(),
        "test": lambda: commands.test(),
        "validate-knowledge": lambda: commands.validate_knowledge(),
        "forget-old-conversations": lambda: commands.forget_old_conversations(arguments.days),
    }
    return handlers[arguments.command]()


if __name__ == "__main__":
    sys.exit(main())
