"""Sends the messages of ``actions/messages.yml`` (the frame around knowledge
content), filling in their {placeholders}."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk.executor import CollectingDispatcher

from bot.paths import PROJECT_ROOT
from bot.usage.record import MESSAGE_NAME_KEY

MESSAGES_FILE = Path(__file__).with_name("messages.yml")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
HELP_MENU_RESPONSE = "utter_help_menu"


class MessageError(KeyError):
    pass


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, Any]]:
    """Message name -> its first variant (text, buttons, menu)."""
    data = yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8")) or {}
    return {name: variants[0] for name, variants in (data.get("messages") or {}).items()}


@lru_cache(maxsize=1)
def help_menu_buttons() -> list[dict[str, str]]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return list(domain["responses"][HELP_MENU_RESPONSE][0].get("buttons") or [])


def render(name: str, extra_buttons: list[dict[str, str]] | None = None, **values: Any) -> tuple[str, list[dict[str, str]]]:
    """Text and buttons of a message; ``extra_buttons`` (built from knowledge/, such
    as the places the assistant knows) come before the message's own buttons."""
    try:
        message = catalogue()[name]
    except KeyError as missing:
        raise MessageError(f"{MESSAGES_FILE.name}: no message '{name}'") from missing
    missing = [key for key in PLACEHOLDER.findall(message["text"]) if key not in values]
    if missing:
        raise MessageError(f"{MESSAGES_FILE.name}: {name}: no value for {{{missing[0]}}}")
    text = _fill(message["text"], values)
    # Button payloads may hold JSON ({"gemeente": "haarlem"}); only {name}
    # placeholders with a given value are filled in.
    buttons = list(extra_buttons or [])
    buttons += [{**button, "payload": _fill(button["payload"], values)} for button in message.get("buttons") or []]
    if message.get("menu"):
        buttons += help_menu_buttons()
    return text, buttons


def _fill(template: str, values: dict[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def say(dispatcher: CollectingDispatcher, name: str, extra_buttons: list[dict[str, str]] | None = None,
        **values: Any) -> None:
    text, buttons = render(name, extra_buttons, **values)
    # The message name travels as metadata of the bot event (never shown): the
    # anonymous usage figures count answers that name people by it.
    dispatcher.utter_message(text=text, buttons=buttons or None, **{MESSAGE_NAME_KEY: name})
