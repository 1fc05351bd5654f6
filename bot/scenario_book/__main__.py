"""``python -m bot.scenario_book [files...] [--out DIR]`` (``make scenarios``):
runs every teaching scenario through the real assistant and writes the book.

A scenario is a conversation in tests/conversations/*.yml (format in
tests/conversations/README.md) with ``case``, ``learning_goal`` and
``discussion``. Exits 1 when a scenario no longer meets its expectations (the
book is written anyway, with a warning at that scenario) and 2 when a file is
wrong (the error names the file and line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.conversation_harness.loading import ConversationFileError, load_conversations
from bot.paths import PROJECT_ROOT
from bot.scenario_book.content import scenario_page
from bot.scenario_book.render import write_book


def is_scenario(conversation) -> bool:
    return bool(conversation.case and conversation.learning_goal and conversation.discussion)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.scenario_book", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="scenario files (default: tests/conversations/*.yml)")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "build" / "scenarios")
    arguments = parser.parse_args(argv)
    try:
        scenarios = [c for c in load_conversations(arguments.files or None) if is_scenario(c)]
    except ConversationFileError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return 2
    if not scenarios:
        print("Geen scenario's gevonden (een scenario heeft case, learning_goal en discussion).", file=sys.stderr)
        return 2

    from bot.conversation_harness.running import AssistantSession, ensure_model

    with AssistantSession(model=ensure_model()) as assistant:
        results = [assistant.run(conversation) for conversation in scenarios]
    pages = [scenario_page(result.to_dict()) for result in results]
    index = write_book(pages, arguments.out)
    failed = [page for page in pages if not page.passed]
    print(f"Scenarioboek: {len(pages)} scenario's in {index}")
    for page in failed:
        print(f"  NIET MEER IN ORDE: {page.id}: {'; '.join(page.failures)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
