"""End-to-end conversations (tests/conversations/*.yml) through the trained
model, the policies and the real action server. One test per conversation id;
a failing test prints which expectation failed and the whole transcript.

Needs a trained model: when none exists, the session trains it with
``python -m bot.cli train`` first. The project test command runs this file in
its own step after training (see bot/commands.py).
"""

from __future__ import annotations

import pytest

from bot.conversation_harness import AssistantSession, ConversationFileError, load_conversations
from bot.conversation_harness.reporting import failure_message
from bot.subjects import SUBJECT_INTENTS

try:
    CONVERSATIONS = load_conversations()
    LOAD_PROBLEMS: list[str] = []
except ConversationFileError as error:
    CONVERSATIONS = []
    LOAD_PROBLEMS = error.problems


def test_conversation_files_are_valid():
    assert not LOAD_PROBLEMS, "invalid conversation files:\n" + "\n".join(LOAD_PROBLEMS)


def test_at_least_60_conversations_cover_every_subject():
    assert len(CONVERSATIONS) >= 60, f"only {len(CONVERSATIONS)} conversations"
    topics = {turn.expect.topic for c in CONVERSATIONS for turn in c.turns if turn.expect.has_topic}
    missing = set(SUBJECT_INTENTS) - topics
    assert not missing, f"no conversation checks the topic {sorted(missing)}"


@pytest.fixture(scope="session")
def assistant():
    with AssistantSession() as session:
        yield session


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c.id for c in CONVERSATIONS])
def test_conversation(assistant, conversation):
    result = assistant.run(conversation)
    if not result.passed:
        pytest.fail(failure_message(result), pytrace=False)
