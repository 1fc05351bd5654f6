"""Starts the real assistant (action server + ``rasa run`` with the trained
model) on free loopback ports for channel tests; shared by the channel suites.

    with running_assistant(env={"SOME_CHANNEL_VAR": "..."}) as assistant:
        assistant.url  # "http://127.0.0.1:<port>"

The server is started like ``make start`` (``bot.commands.start``): the project's
``credentials.yml``, the endpoints of ``endpoints.yml`` with the action server
moved to its free port and the tracker store's SQLite database moved to a
temporary folder, so tests never touch ``kernteamwijzer.db``. Output goes to
``logs/<log_name>``.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

import pytest
import yaml

from bot import training
from bot.paths import PROJECT_ROOT, logs_dir
from bot.rasa_env import rasa_command, rasa_environment, start_logged, stop, wait_for_port


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class RunningAssistant:
    port: int
    url: str
    database: Path
    log: Path


def _test_endpoints(folder: Path, actions_port: int) -> Path:
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8")) or {}
    endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{actions_port}/webhook"}
    store = endpoints.get("tracker_store")
    if isinstance(store, dict) and store.get("dialect") == "sqlite":
        store["db"] = str(folder / "conversations.db")
    path = folder / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def _stop_soon(process: subprocess.Popen, grace_seconds: float = 3) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running_assistant(
    *,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    credentials: Path = PROJECT_ROOT / "credentials.yml",
    log_name: str = "channel-tests-rasa.log",
    timeout_seconds: float = 480,
) -> Iterator[RunningAssistant]:
    model = training.model_path()
    if not model.exists():
        pytest.fail(f"no trained model at {model}; `make test` trains it before pytest "
                    "(or run `.venv/bin/python -m bot.cli train`)")
    port = port or free_port()
    actions_port = free_port()
    environment = rasa_environment(env)
    log_path = logs_dir() / log_name
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kernteamwijzer-channels-") as folder_name:
        folder = Path(folder_name)
        endpoints = _test_endpoints(folder, actions_port)
        with log_path.open("w", encoding="utf-8") as log:
            actions = start_logged(
                rasa_command("run", "actions", "--actions", "actions", "--port", str(actions_port)), log, environment)
            server = start_logged(
                rasa_command(
                    "run", "--model", str(model), "--port", str(port), "--interface", "127.0.0.1",
                    "--cors", "*", "--credentials", str(credentials), "--endpoints", str(endpoints),
                ),
                log, environment,
            )
            try:
                for name, process, process_port in (("action server", actions, actions_port),
                                                    ("Rasa server", server, port)):
                    if not wait_for_port(process_port, process, timeout_seconds):
                        pytest.fail(f"{name} did not start; see {log_path}")
                yield RunningAssistant(port, f"http://127.0.0.1:{port}", folder / "conversations.db", log_path)
            finally:
                # `rasa run` does not finish within 20 s of SIGTERM or SIGINT
                # (measured), so `stop` would wait its full 15 s; the test
                # server's data is temporary, so it is killed sooner.
                _stop_soon(server)
                stop(actions)
