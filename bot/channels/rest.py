"""The REST channel with input checks (``credentials.yml``: ``bot.channels.rest.GuardedRestInput``).

Same URL and reply format as Rasa's ``rest`` channel
(``POST /webhooks/rest/webhook`` with ``{"sender": "...", "message": "..."}``),
but:

- a request that is not a JSON object with a string ``sender`` (1–128
  characters) and a string ``message`` gets HTTP 400 with a Dutch explanation;
  there is no shared ``default`` conversation;
- the message passes :mod:`bot.channels.message_guard` (control characters,
  empty messages, the length limit with the acute-danger check on the whole text);
- the message text never reaches a log (:mod:`bot.log_privacy`), also when
  handling fails, and a well-formed request never gets an empty answer;
- the first time a message holds personal data, the teacher is told once that
  it is not needed and was not kept (:mod:`bot.channels.privacy_notice`).

Streaming (``?stream=true``) is not offered.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import rasa
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import log_privacy
from bot.channels.message_guard import clean_text, guard, max_message_chars
from bot.channels.privacy_notice import notice_for

logger = logging.getLogger(__name__)

SUPPORTED_RASA = "3.6."
MAX_SENDER_CHARS = 128


class BadRequest(ValueError):
    """A request the channel cannot handle; the message says why, in Dutch."""


def national_numbers() -> dict[str, str]:
    from bot.knowledge import load_knowledge

    national = load_knowledge().national
    return {"emergency_number": national.emergency_number, "veilig_thuis_phone": national.veilig_thuis_phone}


def dutch(name: str, **values: Any) -> str:
    from actions.messages import render

    return render(name, **values)[0]


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
        if not rasa.__version__.startswith(SUPPORTED_RASA):
            logger.warning("GuardedRestInput is written for Rasa %sx, not %s", SUPPORTED_RASA, rasa.__version__)
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
            with log_privacy.handling_message(text):
                replies = await self._handle(on_new_message, sender, text, metadata)
            return response.json(replies)

        return webhook

    async def _handle(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], sender: str, text: str,
                      metadata: Optional[Dict[str, Any]]) -> list[Dict[str, Any]]:
        guarded = guard(text)
        collector = CollectingOutputChannel()
        try:
            if guarded.text:
                await on_new_message(UserMessage(guarded.text, collector, sender,
                                                 input_channel=self.name(), metadata=metadata))
        except Exception as error:  # the text is never logged, only what went wrong
            logger.error("REST: bericht van een gesprek kon niet worden verwerkt (%s)", type(error).__name__)
            collector.messages.clear()
        replies = list(collector.messages)
        notice = notice_for(sender, text)
        if notice:
            replies.append({"recipient_id": sender, "text": notice})
        if guarded.too_long:
            replies.append({"recipient_id": sender, "text": dutch(
                "channel_message_too_long", length=guarded.original_length, limit=max_message_chars())})
        if not replies:
            replies.append({"recipient_id": sender,
                            "text": dutch("channel_something_went_wrong", **national_numbers())})
        return replies
