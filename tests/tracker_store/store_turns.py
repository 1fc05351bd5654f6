"""Building blocks for the tracker store tests: a small domain and turns as
Rasa's processor writes them (listen, user message, actions, bot messages)."""

from __future__ import annotations

import itertools
import time
from typing import Optional

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, worry_safety, inform, thanks]
slots:
  topic:
    type: categorical
    values: [veiligheid, verlof]
    mappings: [{type: custom}]
  gemeente:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
  danger_now:
    type: bool
    mappings: [{type: custom}]
forms:
  veiligheid_form:
    required_slots: [danger_now]
responses:
  utter_greet: [{text: "Hoi"}]
  utter_anything_else: [{text: "Kan ik nog iets doen?"}]
actions: [action_veiligheid]
"""
)

_clock = itertools.count()


def now() -> float:
    """Strictly increasing timestamps (Rasa orders a session by timestamp)."""
    return time.time() + next(_clock) * 1e-3


def user(text: str, intent: str = "worry_safety") -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 0.9},
                       parse_data={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []},
                       timestamp=now())


def turn(number: int, text: Optional[str] = None) -> list[Event]:
    """One turn; every third turn sets a slot, turn 2 starts the form."""
    events: list[Event] = [ActionExecuted("action_listen", timestamp=now()), user(text or f"vraag {number}")]
    if number == 2:
        events += [ActionExecuted("veiligheid_form", timestamp=now()), ActiveLoop("veiligheid_form", timestamp=now())]
    if number % 3 == 0:
        events.append(SlotSet("gemeente", f"plaats-{number}", timestamp=now()))
    if number == 4:
        events.append(SlotSet("topic", "veiligheid", timestamp=now()))
    events += [ActionExecuted("utter_anything_else", timestamp=now()),
               BotUttered(f"antwoord {number}", timestamp=now())]
    return events


def session_start() -> list[Event]:
    return [ActionExecuted("action_session_start", timestamp=now()), SessionStarted(timestamp=now())]
