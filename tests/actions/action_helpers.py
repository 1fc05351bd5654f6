"""Helpers for the action tests: run an action, then read what it said and which
events it returned. Imported by the test modules (``from action_helpers import ...``)."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Dict, Iterable, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

_NOT_SET = object()


def entity(name: str, value: str, text: Optional[str] = None) -> Dict[str, Any]:
    """An NLU entity as Rasa puts it in ``latest_message['entities']``."""
    return {"entity": name, "value": value, "text": text or value, "start": 0, "end": len(text or value)}


def run_action(action: Any, tracker: Tracker, domain: Dict[str, Any]):
    """Runs a plain (sync) or a form validation (async) action.

    Returns ``(dispatcher, events)``.
    """
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, domain)
    if inspect.isawaitable(result):
        result = asyncio.run(result)
    return dispatcher, list(result or [])


# --- what the assistant says -------------------------------------------------------

def texts(dispatcher: CollectingDispatcher) -> List[str]:
    """Every text message sent, in order."""
    return [message.get("text") or "" for message in dispatcher.messages]


def all_text(dispatcher: CollectingDispatcher) -> str:
    """Everything said, as one string (for 'contains' checks)."""
    return "\n".join(texts(dispatcher))


def payloads(dispatcher: CollectingDispatcher) -> List[str]:
    """Every button payload sent, in order."""
    return [button.get("payload") for message in dispatcher.messages for button in (message.get("buttons") or [])]


# --- which events are returned ----------------------------------------------------

def slot_events(events: Iterable[Dict[str, Any]]) -> Dict[str, Any]:
    """SlotSet events as {slot: value} (a later SlotSet of the same slot wins)."""
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def slot_value(events: Iterable[Dict[str, Any]], slot: str, default: Any = _NOT_SET) -> Any:
    """The value an action sets ``slot`` to; fails the test when it is not set."""
    found = slot_events(events)
    if slot not in found:
        if default is not _NOT_SET:
            return default
        pytest.fail(f"slot '{slot}' was not set; set: {sorted(found)}")
    return found[slot]


def event_types(events: Iterable[Dict[str, Any]]) -> List[str]:
    return [event.get("event") for event in events]


def active_loop_events(events: Iterable[Dict[str, Any]]) -> List[Any]:
    """The loop names of ActiveLoop events (None = the form is ended)."""
    return [event.get("name") for event in events if event.get("event") == "active_loop"]
