"""Measures a full training run on this machine and prints the numbers.

Usage: .venv/bin/python benchmarks/training_time.py
Target (issue 2): under 5 minutes on the 2-core machine for the full data set.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.components.spacy_backend import active_backend_name  # noqa: E402
from bot.paths import PROJECT_ROOT  # noqa: E402
from bot.rasa_env import rasa_command, run_logged  # noqa: E402


def count_training_examples() -> tuple[int, int]:
    import yaml

    examples = intents = 0
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in item:
                intents += 1
                examples += sum(1 for line in item["examples"].splitlines() if line.strip().startswith("- "))
    return intents, examples


def main() -> int:
    intents, examples = count_training_examples()
    with tempfile.TemporaryDirectory() as out:
        log = PROJECT_ROOT / "logs" / "benchmark-train.log"
        log.unlink(missing_ok=True)
        started = time.monotonic()
        code = run_logged(
            rasa_command("train", "--force", "--out", out, "--fixed-model-name", "benchmark"), log
        )
        seconds = time.monotonic() - started
    print(f"training_seconds={seconds:.1f}")
    print(f"training_exit_code={code}")
    print(f"intents={intents} nlu_examples={examples}")
    print(f"spacy_backend={active_backend_name()}")
    print(f"cpu_count={os.cpu_count()}")
    print(f"target_seconds=300 within_target={'yes' if seconds < 300 else 'no'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
