"""This assistant side by side with the bot that ``rasa init`` creates, over
the REST channel, in one run on this machine (issue 12):

* p50/p95 latency and throughput at 1, 10 and 50 concurrent closed-loop
  conversations of 5 turns;
* start-up time (process start to the first reply);
* resident memory (RSS) of the Rasa and action-server processes at idle and
  after 1,000 and 2,000 conversations;
* one conversation of 200 turns: latency at turns 5, 50, 100 and 200.

Ours runs in the production set-up (``bot.production``) when it can start
here, else as one Rasa process; the first line says which. The minimal bot
(one Rasa process, Rasa's in-memory store) is built once per Rasa version
under ``.cache/minimal-bot/``. Prints a table and, last, the ratios
ours / minimal. Never asserts.

Usage: .venv/bin/python benchmarks/response_time.py [--conversations 2000]
       [--single-process] [--quick]
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import LoadResult, closed_loop, long_conversation, rss_megabytes  # noqa: E402
from benchmarks.minimal_bot import minimal_bot  # noqa: E402
from benchmarks.servers import RunningBot, kernteamwijzer, single_process  # noqa: E402
from benchmarks.workload import CONVERSATIONS, MINIMAL_CONVERSATIONS, conversation_turn  # noqa: E402
from bot import training  # noqa: E402
from bot.paths import logs_dir  # noqa: E402

CONCURRENCY = (1, 10, 50)
LONG_TURNS = (5, 50, 100, 200)


@dataclass
class Measurement:
    setup: str = ""
    startup_seconds: float = math.nan
    load: dict[int, LoadResult] = field(default_factory=dict)
    rss: dict[str, tuple[float, float]] = field(default_factory=dict)  # moment -> (Rasa MB, actions MB)
    long: dict[int, float] = field(default_factory=dict)


def measure(bot: RunningBot, conversations: Sequence[Sequence[str]], message_of: Callable[[int], str],
            per_level: dict[int, int], memory_at: Sequence[int]) -> Measurement:
    result = Measurement(bot.setup, bot.startup_seconds)

    def rss() -> tuple[float, float]:
        return rss_megabytes(bot.rasa_pids), rss_megabytes(bot.action_pids)

    result.rss["idle"] = rss()
    done = 0
    for concurrency in CONCURRENCY:
        result.load[concurrency] = closed_loop(bot.send, conversations, per_level[concurrency], concurrency,
                                               f"c{concurrency}")
        done += result.load[concurrency].conversations
        print(f"  {bot.name}: {concurrency} concurrent done", flush=True)
    for target in memory_at:
        if target > done:
            done += closed_loop(bot.send, conversations, target - done, 10, f"m{target}").conversations
        result.rss[f"after {target:,} conversations"] = rss()
        print(f"  {bot.name}: {done} conversations, RSS {rss()[0]:.0f} MB", flush=True)
    latencies = long_conversation(bot.send, message_of, max(LONG_TURNS), "long")
    result.long = {turn: around(latencies, turn) for turn in LONG_TURNS}
    return result


def around(latencies: dict[int, float], turn: int, spread: int = 2) -> float:
    """Median latency of ``turn`` and its neighbours (turns 3-7 for turn 5):
    one turn slowed down by other work on the machine is not the trend."""
    nearby = sorted(latencies[t] for t in range(turn - spread, turn + spread + 1) if t in latencies)
    return nearby[len(nearby) // 2]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def rows(ours: Measurement, minimal: Measurement) -> Iterator[tuple[str, str, str]]:
    yield "start-up (to first reply)", f"{minimal.startup_seconds:.1f} s", f"{ours.startup_seconds:.1f} s"
    for concurrency in CONCURRENCY:
        a, b = minimal.load[concurrency], ours.load[concurrency]
        yield (f"{concurrency} concurrent: p50 / p95", f"{ms(a.percentile(.5))} / {ms(a.percentile(.95))}",
               f"{ms(b.percentile(.5))} / {ms(b.percentile(.95))}")
        yield (f"{concurrency} concurrent: throughput", f"{a.throughput:.1f} msg/s", f"{b.throughput:.1f} msg/s")
        if a.errors or b.errors or a.empty_replies or b.empty_replies:
            yield (f"{concurrency} concurrent: errors / empty replies", f"{a.errors} / {a.empty_replies}",
                   f"{b.errors} / {b.empty_replies}")
    for moment in minimal.rss:
        yield (f"RSS Rasa / actions, {moment}", f"{minimal.rss[moment][0]:.0f} MB / -",
               f"{ours.rss[moment][0]:.0f} MB / {ours.rss[moment][1]:.0f} MB")
    for turn in LONG_TURNS:
        yield f"200-turn conversation, turn {turn}", ms(minimal.long[turn]), ms(ours.long[turn])


def ratios(ours: Measurement, minimal: Measurement) -> str:
    def growth(measurement: Measurement) -> float:
        first, last = (measurement.rss[moment][0] for moment in list(measurement.rss)[-2:])
        return last - first

    parts = [
        f"throughput@10 {ours.load[10].throughput / minimal.load[10].throughput:.2f}x (target >=1.5)",
        f"throughput@50 {ours.load[50].throughput / minimal.load[50].throughput:.2f}x (target >=1.5)",
        f"p95@10 {ours.load[10].percentile(.95) / minimal.load[10].percentile(.95):.2f}x (target <=0.6)",
        f"p50@1 {ours.load[1].percentile(.5) / minimal.load[1].percentile(.5):.2f}x",
        f"turn200/turn5 ours {ours.long[200] / ours.long[5]:.2f}, minimal {minimal.long[200] / minimal.long[5]:.2f}"
        " (target ours <=1.5)",
        f"RSS growth between the last two readings: ours {growth(ours):+.0f} MB, minimal {growth(minimal):+.0f} MB",
    ]
    return "ratios ours/minimal: " + "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=2000,
                        help="conversations in total before the last memory reading (default 2000)")
    parser.add_argument("--single-process", action="store_true", help="do not try the production set-up")
    parser.add_argument("--quick", action="store_true", help="a short run to try the script (not comparable)")
    arguments = parser.parse_args()
    per_level = {1: 20, 10: 100, 50: 200} if not arguments.quick else {1: 3, 10: 10, 50: 50}
    memory_at = (arguments.conversations // 2, arguments.conversations) if not arguments.quick else (70, 80)
    if training.train().exit_code != 0:
        print("training failed; see logs/train.log")
        return 1
    logs_dir().mkdir(parents=True, exist_ok=True)
    with (logs_dir() / "benchmark-servers.log").open("w", encoding="utf-8") as log:
        folder, minimal_model = minimal_bot(logs_dir() / "benchmark-minimal-bot.log")
        print("measuring the minimal rasa init bot ...", flush=True)
        with single_process("minimal", folder, minimal_model, log, first_message="hi") as bot:
            bot.setup = "rasa init bot: one Rasa process, in-memory tracker store"
            minimal = measure(bot, MINIMAL_CONVERSATIONS, lambda turn: conversation_turn(turn, minimal=True),
                              per_level, memory_at)
        print("measuring Kernteamwijzer ...", flush=True)
        with kernteamwijzer(training.model_path(), log, allow_production=not arguments.single_process) as bot:
            ours = measure(bot, CONVERSATIONS, conversation_turn, per_level, memory_at)
    print(f"\nminimal: {minimal.setup}\nours:    {ours.setup}\n")
    table = list(rows(ours, minimal))
    width = max(len(label) for label, _, _ in table)
    print(f"{'':{width}}  {'minimal rasa init bot':>24}  {'Kernteamwijzer':>24}")
    for label, theirs, mine in table:
        print(f"{label:{width}}  {theirs:>24}  {mine:>24}")
    print()
    print(ratios(ours, minimal))
    return 0


if __name__ == "__main__":
    sys.exit(main())
