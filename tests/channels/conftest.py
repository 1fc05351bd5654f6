"""Fixtures for the channel tests. Server start-up lives in server_fixtures.py."""

from __future__ import annotations

import secrets
from typing import Iterator

import pytest

from server_fixtures import RunningAssistant, free_port, running_assistant


@pytest.fixture(scope="session")
def webchat_server() -> Iterator[RunningAssistant]:
    """The assistant with the web chat allowing only its own loopback origin."""
    port = free_port()
    env = {
        "KERNTEAMWIJZER_WEBCHAT_ORIGINS": f"http://127.0.0.1:{port}",
        "KERNTEAMWIJZER_WEBCHAT_SECRET": secrets.token_urlsafe(32),
    }
    with running_assistant(port=port, env=env, log_name="webchat-tests-rasa.log") as assistant:
        yield assistant
