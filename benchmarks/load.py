"""Closed-loop load over REST: ``concurrency`` simulated teachers, each sending
the turns of one conversation after the other (the next message only after
the reply), starting a new conversation when one is done."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

Send = Callable[[str, str], "tuple[float, list]"]


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    conversations: int = 0
    errors: int = 0
    empty_replies: int = 0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def closed_loop(send: Send, conversations: Sequence[Sequence[str]], count: int, concurrency: int,
                prefix: str) -> LoadResult:
    """Runs ``count`` conversations (cycling through ``conversations``) with
    ``concurrency`` at a time."""
    result = LoadResult()
    lock = threading.Lock()
    numbers = itertools.count()
    run_id = uuid.uuid4().hex[:8]

    def teacher() -> None:
        while True:
            with lock:
                number = next(numbers)
            if number >= count:
                return
            sender = f"{prefix}-{run_id}-{number}"
            for text in conversations[number % len(conversations)]:
                try:
                    seconds, replies = send(sender, text)
                except Exception:  # noqa: BLE001 - counted and reported, the load goes on
                    with lock:
                        result.errors += 1
                    continue
                with lock:
                    result.latencies.append(seconds)
                    result.empty_replies += not replies
            with lock:
                result.conversations += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(teacher) for _ in range(concurrency)]:
            future.result()
    result.seconds = time.perf_counter() - started
    return result


def long_conversation(send: Send, message_of: Callable[[int], str], turns: int, prefix: str) -> dict[int, float]:
    """Latency of every turn of one conversation of ``turns`` turns."""
    sender = f"{prefix}-long-{uuid.uuid4().hex[:8]}"
    return {turn: send(sender, message_of(turn))[0] for turn in range(1, turns + 1)}


def rss_megabytes(pids: Sequence[int]) -> float:
    """Resident memory of the processes together (VmRSS, MB)."""
    total_kb = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024
