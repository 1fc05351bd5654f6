"""Shared fixtures for the action tests.

A test builds a tracker for one teacher message (``make_tracker``), runs an
action on it (``run_action`` from ``action_helpers``) and then checks what the
assistant says (``texts``, ``all_text``, ``payloads``) and which events it
returns (``slot_events``, ``slot_value``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """domain.yml as a dict (the shape the action server receives)."""
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def make_tracker(domain):
    """Factory for a ``rasa_sdk.Tracker`` holding one user message.

    Every slot of domain.yml (and Rasa's ``requested_slot``) is present, None
    unless given in ``slots``, so ``tracker.get_slot`` behaves as in a real
    conversation.
    """

    def make(
        text: str,
        intent: Optional[str],
        slots: Optional[Dict[str, Any]] = None,
        entities: Optional[List[Dict[str, Any]]] = None,
        active_loop: Optional[str] = None,
        events: Optional[List[Dict[str, Any]]] = None,
    ) -> Tracker:
        # Rasa adds ``requested_slot`` to every tracker; the domain does not list it.
        all_slots = {**{name: None for name in domain["slots"]}, "requested_slot": None}
        unknown = set(slots or {}) - set(all_slots)
        assert not unknown, f"test uses slots that domain.yml does not have: {unknown}"
        all_slots.update(slots or {})
        latest_message = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": list(entities or []),
        }
        return Tracker(
            sender_id="test-leerkracht",
            slots=all_slots,
            latest_message=latest_message,
            events=list(events or []),
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name="action_listen",
        )

    return make
