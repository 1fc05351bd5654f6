"""The production set-up on one machine, as a Python API.

::

    from bot.production import ProductionStack

    with ProductionStack.on_free_ports(folder, rasa_processes=2) as stack:
        requests.post(stack.url + "/webhooks/rest/webhook", json={"sender": "a", "message": "hoi"})
        stack.rasa_urls          # each Rasa process directly
        stack.database.url       # SQLAlchemy URL of the conversations (PostgreSQL)

``ProductionStack(settings)`` starts, in this order: PostgreSQL (unless
``settings.database.local`` is False: then it only waits for that server),
Redis (likewise), the action servers, ``settings.rasa_processes`` Rasa
processes (``rasa run`` with the trained model, ``credentials.yml`` and
``deploy/endpoints.production.yml``; started in parallel) and nginx, which
spreads requests over the Rasa processes (``nginx=False`` leaves it out).
``stop()`` (or leaving the ``with`` block) stops everything in reverse order.
``ProductionSettings.from_environment()`` reads the ``KERNTEAMWIJZER_*``
variables (``bot/production/settings.py``); ``on_free_ports`` picks free
loopback ports for tests and benchmarks. For fault tests: ``restart_rasa(i)``,
``start_rasa(i, wait=False)`` then ``wait_for_rasa(i)`` (other work overlaps the model loading),
``stop_rasa(i)``/``start_rasa(i)``, and the local services ``stack.postgres``
and ``stack.redis`` (``stop()``/``start()``/``restart()``).
"""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path
from typing import Optional, Sequence

from bot.paths import PROJECT_ROOT
from bot.production.nginx import LocalNginx
from bot.production.postgres import LocalPostgres, wait_for_database
from bot.production.processes import ManagedProcess, ServiceError, port_open
from bot.production.redis_server import LocalRedis
from bot.production.settings import Database, ProductionSettings, Redis, local_password
from bot.rasa_env import rasa_command, rasa_environment

ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints.production.yml"
CREDENTIALS = PROJECT_ROOT / "credentials.yml"
RASA_START_SECONDS = 600  # loading the model takes long on a busy 2-core machine
STOP_SECONDS = 10  # then the process is killed; every finished turn is already stored
# Rasa 3.6 carries on after these, with only a line in its log: it keeps
# conversations in memory when the configured store cannot be loaded (an import
# error), and answers nothing when the model cannot be loaded.
START_PROBLEMS = {
    "Using `InMemoryTrackerStore` instead": "kon de tracker store niet laden en zou gesprekken alleen in het geheugen houden",
    "Using `InMemoryLockStore` instead": "kon de lock store niet laden",
    "Could not load model": "kon het model niet laden",
}


def free_ports(count: int) -> list[int]:
    """``count`` different free loopback ports."""
    sockets = []
    try:
        for _ in range(count):
            probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            probe.bind(("127.0.0.1", 0))
            sockets.append(probe)
        return [probe.getsockname()[1] for probe in sockets]
    finally:
        for probe in sockets:
            probe.close()


def consecutive_free_ports(count: int, attempts: int = 50) -> int:
    """The first of ``count`` consecutive free loopback ports."""
    for first in free_ports(attempts):
        if first + count < 65535 and not any(port_open(first + offset) for offset in range(count)):
            return first
    raise ServiceError(f"geen {count} opeenvolgende vrije poorten gevonden")


def _create_shared_keys() -> None:
    """The web chat's session key and the Slack/Teams pseudonym key, created
    once before the Rasa processes start: processes that each created their own
    at the same moment would not accept each other's web chat sessions."""
    from bot.channels.user_ids import KEY_ENV, ensure_key_file
    from bot.channels.webchat import load_secret

    load_secret()
    if not os.environ.get(KEY_ENV):
        ensure_key_file()


