"""Starts the real assistant for a test: the action server and ``rasa run``
with the trained model, on free loopback ports, with its own databases in a
folder the test chooses. The one helper every server test uses (channels,
REST, bad input, faults, production).

    with running_assistant(tmp_path) as assistant:
        requests.post(f"{assistant.url}/webhooks/rest/webhook", json={...})
        assistant.stop_actions(); assistant.start_actions()   # action server down / back
        assistant.restart_rasa()                               # same port, same databases

Like ``make start``: the project's ``credentials.yml`` (or ``credentials``)
and ``endpoints.yml`` with the action server on its free port and the SQLite
tracker store and usage database in ``folder``; ``endpoints`` entries replace
whole sections (e.g. a PostgreSQL ``tracker_store``). Output goes to
``rasa.log`` and ``actions.log`` in ``log_dir`` (default: ``folder``);
:meth:`RunningAssistant.logs` reads both.

Most tests should not start their own assistant but share the one of the
test session (:func:`support.shared_assistant.shared_assistant`): each start
costs one to two minutes on two cores.
"""

from __future__ import annotations

import socket
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Mapping, Optional

import pytest
import yaml

from bot import training
from bot.paths import PROJECT_ROOT
from bot.rasa_env import rasa_command, rasa_environment, start_logged, stop, wait_for_port

START_TIMEOUT_SECONDS = 480
MODEL_NOT_LOADED = "Could not load model"  # what `rasa run` logs before it serves without a model


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def trained_model() -> Path:
    """The trained model. `make test` trains it before pytest when it is missing
    or stale; tests never train (that takes minutes and changes models/)."""
    model = training.model_path()
    if not model.exists():
        pytest.fail(f"no trained model at {model}; `make test` trains it before pytest "
                    "(or run `.venv/bin/python -m bot.cli train`)")
    return model


def stop_soon(process: Optional[subprocess.Popen], grace_seconds: float = 3) -> None:
    """`rasa run` does not finish within 20 s of SIGTERM (measured), so a test
    server, whose data is temporary or already committed, is killed sooner."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def endpoint_config(folder: Path, actions_port: int, overrides: Mapping | None = None) -> dict:
    """The project's endpoints.yml with the action server on ``actions_port`` and
    the SQLite databases in ``folder``; ``overrides`` replace whole sections."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8")) or {}
    endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{actions_port}/webhook"}
    store = endpoints.get("tracker_store")
    if isinstance(store, dict) and store.get("dialect") == "sqlite":
        store["db"] = str(folder / "tracker.db")
    broker = endpoints.get("event_broker")
    if isinstance(broker, dict) and str(broker.get("url", "")).startswith("sqlite:"):
        broker["url"] = f"sqlite:///{folder / 'usage.db'}"
    endpoints.update(overrides or {})
    return endpoints


@dataclass
class RunningAssistant:
    url: str
    port: int
    actions_port: int
    folder: Path
    log_dir: Path
    rasa_arguments: List[str]
    environment: dict
    rasa: Optional[subprocess.Popen] = field(default=None, repr=False)
    actions: Optional[subprocess.Popen] = field(default=None, repr=False)

    @property
    def tracker_db(self) -> Path:
        return self.folder / "tracker.db"

    @property
    def usage_db(self) -> Path:
        return self.folder / "usage.db"

    @property
    def rasa_log(self) -> Path:
        return self.log_dir / "rasa.log"

    @property
    def actions_log(self) -> Path:
        return self.log_dir / "actions.log"

    def logs(self) -> str:
        """Everything the Rasa server and the action server wrote."""
        return "\n".join(path.read_text(encoding="utf-8", errors="replace")
                         for path in (self.rasa_log, self.actions_log) if path.exists())

    def _start(self, command: List[str], log_path: Path, port: int, name: str) -> subprocess.Popen:
        written_before = log_path.stat().st_size if log_path.exists() else 0
        with log_path.open("a", encoding="utf-8") as log:
            process = start_logged(command, log, self.environment)
        if not wait_for_port(port, process, START_TIMEOUT_SECONDS):
            stop_soon(process)
            pytest.fail(f"{name} did not start; see {log_path}")
        with log_path.open(encoding="utf-8", errors="replace") as log:
            log.seek(written_before)
            if MODEL_NOT_LOADED in log.read():  # Rasa listens without a model and ignores every message
                stop_soon(process)
                pytest.fail(f"{name} could not load the model (trained with other code?); see {log_path}")
        return process

    def start_actions(self) -> None:
        self.actions = self._start(
            rasa_command("run", "actions", "--actions", "actions", "--port", str(self.actions_port)),
            self.actions_log, self.actions_port, "action server")

    def stop_actions(self) -> None:
        stop(self.actions)

    def start_rasa(self) -> None:
        self.rasa = self._start(rasa_command(*self.rasa_arguments), self.rasa_log, self.port, "Rasa server")

    def stop_rasa(self) -> None:
        stop_soon(self.rasa)

    def restart_rasa(self) -> None:
        """Kills the Rasa server (as a crash or a redeploy would) and starts it
        again on the same port with the same configuration and databases."""
        self.stop_rasa()
        self.start_rasa()

    def stop_all(self) -> None:
        self.stop_rasa()
        self.stop_actions()


@contextmanager
def running_assistant(
    folder: Path,
    credentials: Mapping | Path | None = None,
    endpoints: Mapping | None = None,
    env: Mapping[str, str] | None = None,
    *,
    port: int | None = None,
    cors: str | None = None,
    log_dir: Path | None = None,
) -> Iterator[RunningAssistant]:
    """The running assistant (see the module docstring); stopped on exit."""
    model = trained_model()
    folder.mkdir(parents=True, exist_ok=True)
    log_dir = log_dir or folder
    log_dir.mkdir(parents=True, exist_ok=True)
    for name in ("rasa.log", "actions.log"):
        (log_dir / name).write_text("", encoding="utf-8")
    port, actions_port = port or free_port(), free_port()
    (folder / "endpoints.yml").write_text(
        yaml.safe_dump(endpoint_config(folder, actions_port, endpoints), sort_keys=False), encoding="utf-8")
    if isinstance(credentials, Path) or credentials is None:
        credentials_path = credentials or PROJECT_ROOT / "credentials.yml"
    else:
        credentials_path = folder / "credentials.yml"
        credentials_path.write_text(yaml.safe_dump(dict(credentials)), encoding="utf-8")
    environment = rasa_environment(dict(env or {}))
    environment.pop("KERNTEAMWIJZER_USAGE_URL", None)
    arguments = ["run", "--model", str(model), "--port", str(port), "--interface", "127.0.0.1",
                 "--credentials", str(credentials_path), "--endpoints", str(folder / "endpoints.yml")]
    if cors:
        arguments += ["--cors", cors]
    assistant = RunningAssistant(f"http://127.0.0.1:{port}", port, actions_port, folder, log_dir,
                                 arguments, environment)
    try:
        assistant.start_actions()
        assistant.start_rasa()
        yield assistant
    finally:
        assistant.stop_all()
