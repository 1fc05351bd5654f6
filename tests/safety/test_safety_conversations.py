"""The safety net end to end: tests/safety/conversations.yml through the trained
model, the policies and the real action server (the conversation harness).
Skips when there is no trained model in models/ (``python -m bot.cli train``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation_harness import AssistantSession, load_conversations
from bot.conversation_harness.reporting import failure_message

HERE = Path(__file__).parent
MODEL = HERE.parents[1] / "models" / "kernteamwijzer.tar.gz"
CONVERSATIONS = load_conversations([HERE / "conversations.yml"])


@pytest.fixture(scope="module")
def assistant():
    if not MODEL.exists():
        pytest.skip("no trained model in models/ (run: python -m bot.cli train)")
    with AssistantSession(model=MODEL) as session:
        yield session


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c.id for c in CONVERSATIONS])
def test_safety_conversation(assistant, conversation):
    result = assistant.run(conversation)
    if not result.passed:
        pytest.fail(failure_message(result), pytrace=False)