class ProductionStack:
    def __init__(self, settings: Optional[ProductionSettings] = None, model: Optional[Path] = None,
                 nginx: bool = True, api_token: Optional[str] = None,
                 cors_origins: Sequence[str] = ("http://localhost:5005",)) -> None:
        self.settings = settings or ProductionSettings.from_environment()
        self.model = model
        self.api_token = api_token
        self.cors_origins = list(cors_origins)
        folder = self.settings.folder
        self.logs = folder / "logs"
        self.postgres = LocalPostgres(folder / "postgresql", self.database) if self.database.local else None
        self.redis = LocalRedis(folder / "redis", self.settings.redis) if self.settings.redis.local else None
        # SANIC_HOST: rasa_sdk listens on every interface unless told otherwise
        self.actions = [ManagedProcess(f"actieserver {port}",
                                       rasa_command("run", "actions", "--actions", "actions", "--port", str(port)),
                                       self.logs / f"actions-{port}.log", port=port,
                                       env=rasa_environment({"SANIC_HOST": "127.0.0.1"}),
                                       cwd=PROJECT_ROOT, stop_signal=signal.SIGINT)
                        for port in self.settings.actions_ports]
        self.rasa: list[ManagedProcess] = []
        self.nginx = (LocalNginx(folder / "nginx", self.settings.http_host, self.settings.http_port,
                                 self.settings.rasa_ports) if nginx else None)

    @classmethod
    def on_free_ports(cls, folder: Path, rasa_processes: int = 2, action_servers: int = 1,
                      **options) -> "ProductionStack":
        """A stack with local PostgreSQL and Redis in ``folder``, every service on a free loopback port."""
        http, postgres, redis = free_ports(3)
        settings = ProductionSettings(
            rasa_processes=rasa_processes, action_servers=action_servers, http_port=http,
            rasa_port=consecutive_free_ports(rasa_processes), actions_port=consecutive_free_ports(action_servers),
            database=Database(port=postgres, password=local_password(folder)), redis=Redis(port=redis),
            folder=folder)
        return cls(settings, **options)

    # -- addresses -------------------------------------------------------------------
    @property
    def database(self) -> Database:
        return self.settings.database

    @property
    def url(self) -> str:
        """The one public address (nginx), or the first Rasa process without nginx."""
        return self.settings.public_url if self.nginx else self.rasa_urls[0]

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.settings.rasa_ports]

    @property
    def usage_url(self) -> str:
        return self.settings.usage_url or self.database.url

    # -- life cycle -------------------------------------------------------------------
    def __enter__(self) -> "ProductionStack":
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def start(self) -> None:
        try:
            self._start_storage()
            for server in self.actions:
                server.start(wait_seconds=120)
            _create_shared_keys()
            self.rasa = [self._rasa_process(index) for index in range(self.settings.rasa_processes)]
            for process in self.rasa:  # load the model in parallel
                process.start(wait_seconds=None)
            for process in self.rasa:
                self._wait_for_rasa(process)
            if self.nginx:
                self.nginx.start()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stops nginx, the Rasa processes and the action servers together (each
        turn is stored when it ends, so they need not wait for each other), then
        Redis and PostgreSQL."""
        front = [process for process in [self.nginx.process if self.nginx else None, *self.rasa, *self.actions]
                 if process is not None]
        for process in front:
            process.signal_stop()
        for process in front:
            process.stop(timeout=STOP_SECONDS)
        for service in (self.redis, self.postgres):
            if service is not None:
                service.stop()

    def _start_storage(self) -> None:
        if self.postgres is not None:
            self.postgres.start()
        else:
            error = wait_for_database(self.database.url)
            if error is not None:
                raise ServiceError(f"PostgreSQL op {self.database.host}:{self.database.port} "
                                   f"is niet bereikbaar: {type(error).__name__}")
        if self.redis is not None:
            self.redis.start()

    # -- Rasa processes ---------------------------------------------------------------
    def _rasa_process(self, index: int) -> ManagedProcess:
        port = self.settings.rasa_ports[index]
        actions_port = self.settings.actions_ports[index % len(self.settings.actions_ports)]
        arguments = ["run", "--port", str(port), "--interface", "127.0.0.1",
                     "--credentials", str(CREDENTIALS), "--endpoints", str(ENDPOINTS),
                     "--cors", *self.cors_origins]
        if self.model is not None:
            arguments += ["--model", str(self.model)]
        if self.api_token:
            arguments += ["--enable-api", "--auth-token", self.api_token]
        # SIGINT: Rasa's server stops at once (after SIGTERM it lingers for many seconds)
        return ManagedProcess(f"Rasa {port}", rasa_command(*arguments), self.logs / f"rasa-{port}.log",
                              port=port, env=self._rasa_environment(actions_port), cwd=PROJECT_ROOT,
                              stop_signal=signal.SIGINT)

    def _rasa_environment(self, actions_port: int) -> dict[str, str]:
        db, redis = self.database, self.settings.redis
        environment = rasa_environment({
            "KERNTEAMWIJZER_ACTION_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "KERNTEAMWIJZER_DB_HOST": db.host, "KERNTEAMWIJZER_DB_PORT": str(db.port),
            "KERNTEAMWIJZER_DB_NAME": db.name, "KERNTEAMWIJZER_DB_USER": db.user,
            "KERNTEAMWIJZER_DB_PASSWORD": db.password,
            "KERNTEAMWIJZER_REDIS_HOST": redis.host, "KERNTEAMWIJZER_REDIS_PORT": str(redis.port),
            "KERNTEAMWIJZER_REDIS_PASSWORD": redis.password, "KERNTEAMWIJZER_REDIS_DB": str(redis.db),
            "KERNTEAMWIJZER_USAGE_URL": self.usage_url,
        })
        return environment

    @staticmethod
    def _wait_for_rasa(process: ManagedProcess) -> None:
        process.wait_for_port(RASA_START_SECONDS)
        log = process.log_since_start()
        for line, problem in START_PROBLEMS.items():
            if line in log:
                process.stop()
                raise ServiceError(f"{process.name} {problem}; zie {process.log_file}")

    def stop_rasa(self, index: int) -> None:
        self.rasa[index].stop(timeout=STOP_SECONDS)

    def start_rasa(self, index: int, wait: bool = True) -> None:
        """Starts Rasa process ``index`` again; ``wait=False`` returns at once
        (``wait_for_rasa(index)`` later), so other work overlaps its model loading."""
        self.rasa[index].start(wait_seconds=None)
        if wait:
            self.wait_for_rasa(index)

    def wait_for_rasa(self, index: int) -> None:
        self._wait_for_rasa(self.rasa[index])

    def restart_rasa(self, index: int) -> None:
        self.stop_rasa(index)
        self.start_rasa(index)

    def restart_dead_processes(self) -> list[str]:
        """Starts again every action server or Rasa process that stopped; their names."""
        restarted = []
        for process in [*self.actions, *self.rasa]:
            if process.process is not None and not process.running:
                process.process = None
                process.start(wait_seconds=None)
                if process in self.rasa:
                    self._wait_for_rasa(process)
                else:
                    process.wait_for_port(RASA_START_SECONDS)
                restarted.append(process.name)
        return restarted
