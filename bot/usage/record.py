"""What is recorded about one conversation, derived from Rasa's events.

Only these facts are kept; no text, no entities, no sender id. A conversation
is known to the recorder by a random key that has no relation to the sender id
and lives in memory only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

# Messages (names in actions/messages.yml) that name people to turn to.
PEOPLE_MESSAGES = frozenset({"people_to_talk_to", "human_contact"})
# Actions and intents that mean the assistant did not understand.
FALLBACK_ACTIONS = frozenset({"action_not_sure", "utter_not_understood", "action_default_fallback"})
FALLBACK_INTENTS = frozenset({"nlu_fallback"})
# The message-name key that actions.messages.say adds to every bot message.
MESSAGE_NAME_KEY = "kernteamwijzer_message"
# Channels that are recorded by name; any other is recorded as "overig".
KNOWN_CHANNELS = frozenset({"rest", "socketio", "webchat", "slack", "teams", "botframework", "cmdline"})


@dataclass
class ConversationUsage:
    """The recorded facts of one conversation."""

    day: dt.date
    channel: str = "onbekend"
    topics: set[str] = field(default_factory=set)
    named_people: bool = False
    ended_in_fallback: bool = False
    user_messages: int = 0  # kept in memory only, to know the conversation has begun

    def facts(self) -> tuple[Any, ...]:
        return (self.day, self.channel, frozenset(self.topics), self.named_people, self.ended_in_fallback,
                min(self.user_messages, 1))

    def apply(self, event: Mapping[str, Any]) -> None:
        """Updates the facts with one event as Rasa publishes it."""
        kind = event.get("event")
        if kind == "user":
            self._user(event)
        elif kind == "slot" and event.get("name") == "topic" and isinstance(event.get("value"), str):
            self.topics.add(event["value"])
        elif kind == "bot":
            metadata = event.get("metadata") or {}
            if metadata.get(MESSAGE_NAME_KEY) in PEOPLE_MESSAGES:
                self.named_people = True
        elif kind == "action" and event.get("name") not in (None, "action_listen"):
            self.ended_in_fallback = event.get("name") in FALLBACK_ACTIONS

    def _user(self, event: Mapping[str, Any]) -> None:
        self.user_messages += 1
        channel = event.get("input_channel")
        if isinstance(channel, str) and channel:
            self.channel = channel if channel in KNOWN_CHANNELS else "overig"
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        self.ended_in_fallback = intent in FALLBACK_INTENTS


def event_day(event: Mapping[str, Any]) -> dt.date:
    """The (UTC) day of an event, or today when it has no timestamp."""
    timestamp = event.get("timestamp")
    if isinstance(timestamp, (int, float)):
        return dt.datetime.fromtimestamp(timestamp, tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()
