"""Conversation test harness: multi-turn conversations run end to end through
the trained model, Rasa's policies and the real action server, with checks on
the reply texts, buttons and slots.

- ``loading``: reads and validates ``tests/conversations/*.yml`` (errors name file and line);
- ``running``: one loaded assistant per session, a sender id per conversation;
- ``checking``: the expectations of one turn;
- ``reporting``: transcripts and summaries.

The scenario book uses :func:`run_conversations`: it returns, per
conversation, the full transcript and the expectation results.
"""

from bot.conversation_harness.loading import ConversationFileError, load_conversations, load_file
from bot.conversation_harness.model import Conversation, ConversationResult, TurnResult
from bot.conversation_harness.running import AssistantSession, ensure_model, run_conversations

__all__ = [
    "AssistantSession",
    "Conversation",
    "ConversationFileError",
    "ConversationResult",
    "TurnResult",
    "ensure_model",
    "load_conversations",
    "load_file",
    "run_conversations",
]
