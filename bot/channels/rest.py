"""The REST channel with input checks (``credentials.yml``: ``bot.channels.rest.GuardedRestInput``).

Same URL and reply format as Rasa's ``rest`` channel
(``POST /webhooks/rest/webhook`` with ``{"sender": "...", "message": "..."}``),
but:

- a request that is not a JSON object with a string ``sender`` (1–128
  characters) and a string ``message`` gets HTTP 400 with a Dutch explanation;
  there is no shared ``default`` conversation;
- the message is handled by :func:`bot.channels.handling.deliver`, like in every
  channel: control characters, empty messages and the length limit (with the
  acute-danger check on the whole text), no message text in any log, never an
  empty answer, and the once-per-conversation notice that personal data is not
  needed and was not kept.

Streaming (``?stream=true``) is not offered.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import log_privacy, rasa_version
from bot.channels.handling import deliver, dutch
from bot.channels.message_guard import clean_text

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128


class BadRequest(ValueError):
    """A request the channel cannot handle; the message says why, in Dutch."""


def parse_request(body: bytes) -> tuple[str, str, Optional[Dict[str, Any]]]:
    """(sender, message, metadata) from a request body, or :class:`BadRequest`."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("de inhoud is geen geldige JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("de inhoud moet een JSON-object zijn")
    sender, message = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not clean_text(sender):
        raise BadRequest("'sender' ontbreekt of is geen tekst")
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f"'sender' is langer dan {MAX_SENDER_CHARS} tekens")
    if not isinstance(message, str):
        raise BadRequest("'message' ontbreekt of is geen tekst")
    metadata = data.get("metadata")
    return clean_text(sender), message, metadata if isinstance(metadata, dict) else None


class GuardedRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def __init__(self) -> None:
        rasa_version.check("bot.channels.rest.GuardedRestInput")
        log_privacy.install()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_request(request.body)
            except BadRequest as problem:
                return response.json({"error": dutch("channel_bad_request", problem=str(problem))}, status=400)
            collector = CollectingOutputChannel()
            await deliver(on_new_message, collector, sender, text, self.name(), metadata=metadata)
            return response.json(collector.messages)

        return webhook
