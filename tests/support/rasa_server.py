"""Starts the real assistant for a test: the action server and ``rasa run`` with
the trained model, on free loopback ports, with its own databases in a
temporary folder. Used by the channel, bad-input and fault tests."""

from __future__ import annotations

import socket
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

import yaml

from bot import training
from bot.rasa_env import rasa_command, rasa_environment, start_logged, stop, wait_for_port


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_model() -> Path:
    """The trained model; trains it first when it is missing or stale."""
    if training.staleness_reason() is not None:
        result = training.train()
        assert result.exit_code == 0, "training failed; see logs/train.log"
    return training.model_path()


@dataclass
class RunningAssistant:
    url: str
    port: int
    actions_port: int
    folder: Path
    rasa: subprocess.Popen
    actions: subprocess.Popen

    @property
    def tracker_db(self) -> Path:
        return self.folder / "tracker.db"

    @property
    def usage_db(self) -> Path:
        return self.folder / "usage.db"

    @property
    def rasa_log(self) -> Path:
        return self.folder / "rasa.log"

    @property
    def actions_log(self) -> Path:
        return self.folder / "actions.log"

    def logs(self) -> str:
        return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in (self.rasa_log, self.actions_log) if p.exists())

    def start_actions(self) -> None:
        with self.actions_log.open("a", encoding="utf-8") as log:
            self.actions = start_logged(
                rasa_command("run", "actions", "--actions", "actions", "--port", str(self.actions_port)), log)
        assert wait_for_port(self.actions_port, self.actions, 120), self.logs()[-3000:]

    def stop_actions(self) -> None:
        stop(self.actions)


@contextmanager
def running_assistant(folder: Path, credentials: Mapping | None = None, endpoints: Mapping | None = None,
                      env: Mapping[str, str] | None = None) -> Iterator[RunningAssistant]:
    model = ensure_model()
    folder.mkdir(parents=True, exist_ok=True)
    port, actions_port = free_port(), free_port()
    endpoint_config = {
        "action_endpoint": {"url": f"http://127.0.0.1:{actions_port}/webhook"},
        "tracker_store": {"type": "bot.tracker_store.RedactingSQLTrackerStore", "dialect": "sqlite",
                          "db": str(folder / "tracker.db")},
        "event_broker": {"type": "bot.usage.broker.UsageEventBroker", "url": f"sqlite:///{folder / 'usage.db'}"},
        **(endpoints or {}),
    }
    (folder / "endpoints.yml").write_text(yaml.safe_dump(endpoint_config), encoding="utf-8")
    (folder / "credentials.yml").write_text(
        yaml.safe_dump(dict(credentials or {"bot.channels.rest.GuardedRestInput": None})), encoding="utf-8")
    environment = rasa_environment(dict(env or {}))
    environment.pop("KERNTEAMWIJZER_USAGE_URL", None)
    assistant = RunningAssistant(f"http://127.0.0.1:{port}", port, actions_port, folder, None, None)  # type: ignore[arg-type]
    assistant.start_actions()
    try:
        with assistant.rasa_log.open("a", encoding="utf-8") as log:
            assistant.rasa = start_logged(
                rasa_command("run", "--model", str(model), "--port", str(port), "--interface", "127.0.0.1",
                             "--credentials", str(folder / "credentials.yml"),
                             "--endpoints", str(folder / "endpoints.yml")),
                log, env=environment)
        try:
            assert wait_for_port(port, assistant.rasa, 300), assistant.logs()[-3000:]
            yield assistant
        finally:
            stop(assistant.rasa)
    finally:
        stop(assistant.actions)
