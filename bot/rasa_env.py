"""Environment and command helpers for running Rasa as a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Mapping, Sequence

from bot.paths import PROJECT_ROOT

# Privacy first: Rasa must never send telemetry or error reports from here.
QUIET_ENVIRONMENT = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONWARNINGS": "ignore::DeprecationWarning",
}


def rasa_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QUIET_ENVIRONMENT)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if part
    )
    env.update(extra or {})
    return env


def rasa_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "rasa", *arguments]


def run_logged(command: Sequence[str], log_file: Path, env: Mapping[str, str] | None = None) -> int:
    """Runs ``command`` in the project root with all output appended to ``log_file``."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("a", encoding="utf-8") as log:
        log.write(f"\n$ {' '.join(command)}\n")
        log.flush()
        return subprocess.call(
            list(command), cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
            env=dict(env or rasa_environment()), stdin=subprocess.DEVNULL,
        )


def start_logged(command: Sequence[str], log: IO[str], env: Mapping[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        list(command), cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
        env=dict(env or rasa_environment()), stdin=subprocess.DEVNULL,
    )


def wait_for_port(port: int, process: subprocess.Popen, timeout_seconds: float) -> bool:
    """Waits until something listens on localhost:``port`` or the process died."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.5)
    return False


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
