"""Profiles the Rasa server with py-spy during early and late turns of one long
conversation over REST (where does the time of a turn go at turn 5 and at turn
145?). Writes collapsed stacks to logs/profile-turns-*.txt and prints the top
functions by inclusive time for each window.

Usage: .venv/bin/python benchmarks/profile_turns.py [--turns 150] [--window 10]
       [--tracker-store project|memory]
Needs py-spy (`.venv/bin/pip install py-spy`); not part of `make benchmark`.
"""

from __future__ import annotations

import argparse
import collections
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.servers import (  # noqa: E402
    ACTION_ENDPOINT, OUR_SINGLE_PROCESS_ENDPOINTS, USAGE_BROKER, single_process)
from benchmarks.workload import conversation_turn  # noqa: E402
from bot import training  # noqa: E402
from bot.paths import PROJECT_ROOT, logs_dir  # noqa: E402


def inclusive_shares(collapsed: Path, top: int = 40) -> list[tuple[float, str]]:
    totals: collections.Counter = collections.Counter()
    samples = 0
    for line in collapsed.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        samples += int(count)
        seen = set()
        for frame in stack.split(";"):
            name = frame.split(" (")[0] + " " + frame.split("/")[-1].rstrip(")") if "(" in frame else frame
            if name not in seen:
                seen.add(name)
                totals[name] += int(count)
    return [(count / max(samples, 1), name) for name, count in totals.most_common(top)]


def profiled(pid: int, output: Path) -> subprocess.Popen:
    py_spy = Path(sys.executable).parent / "py-spy"
    return subprocess.Popen([str(py_spy), "record", "--pid", str(pid), "--format", "raw", "--rate", "200",
                             "--output", str(output), "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=150)
    parser.add_argument("--window", type=int, default=10)
    parser.add_argument("--tracker-store", choices=("project", "memory"), default="project")
    arguments = parser.parse_args()
    logs_dir().mkdir(parents=True, exist_ok=True)
    endpoints = OUR_SINGLE_PROCESS_ENDPOINTS
    if arguments.tracker_store == "memory":  # Rasa's in-memory store (and none of the project's patches)
        endpoints = ACTION_ENDPOINT + USAGE_BROKER
    with (logs_dir() / "profile-servers.log").open("w") as log:
        with single_process("kernteamwijzer", PROJECT_ROOT, training.model_path(), log, endpoints,
                            with_actions=True) as bot:
            pid = bot.rasa_pids[0]
            windows = {"early": range(1, 1 + arguments.window),
                       "late": range(arguments.turns - arguments.window + 1, arguments.turns + 1)}
            spy = None
            latencies = {}
            for turn in range(1, arguments.turns + 1):
                for name, turns in windows.items():
                    if turn == turns.start:
                        spy = profiled(pid, logs_dir() / f"profile-turns-{name}.txt")
                seconds, _ = bot.send("profile", conversation_turn(turn))
                latencies[turn] = seconds
                for name, turns in windows.items():
                    if spy and turn == turns[-1]:
                        spy.send_signal(signal.SIGINT)
                        spy.wait(timeout=60)
                        spy = None
    for name, turns in windows.items():
        mean = sum(latencies[t] for t in turns) / len(turns)
        print(f"\n== {name}: turns {turns.start}-{turns[-1]}, mean {mean * 1000:.0f} ms per turn ==")
        path = logs_dir() / f"profile-turns-{name}.txt"
        if path.exists():
            for share, function in inclusive_shares(path):
                print(f"{share * 100:5.1f} %  {function}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
