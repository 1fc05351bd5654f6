"""``python -m bot.conversation_harness [--id ID] [--check] [--json FILE] [files...]``

Runs conversation files (default: every file in tests/conversations/) through
the trained assistant and prints the transcripts with the expectation results.
Exit code 0 when every conversation passes, 1 when one fails, 2 when a file is
invalid."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.conversation_harness.loading import ConversationFileError, load_conversations
from bot.conversation_harness.reporting import summary, transcript


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.conversation_harness", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="conversation files (default: tests/conversations/*.yml)")
    parser.add_argument("--id", action="append", dest="ids", metavar="ID",
                        help="only this conversation (repeatable)")
    parser.add_argument("--check", action="store_true", help="only validate the files; do not run them")
    parser.add_argument("--failed", action="store_true", help="print transcripts of failing conversations only")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the transcripts as JSON")
    parser.add_argument("--train", action="store_true", help="retrain first when the model is stale")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        conversations = load_conversations(arguments.files or None)
    except ConversationFileError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return 2
    if arguments.ids:
        unknown = sorted(set(arguments.ids) - {c.id for c in conversations})
        if unknown:
            print(f"unknown conversation id(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        conversations = [c for c in conversations if c.id in arguments.ids]
    if arguments.check:
        files = sorted({c.file for c in conversations})
        print(f"{len(conversations)} conversations in {len(files)} files are valid")
        return 0

    from bot.conversation_harness.running import AssistantSession, ensure_model

    model = ensure_model(train_when_stale=arguments.train)
    results = []
    with AssistantSession(model=model) as assistant:
        for conversation in conversations:
            result = assistant.run(conversation)
            results.append(result)
            if not arguments.failed or not result.passed:
                print(transcript(result), end="\n\n", flush=True)
    print(summary(results))
    if arguments.json:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        arguments.json.write_text(
            json.dumps([result.to_dict() for result in results], ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
