from __future__ import annotations

import pytest

from bot.production.redis_server import LocalRedis
from bot.production.settings import Redis
from bot.production.stack import free_ports
from production_services import install_services, service_folder


@pytest.fixture(scope="session")
def production_services_installed() -> None:
    install_services()


@pytest.fixture(scope="module")
def redis_server(production_services_installed):
    """A Redis server of its own on a free loopback port."""
    with service_folder("redis") as folder:
        server = LocalRedis(folder, Redis(port=free_ports(1)[0], db=0))
        server.start()
        try:
            yield server
        finally:
            server.stop()
