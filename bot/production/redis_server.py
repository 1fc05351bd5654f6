"""A Redis server owned by the project, for the lock store: loopback only,
its own configuration file, nothing written to disk (locks live seconds; a
restarted Redis starts empty)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.production.processes import ManagedProcess, ServiceError, check_reachable, chown_tree, service_user
from bot.production.settings import Redis


def redis_configuration(redis: Redis, folder: Path) -> str:
    lines = [
        f"bind {redis.host}",
        f"port {redis.port}",
        "protected-mode yes",
        "daemonize no",
        f"dir {folder}",
        'save ""',
        "appendonly no",
        "maxmemory 64mb",
        "maxmemory-policy volatile-ttl",
        "loglevel notice",
    ]
    if redis.password:
        lines.append(f"requirepass {redis.password}")
    return "\n".join(lines) + "\n"


class LocalRedis:
    def __init__(self, folder: Path, redis: Redis) -> None:
        executable = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(executable).exists():
            raise ServiceError("Redis ontbreekt; voer scripts/install-production-services.sh uit")
        self.folder = folder
        self.config_file = folder / "redis.conf"
        self.redis = redis
        self.user = service_user("redis")
        self.process = ManagedProcess("Redis", [executable, str(self.config_file)], folder / "redis.log",
                                      port=redis.port, user=self.user)

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        check_reachable(self.folder, self.user)
        self.config_file.write_text(redis_configuration(self.redis, self.folder), encoding="utf-8")
        self.config_file.chmod(0o600)
        chown_tree(self.folder, self.user)
        self.process.start(wait_seconds=30)

    def stop(self) -> None:
        self.process.stop()

    def restart(self) -> None:
        self.stop()
        self.process.start(wait_seconds=30)
