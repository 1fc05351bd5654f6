"""One long-running service process of the production set-up.

Each service runs in the foreground (no daemons, no init system) in its own
session, so Ctrl-C reaches only the starter, which stops the services in
order. Output goes to one log file per service.
"""

from __future__ import annotations

import os
import pwd
import signal
import socket
import stat
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional, Sequence


class ServiceError(RuntimeError):
    """A service did not start; the message names its log file."""


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def service_user(name: str) -> Optional[pwd.struct_passwd]:
    """The system user ``name`` when running as root (services that refuse
    root, such as PostgreSQL, run as it); None otherwise."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def check_reachable(folder: Path, user: Optional[pwd.struct_passwd]) -> None:
    """A service running as ``user`` must be able to enter every parent folder."""
    if user is None:
        return
    for parent in folder.resolve().parents:
        if not parent.exists():
            continue
        info = parent.stat()
        if info.st_uid != user.pw_uid and not info.st_mode & stat.S_IXOTH:
            raise ServiceError(
                f"{folder} is niet bereikbaar voor gebruiker {user.pw_name} ({parent} is afgeschermd); "
                "kies een andere map met KERNTEAMWIJZER_PRODUCTION_DIR, bijvoorbeeld /var/lib/kernteamwijzer")


def chown_tree(folder: Path, user: Optional[pwd.struct_passwd]) -> None:
    if user is None:
        return
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid, follow_symlinks=False)


@dataclass
class ManagedProcess:
    name: str
    command: Sequence[str]
    log_file: Path
    port: Optional[int] = None
    env: Optional[Mapping[str, str]] = None
    cwd: Optional[Path] = None
    user: Optional[pwd.struct_passwd] = None
    stop_signal: int = signal.SIGTERM
    process: Optional[subprocess.Popen] = field(default=None, init=False)
    log_offset: int = field(default=0, init=False)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, wait_seconds: Optional[float] = 60) -> None:
        """Starts the process; waits until it listens on its port, unless ``wait_seconds`` is None."""
        if self.running:
            return
        if self.port is not None and port_open(self.port):
            raise ServiceError(f"{self.name}: poort {self.port} is al in gebruik")
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self.log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        with self.log_file.open("a", encoding="utf-8") as log:
            log.write(f"\n$ {' '.join(self.command)}\n")
            log.flush()
            extra = {}
            if self.user is not None:
                extra = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
            self.process = subprocess.Popen(
                list(self.command), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=dict(self.env) if self.env is not None else None, cwd=self.cwd,
                start_new_session=True, **extra)
        if self.port is not None and wait_seconds is not None:
            self.wait_for_port(wait_seconds)

    def wait_for_port(self, wait_seconds: float) -> None:
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if not self.running:
                raise ServiceError(f"{self.name} stopte meteen; zie {self.log_file}")
            if port_open(self.port):
                return
            time.sleep(0.25)
        self.stop()
        raise ServiceError(f"{self.name} luistert na {wait_seconds:.0f} s nog niet op poort {self.port}; "
                           f"zie {self.log_file}")

    def log_since_start(self) -> str:
        with self.log_file.open("rb") as log:
            log.seek(self.log_offset)
            return log.read().decode("utf-8", errors="replace")

    def signal_stop(self) -> None:
        """Asks the process to stop without waiting (``stop()`` waits)."""
        if self.running:
            self.process.send_signal(self.stop_signal)

    def stop(self, timeout: float = 20) -> None:
        if self.process is None:
            return
        self.signal_stop()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
