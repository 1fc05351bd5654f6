"""Slack request signing, the Web API call the channel needs, and formatting.

Signing follows Slack's "Verifying requests from Slack": the signature is
``v0=`` + HMAC-SHA256(signing secret, ``v0:<timestamp>:<raw body>``) and the
timestamp must be within five minutes of now (replay protection).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from typing import Any, Dict, List, Optional

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api"
MAX_TIMESTAMP_AGE_SECONDS = 5 * 60
MAX_BLOCK_BUTTONS = 5
_SECTION_LIMIT = 3000
_BUTTON_TITLE_LIMIT = 75
_BUTTON_VALUE_LIMIT = 2000

_MENTION = re.compile(r"<@[UWB][A-Z0-9]+(?:\|[^>]*)?>")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_CHOICE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


def signature(signing_secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(signing_secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def verify_request(
    signing_secret: str,
    timestamp: Optional[str],
    given_signature: Optional[str],
    body: bytes,
    now: Optional[float] = None,
) -> Optional[str]:
    """None when the request is Slack's; otherwise the reason it is not."""
    if not timestamp or not given_signature:
        return "handtekening of tijdstempel ontbreekt"
    try:
        sent_at = int(timestamp)
    except ValueError:
        return "ongeldige tijdstempel"
    if abs((time.time() if now is None else now) - sent_at) > MAX_TIMESTAMP_AGE_SECONDS:
        return "tijdstempel ouder dan 5 minuten"
    if not hmac.compare_digest(signature(signing_secret, timestamp, body), given_signature):
        return "handtekening klopt niet"
    return None


def strip_mentions(text: str) -> str:
    """Removes user and bot mentions (``<@U123>``): they only address the bot,
    and a colleague's mention is a Slack user id we do not want to store."""
    return " ".join(_MENTION.sub(" ", text).split())


def chosen_number(text: str) -> Optional[int]:
    """The number a teacher answers to a numbered list ("2", " 2.", "2)")."""
    match = _CHOICE.match(text)
    return int(match.group(1)) if match else None


def to_mrkdwn(text: str) -> str:
    """The assistant's Markdown as Slack mrkdwn: escaped &, <, >; **bold** as
    *bold*; [text](url) as <url|text>."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _BOLD.sub(r"*\1*", escaped)
    return _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", escaped)


def numbered_list(text: str, buttons: List[Dict[str, Any]]) -> str:
    lines = [to_mrkdwn(text), "", "_Antwoord met een nummer:_"]
    lines += [f"{number}. {to_mrkdwn(str(button.get('title', '')))}" for number, button in enumerate(buttons, 1)]
    return "\n".join(lines)


def button_blocks(text: str, buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Section(s) with the text and one actions block; a click sends the
    button's payload back as the action's value."""
    formatted = to_mrkdwn(text)
    blocks: List[Dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": formatted[start:start + _SECTION_LIMIT]}}
        for start in range(0, len(formatted), _SECTION_LIMIT)
    ]
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": str(button.get("title", ""))[:_BUTTON_TITLE_LIMIT], "emoji": True},
            "value": str(button.get("payload", button.get("title", "")))[:_BUTTON_VALUE_LIMIT],
            "action_id": f"kernteamwijzer_button_{number}",
        }
        for number, button in enumerate(buttons, 1)
    ]
    blocks.append({"type": "actions", "elements": elements})
    return blocks


class SlackWebApi:
    """The one Web API method the channel uses, over aiohttp."""

    def __init__(self, bot_token: str, api_url: str = DEFAULT_API_URL, timeout_seconds: float = 10) -> None:
        self._bot_token = bot_token
        self._api_url = api_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: Optional[aiohttp.ClientSession] = None

    async def post_message(self, message: Dict[str, Any]) -> bool:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        async with self._session.post(
            f"{self._api_url}/chat.postMessage",
            json=message,
            headers={"Authorization": f"Bearer {self._bot_token}"},
        ) as answer:
            result = await answer.json(content_type=None)
        if answer.status != 200 or not result.get("ok"):
            logger.error("Slack chat.postMessage mislukt: HTTP %s, %s", answer.status, result.get("error"))
            return False
        return True

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
