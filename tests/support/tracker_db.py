"""Reading the test assistant's tracker database directly (SQLite)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

# A teacher's message full of personal data, and the pieces that must not be stored.
PERSONAL_MESSAGE = ("Het gaat om Daan Hoogendijk uit groep 4, BSN 123456782, moeder bereikbaar op 06-12345678 "
                    "of daan.hoogendijk@example.nl, woont Dorpsstraat 12")
PERSONAL_DATA = ("Daan", "Hoogendijk", "123456782", "06-12345678", "daan.hoogendijk@example.nl", "Dorpsstraat")


def database_text(database: Path) -> str:
    """Everything in the tracker database, as SQL text."""
    with sqlite3.connect(database) as connection:
        return "\n".join(connection.iterdump())


def user_events(database: Path, sender_id: str) -> List[Dict[str, Any]]:
    """The stored ``user`` events of one conversation, oldest first."""
    return [event for event in stored_events(database, sender_id) if event.get("event") == "user"]


def wait_for_user_events(database: Path, sender_id: str, count: int, timeout: float = 30) -> List[Dict[str, Any]]:
    deadline = time.monotonic() + timeout
    events: List[Dict[str, Any]] = []
    while time.monotonic() < deadline:
        if database.exists():
            events = user_events(database, sender_id)
            if len(events) >= count:
                return events
        time.sleep(0.1)
    raise AssertionError(f"{count} user events expected for {sender_id}, found {len(events)}")


def intent_of(event: Dict[str, Any]) -> Optional[str]:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def stored_events(database: Path, sender_id: str) -> List[Dict[str, Any]]:
    """Every stored event of one conversation, oldest first."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender_id,)).fetchall()
    return [json.loads(row[0]) for row in rows]


def stored_teacher_data(database: Path, sender_id: str) -> str:
    """Everything stored for one conversation except the assistant's own
    messages (which never repeat what the teacher typed), lowercased: where
    personal data must not be."""
    events = [event for event in stored_events(database, sender_id) if event.get("event") != "bot"]
    return json.dumps(events, ensure_ascii=False).lower()
