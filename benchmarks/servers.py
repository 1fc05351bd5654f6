"""Starts the servers the benchmarks measure, on free ports on 127.0.0.1:

* this assistant in the production set-up (``bot.production``: two Rasa
  processes behind nginx, PostgreSQL, Redis) when that can start here, or else
  as one Rasa process with the redacting SQLite store and the action server;
* the minimal bot that ``rasa init`` creates (one Rasa process, Rasa's
  in-memory tracker store, no action server)."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Optional

from bot.paths import PROJECT_ROOT
from bot.rasa_env import rasa_command, rasa_environment, stop, wait_for_port

REST_WEBHOOK = "/webhooks/rest/webhook"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RunningBot:
    """A started bot: its REST webhook, the process ids and how long it took to start."""

    name: str
    url: str
    rasa_pids: list[int]
    action_pids: list[int]
    startup_seconds: float = 0.0
    setup: str = "one Rasa process"

    def send(self, sender: str, text: str, timeout: float = 120) -> tuple[float, list]:
        """Sends one message; returns (seconds, replies)."""
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=timeout) as response:
            replies = json.loads(response.read() or b"[]")
        return time.perf_counter() - started, replies

    def warmed_up(self, text: str, started: float) -> "RunningBot":
        """Sends a first message (loads what Rasa loads lazily); start-up time
        counts until its reply."""
        self.send("warm-up", text)
        self.startup_seconds = time.perf_counter() - started
        return self


def _start(command: list[str], cwd: Path, log: IO[str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                            env=rasa_environment(), stdin=subprocess.DEVNULL)


@contextlib.contextmanager
def single_process(name: str, project: Path, model: Path, log: IO[str], endpoints: Optional[str] = None,
                   with_actions: bool = False, first_message: str = "hoi") -> Iterator[RunningBot]:
    """One Rasa process for ``project`` (and its action server when
    ``with_actions``; ``{actions_port}`` and ``{scratch}`` in ``endpoints`` are
    filled in); stops everything on exit."""
    rasa_port, actions_port = free_port(), free_port()
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        try:
            command = ["run", "--model", str(model), "--port", str(rasa_port), "--interface", "127.0.0.1",
                       "--credentials", str(project / "credentials.yml")]
            if endpoints is not None:
                endpoints_file = Path(scratch) / "endpoints.yml"
                endpoints_file.write_text(endpoints.format(actions_port=actions_port, scratch=scratch),
                                          encoding="utf-8")
                command += ["--endpoints", str(endpoints_file)]
            if with_actions:
                processes.append(_start(rasa_command("run", "actions", "--actions", "actions",
                                                     "--port", str(actions_port)), project, log))
            processes.insert(0, _start(rasa_command(*command), project, log))
            if not wait_for_port(rasa_port, processes[0], 900):
                raise RuntimeError(f"{name}: the Rasa server did not start (see the benchmark log)")
            if with_actions and not wait_for_port(actions_port, processes[1], 300):
                raise RuntimeError(f"{name}: the action server did not start (see the benchmark log)")
            bot = RunningBot(name, f"http://127.0.0.1:{rasa_port}{REST_WEBHOOK}", [processes[0].pid],
                             [process.pid for process in processes[1:]])
            yield bot.warmed_up(first_message, started)
        finally:
            for process in processes:
                stop(process)


ACTION_ENDPOINT = 'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
REDACTING_SQLITE_STORE = ('tracker_store:\n  type: bot.tracker_store.RedactingSQLTrackerStore\n'
                          '  dialect: "sqlite"\n  db: "{scratch}/conversations.db"\n')
USAGE_BROKER = 'event_broker:\n  type: bot.usage.broker.UsageEventBroker\n  url: "sqlite:///{scratch}/usage.db"\n'
OUR_SINGLE_PROCESS_ENDPOINTS = ACTION_ENDPOINT + REDACTING_SQLITE_STORE + USAGE_BROKER


@contextlib.contextmanager
def production(model: Path, rasa_processes: int = 2) -> Iterator[RunningBot]:
    """This assistant in the production set-up of ``bot.production``."""
    from bot.production import ProductionStack

    with tempfile.TemporaryDirectory(prefix="kernteamwijzer-benchmark-") as folder:
        Path(folder).chmod(0o755)  # PostgreSQL and Redis run as their own users and must reach their folders
        started = time.perf_counter()
        with ProductionStack.on_free_ports(Path(folder), rasa_processes=rasa_processes, model=model) as stack:
            bot = RunningBot("kernteamwijzer", stack.url + REST_WEBHOOK,
                             [process.process.pid for process in stack.rasa],
                             [server.process.pid for server in stack.actions],
                             setup=f"production set-up: {rasa_processes} Rasa processes behind nginx, "
                                   "PostgreSQL, Redis lock store")
            yield bot.warmed_up("hoi", started)


@contextlib.contextmanager
def kernteamwijzer(model: Path, log: IO[str], allow_production: bool = True) -> Iterator[RunningBot]:
    """The production set-up when it can start on this machine, else one Rasa process."""
    with contextlib.ExitStack() as running:
        bot: Optional[RunningBot] = None
        if allow_production:
            try:
                bot = running.enter_context(production(model))
            except Exception as error:  # noqa: BLE001 - reported; the single-process set-up is measured instead
                print(f"production set-up not available ({type(error).__name__}: {error})")
        if bot is None:
            bot = running.enter_context(single_process("kernteamwijzer", PROJECT_ROOT, model, log,
                                                       OUR_SINGLE_PROCESS_ENDPOINTS, with_actions=True))
            bot.setup = "one Rasa process, redacting SQLite store, one action server"
        yield bot
