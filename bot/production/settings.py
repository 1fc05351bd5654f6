"""Settings of the production set-up, from environment variables.

Every value has a default for one machine (``make start-production``); a real
deployment points the assistant at its own database and Redis with the same
variables. Names and defaults (see README, "Production"):

===============================  ===========================  ==============================================
variable                         default                      meaning
===============================  ===========================  ==============================================
KERNTEAMWIJZER_RASA_PROCESSES    2                            number of ``rasa run`` processes
KERNTEAMWIJZER_ACTION_SERVERS    1                            number of action servers
KERNTEAMWIJZER_HTTP_HOST         127.0.0.1                    address nginx listens on
KERNTEAMWIJZER_HTTP_PORT         5005                         port nginx listens on (the one public address)
KERNTEAMWIJZER_RASA_PORT         5010                         port of the first Rasa process (then +1, +2, …)
KERNTEAMWIJZER_ACTIONS_PORT      5055                         port of the first action server (then +1, …)
KERNTEAMWIJZER_DB_URL            (none)                       ``postgresql://user:password@host:port/db``
KERNTEAMWIJZER_DB_HOST           (none: local PostgreSQL)     PostgreSQL host; unset starts one on loopback
KERNTEAMWIJZER_DB_PORT           5433                         PostgreSQL port
KERNTEAMWIJZER_DB_NAME           kernteamwijzer               database
KERNTEAMWIJZER_DB_USER           kernteamwijzer               user
KERNTEAMWIJZER_DB_PASSWORD       (generated once, local)      password
KERNTEAMWIJZER_REDIS_HOST        (none: local Redis)          Redis host for the lock store; unset starts one
KERNTEAMWIJZER_REDIS_PORT        6380                         Redis port
KERNTEAMWIJZER_REDIS_PASSWORD    (none)                       Redis password
KERNTEAMWIJZER_REDIS_DB          1                            Redis database number
KERNTEAMWIJZER_PRODUCTION_DIR    .cache/production            data folders, generated configuration, logs
===============================  ===========================  ==============================================

The anonymous usage figures go to ``KERNTEAMWIJZER_USAGE_URL`` or, when that
is unset, to their own table in the conversations database.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Optional
from urllib.parse import quote, unquote, urlsplit

from bot.paths import cache_dir

PREFIX = "KERNTEAMWIJZER_"


@dataclass(frozen=True)
class Database:
    host: str = "127.0.0.1"
    port: int = 5433
    name: str = "kernteamwijzer"
    user: str = "kernteamwijzer"
    password: str = ""
    local: bool = True  # started and owned by the stack

    @property
    def url(self) -> str:
        """SQLAlchemy URL (psycopg2)."""
        return (f"postgresql://{quote(self.user, safe='')}:{quote(self.password, safe='')}"
                f"@{self.host}:{self.port}/{quote(self.name, safe='')}")

    @classmethod
    def from_url(cls, url: str) -> "Database":
        parts = urlsplit(url)
        if not parts.scheme.startswith("postgresql"):
            raise ValueError(f"{PREFIX}DB_URL must be a postgresql:// URL, not {parts.scheme}://")
        return cls(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                   name=unquote(parts.path.lstrip("/")) or "kernteamwijzer",
                   user=unquote(parts.username or "kernteamwijzer"), password=unquote(parts.password or ""),
                   local=False)


@dataclass(frozen=True)
class Redis:
    host: str = "127.0.0.1"
    port: int = 6380
    password: str = ""
    db: int = 1
    local: bool = True


@dataclass(frozen=True)
class ProductionSettings:
    rasa_processes: int = 2
    action_servers: int = 1
    http_host: str = "127.0.0.1"
    http_port: int = 5005
    rasa_port: int = 5010
    actions_port: int = 5055
    database: Database = field(default_factory=Database)
    redis: Redis = field(default_factory=Redis)
    folder: Path = field(default_factory=lambda: cache_dir() / "production")
    usage_url: Optional[str] = None

    def __post_init__(self) -> None:
        if self.rasa_processes < 1 or self.action_servers < 1:
            raise ValueError("at least one Rasa process and one action server are needed")

    @property
    def rasa_ports(self) -> list[int]:
        return [self.rasa_port + index for index in range(self.rasa_processes)]

    @property
    def actions_ports(self) -> list[int]:
        return [self.actions_port + index for index in range(self.action_servers)]

    @property
    def public_url(self) -> str:
        return f"http://{self.http_host}:{self.http_port}"

    def with_changes(self, **changes) -> "ProductionSettings":
        return replace(self, **changes)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> "ProductionSettings":
        env = os.environ if environ is None else environ

        def value(name: str, default: str) -> str:
            return env.get(PREFIX + name) or default

        folder = Path(value("PRODUCTION_DIR", str(cache_dir() / "production"))).expanduser().resolve()
        if env.get(PREFIX + "DB_URL"):
            database = Database.from_url(env[PREFIX + "DB_URL"])
        else:
            local_db = not env.get(PREFIX + "DB_HOST")
            database = Database(
                host=value("DB_HOST", "127.0.0.1"), port=int(value("DB_PORT", "5433")),
                name=value("DB_NAME", "kernteamwijzer"), user=value("DB_USER", "kernteamwijzer"),
                password=env.get(PREFIX + "DB_PASSWORD") or (local_password(folder) if local_db else ""),
                local=local_db)
        redis = Redis(host=value("REDIS_HOST", "127.0.0.1"), port=int(value("REDIS_PORT", "6380")),
                      password=env.get(PREFIX + "REDIS_PASSWORD", ""), db=int(value("REDIS_DB", "1")),
                      local=not env.get(PREFIX + "REDIS_HOST"))
        return cls(
            rasa_processes=int(value("RASA_PROCESSES", "2")), action_servers=int(value("ACTION_SERVERS", "1")),
            http_host=value("HTTP_HOST", "127.0.0.1"), http_port=int(value("HTTP_PORT", "5005")),
            rasa_port=int(value("RASA_PORT", "5010")), actions_port=int(value("ACTIONS_PORT", "5055")),
            database=database, redis=redis, folder=folder, usage_url=env.get(PREFIX + "USAGE_URL") or None,
        )


def local_password(folder: Path) -> str:
    """The password of the local PostgreSQL user, generated once in ``folder``."""
    secret = folder / "db-password"
    if not secret.exists():
        folder.mkdir(parents=True, exist_ok=True)
        secret.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        secret.chmod(0o600)
    return secret.read_text(encoding="utf-8").strip()
