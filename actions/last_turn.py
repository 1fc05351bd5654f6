"""What the assistant did in its last turn: the offer a teacher accepts with
"ja" / "ja graag" (the button whose title starts with "Ja"), and the message before."""

from __future__ import annotations

import json
import re
from typing import Any

from rasa_sdk import Tracker

_PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$", re.DOTALL)
_YES_TITLE = re.compile(r"^\s*ja\b", re.IGNORECASE)


def last_bot_turn(tracker: Tracker) -> list[dict[str, Any]]:
    """The bot events between the teacher's previous message and the latest one."""
    turn: list[dict[str, Any]] = []
    users_seen = 0
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                break
        elif event.get("event") == "bot" and users_seen == 1:
            turn.insert(0, event)
    return turn


def accepted_offer(tracker: Tracker, intent: str) -> dict[str, Any] | None:
    """The entities of the "Ja …" button for ``intent`` that the last bot turn
    offered, or None when it offered nothing of the kind."""
    for event in reversed(last_bot_turn(tracker)):
        for button in (event.get("data") or {}).get("buttons") or []:
            match = _PAYLOAD.match(button.get("payload") or "")
            if match and match.group("intent") == intent and _YES_TITLE.match(button.get("title") or ""):
                try:
                    return json.loads(match.group("entities") or "{}")
                except json.JSONDecodeError:
                    return None
    return None


def previous_user_text(tracker: Tracker) -> str:
    """What the teacher typed one message before the latest one ("" when none)."""
    users = [event for event in tracker.events or [] if event.get("event") == "user"]
    return (users[-2].get("text") or "") if len(users) >= 2 else ""
