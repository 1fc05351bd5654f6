"""The conversation step of the project test command (``make test``): runs
``tests/test_conversations.py`` with pytest, keeps the full output (transcripts
of failing conversations) in ``logs/conversations.log`` and prints a short
summary on the console."""

from __future__ import annotations

import re
import subprocess
import sys

from bot.paths import PROJECT_ROOT, logs_dir
from bot.rasa_env import rasa_environment

TEST_FILE = "tests/test_conversations.py"
SHOWN_FAILURES = 80


def run() -> int:
    log = logs_dir() / "conversations.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        code = subprocess.call(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", "--tb=short", TEST_FILE],
            # wide lines, so the summary keeps each failure's one-line reason
            cwd=PROJECT_ROOT, env=rasa_environment({"COLUMNS": "400"}), stdout=output, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    text = log.read_text(encoding="utf-8")
    failed = [line for line in text.splitlines() if line.startswith("FAILED ")]
    totals = [line for line in text.splitlines() if re.search(r"\b(passed|failed|error)\b.* in [\d.]+s", line)]
    print(f"[kernteamwijzer]   {totals[-1].strip('= ') if totals else f'pytest exit {code}'}", flush=True)
    for line in failed[:SHOWN_FAILURES]:
        print("    " + line.replace(f"FAILED {TEST_FILE}::", "", 1), flush=True)
    if len(failed) > SHOWN_FAILURES:
        print(f"    … en nog {len(failed) - SHOWN_FAILURES}", flush=True)
    if code != 0:
        print("[kernteamwijzer]   transcripten van mislukte gesprekken: logs/conversations.log", flush=True)
    return code
