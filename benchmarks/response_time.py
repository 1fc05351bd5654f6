"""Starts the action server and the Rasa server on localhost, sends a bounded
number of messages over the REST channel and prints latency and throughput.

Usage: .venv/bin/python benchmarks/response_time.py [--messages 200] [--concurrency 4]
Reference on this machine: a minimal `rasa init` bot answers in ~27 ms per
message and one Rasa process tops out near 42 messages/s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import training  # noqa: E402
from bot.paths import logs_dir  # noqa: E402
from bot.rasa_env import rasa_command, start_logged, stop, wait_for_port  # noqa: E402

RASA_PORT, ACTIONS_PORT = 5105, 5155
MESSAGES = [
    "hoi",
    "ik maak me zorgen over de thuissituatie van een leerling",
    "nee, het is niet acuut",
    "hoe bereik ik de leerplichtambtenaar in Heemstede",
    "een leerling is 13 keer te laat gekomen",
    "wie betaalt een iq onderzoek",
    "wat is de verwijsindex",
    "dank je wel",
]


def send(sender: str, text: str) -> float:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook", data=body,
        headers={"Content-Type": "application/json"},
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--tracker-store", choices=("sqlite", "memory"), default="sqlite",
                        help="sqlite: the redacting SQLite store the assistant uses; memory: Rasa's in-memory store")
    arguments = parser.parse_args()
    if training.train().exit_code != 0:
        print("training failed; see logs/train.log")
        return 1
    logs_dir().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        endpoints = Path(scratch) / "endpoints.yml"
        store = (
            "tracker_store:\n  type: bot.tracker_store.RedactingSQLTrackerStore\n"
            f'  dialect: "sqlite"\n  db: "{scratch}/benchmark.db"\n'
            if arguments.tracker_store == "sqlite" else ""
        )
        endpoints.write_text(f'action_endpoint:\n  url: "http://localhost:{ACTIONS_PORT}/webhook"\n{store}', encoding="utf-8")
        log = (logs_dir() / "benchmark-servers.log").open("w", encoding="utf-8")
        actions = start_logged(rasa_command("run", "actions", "--actions", "actions", "--port", str(ACTIONS_PORT)), log)
        server = start_logged(rasa_command("run", "--model", str(training.model_path()), "--port", str(RASA_PORT),
                                           "--endpoints", str(endpoints), "--credentials", "credentials.yml"), log)
        try:
            if not (wait_for_port(ACTIONS_PORT, actions, 120) and wait_for_port(RASA_PORT, server, 300)):
                print("servers did not start; see logs/benchmark-servers.log")
                return 1
            send("warm-up", "hoi")
            sequential = [send("sequential", MESSAGES[i % len(MESSAGES)]) for i in range(min(40, arguments.messages))]
            started = time.perf_counter()
            with ThreadPoolExecutor(arguments.concurrency) as pool:
                list(pool.map(lambda i: send(f"user-{i % 20}", MESSAGES[i % len(MESSAGES)]), range(arguments.messages)))
            elapsed = time.perf_counter() - started
        finally:
            stop(server)
            stop(actions)
    print(f"sequential_median_ms={statistics.median(sequential) * 1000:.1f}")
    print(f"sequential_p95_ms={sorted(sequential)[int(len(sequential) * 0.95) - 1] * 1000:.1f}")
    print(f"tracker_store={arguments.tracker_store}")
    print(f"concurrent_messages={arguments.messages} concurrency={arguments.concurrency}")
    print(f"throughput_messages_per_second={arguments.messages / elapsed:.1f}")
    print("reference: minimal rasa init bot ~27 ms/message, ~42 messages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
