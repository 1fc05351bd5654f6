"""One running assistant for the whole test session, with every channel on.

Starting the assistant costs one to two minutes on two cores, so the REST,
web chat, Slack, Teams, bad-input and fault suites share one: the project's
``credentials.yml`` as shipped, the web chat allowing only the assistant's
own loopback address, and Slack and Teams pointed at local stand-ins
(:mod:`support.chat_services`). It is started by the first test that asks
and stopped when the session ends.

In a ``conftest.py``::

    from support.shared_assistant import assistant  # noqa: F401  (fixture)

and ``shared_assistant(request).stand_in`` for the Slack/Microsoft stand-in.

A test that stops the action server or restarts Rasa must leave it running
again (see ``tests/faults/``). Conversations are kept apart by a new sender id
or web chat session per test.
"""

from __future__ import annotations

import secrets
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Optional

import pytest

from bot.paths import logs_dir
from support.chat_services import channel_environment, slack_and_microsoft
from support.rasa_server import RunningAssistant, free_port, running_assistant
from support.stand_in import StandIn


@dataclass(frozen=True)
class SharedAssistant:
    assistant: RunningAssistant
    stand_in: StandIn  # Slack's and Microsoft's services


_shared: Optional[SharedAssistant] = None
_failed: Optional[str] = None  # why the first start failed: later tests fail at once


def shared_assistant(request: Any) -> SharedAssistant:
    """The session's assistant; started on first use (``request``: a pytest
    fixture request), stopped at the end of the session."""
    global _shared, _failed
    if _failed is not None:
        pytest.fail(f"the shared assistant did not start: {_failed}")
    if _shared is None:
        stack = ExitStack()
        try:
            stand_in = stack.enter_context(StandIn(slack_and_microsoft).running())
            port = free_port()
            origin = f"http://127.0.0.1:{port}"
            env = {
                **channel_environment(stand_in),
                "KERNTEAMWIJZER_WEBCHAT_ORIGINS": origin,
                "KERNTEAMWIJZER_WEBCHAT_SECRET": secrets.token_urlsafe(32),
            }
            folder = request.getfixturevalue("tmp_path_factory").mktemp("assistant")
            assistant = stack.enter_context(running_assistant(
                folder, env=env, port=port, cors=origin, log_dir=logs_dir() / "test-assistant"))
        except BaseException as error:
            stack.close()
            _failed = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise
        request.config.add_cleanup(stack.close)
        _shared = SharedAssistant(assistant, stand_in)
    return _shared


@pytest.fixture
def assistant(request) -> RunningAssistant:
    """The running assistant shared by the whole test session."""
    return shared_assistant(request).assistant
