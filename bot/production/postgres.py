"""A PostgreSQL server owned by the project: its own cluster in a folder,
listening on loopback only (no Unix socket), started in the foreground.

As root, ``initdb`` and ``postgres`` run as Debian's ``postgres`` user
(PostgreSQL refuses to run as root); the folder must then be reachable for
that user (every parent folder executable for others).
"""

from __future__ import annotations

import glob
import os
import secrets
import signal
import time
from pathlib import Path
from typing import Optional

from bot.production.processes import ManagedProcess, ServiceError, check_reachable, chown_tree, service_user
from bot.production.settings import Database

SUPERUSER = "postgres"


def binaries_folder() -> Path:
    """``/usr/lib/postgresql/<newest>/bin`` (Debian) or the folder of ``postgres`` on the PATH."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"),
                        key=lambda path: int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if folder and (Path(folder) / "postgres").exists():
            return Path(folder).resolve()
    raise ServiceError("PostgreSQL ontbreekt; voer scripts/install-production-services.sh uit")


class LocalPostgres:
    def __init__(self, folder: Path, database: Database) -> None:
        self.folder = folder
        self.database = database
        self.data = folder / "data"
        self.user = service_user("postgres")
        self.bin = binaries_folder()
        self.process = ManagedProcess(
            "PostgreSQL",
            [str(self.bin / "postgres"), "-D", str(self.data), "-p", str(database.port),
             "-c", f"listen_addresses={database.host}", "-c", "unix_socket_directories=",
             "-c", "max_connections=200"],
            folder / "postgresql.log", port=database.port, user=self.user, stop_signal=signal.SIGINT)

    @property
    def superuser_password(self) -> str:
        return (self.folder / "superuser-password").read_text(encoding="utf-8").strip()

    def start(self) -> None:
        self._initialise()
        self._stop_orphan()
        self.process.start(wait_seconds=60)
        self._wait_until_accepting()
        self._ensure_database()

    def stop(self) -> None:
        self.process.stop()

    def restart(self) -> None:
        self.stop()
        self.process.start(wait_seconds=60)
        self._wait_until_accepting()

    def _initialise(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        check_reachable(self.folder, self.user)
        password_file = self.folder / "superuser-password"
        password_file.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        password_file.chmod(0o600)
        chown_tree(self.folder, self.user)
        initdb = ManagedProcess(
            "initdb",
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={password_file}",
             "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
            self.folder / "initdb.log", user=self.user)
        initdb.start()
        if initdb.process.wait(timeout=300) != 0:
            raise ServiceError(f"initdb mislukt; zie {initdb.log_file}")

    def _stop_orphan(self) -> None:
        """A server left running on this cluster by a starter that was killed."""
        pid_file = self.data / "postmaster.pid"
        try:
            pid = int(pid_file.read_text(encoding="utf-8").split()[0])
            command_line = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except (OSError, ValueError, IndexError):
            return
        if "postgres" not in command_line or str(self.data) not in command_line:
            return
        os.kill(pid, signal.SIGINT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.2)

    def connect(self, database: str = "postgres"):
        import psycopg2

        return psycopg2.connect(host=self.database.host, port=self.database.port, user=SUPERUSER,
                                password=self.superuser_password, dbname=database, connect_timeout=5)

    def _wait_until_accepting(self, seconds: float = 60) -> None:
        import psycopg2

        deadline = time.monotonic() + seconds
        while True:
            try:
                self.connect().close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() > deadline or not self.process.running:
                    raise ServiceError(f"PostgreSQL neemt geen verbindingen aan; zie {self.process.log_file}")
                time.sleep(0.25)

    def _ensure_database(self) -> None:
        from psycopg2 import sql

        db = self.database
        connection = self.connect()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (db.user,))
                verb = "ALTER" if cursor.fetchone() else "CREATE"
                cursor.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(db.user)),
                               (db.password,))
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db.name,))
                if not cursor.fetchone():
                    cursor.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(
                        sql.Identifier(db.name), sql.Identifier(db.user)))
        finally:
            connection.close()


def wait_for_database(url: str, seconds: float = 60) -> Optional[Exception]:
    """Waits until ``url`` accepts connections; the last error when it never did."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, future=True)
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                with engine.connect():
                    return None
            except sa.exc.OperationalError as error:
                if time.monotonic() > deadline:
                    return error
                time.sleep(1)
    finally:
        engine.dispose()
