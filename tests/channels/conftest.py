"""Fixtures for the channel tests: the assistant shared by the test session
(tests/support/shared_assistant.py)."""

from __future__ import annotations

import pytest

from support.rasa_server import RunningAssistant
from support.shared_assistant import shared_assistant


@pytest.fixture
def webchat_server(request) -> RunningAssistant:
    """The assistant; its web chat allows only its own loopback origin (its url)."""
    return shared_assistant(request).assistant
