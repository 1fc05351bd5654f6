"""Slack as a Rasa 3.6 custom channel (Events API + interactivity).

credentials.yml::

    bot.channels.slack.SlackChannel:
      bot_token: "${SLACK_BOT_TOKEN}"
      signing_secret: "${SLACK_SIGNING_SECRET}"
      channel: "${SLACK_CHANNEL}"        # optional
      api_url: "${SLACK_API_URL}"        # optional, default https://slack.com/api

Without a bot token and signing secret the channel is off: the server starts
and ``/webhooks/slack/webhook`` answers 404.

Behaviour: every request's signature is checked; Slack's retries
(``X-Slack-Retry-Num``) are acknowledged without handling the event again. The
assistant answers direct messages, mentions, and every message in the
configured channel, always in the thread the teacher wrote in (in a direct
message: in the thread, or at top level when the teacher wrote at top level).
One thread is one conversation; its Rasa sender id is a keyed hash of team,
channel and thread (``bot.channels.user_ids``), so no Slack id is stored. Up to
five buttons are Block Kit buttons; more become a numbered list that the
teacher answers with the number.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Awaitable, Callable, Dict, List, Optional
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import slack_api
from bot import log_privacy, rasa_version
from bot.channels.message_guard import guard
from bot.channels.handling import deliver
from bot.channels.slack_teams_common import BackgroundTasks, setting
from bot.channels.user_ids import load_key, pseudonym

logger = logging.getLogger(__name__)

_REMEMBERED_CONVERSATIONS = 10_000
_REMEMBERED_MESSAGES = 10_000


class NumberedChoices:
    """Per conversation, the payloads of the last numbered list (in memory,
    bounded). The list is valid for the teacher's next message only."""

    def __init__(self, capacity: int = _REMEMBERED_CONVERSATIONS) -> None:
        self._capacity = capacity
        self._payloads: "OrderedDict[str, List[str]]" = OrderedDict()

    def remember(self, sender_id: str, payloads: List[str]) -> None:
        self._payloads[sender_id] = payloads
        self._payloads.move_to_end(sender_id)
        while len(self._payloads) > self._capacity:
            self._payloads.popitem(last=False)

    def resolve(self, sender_id: str, text: str) -> str:
        """The payload the number in ``text`` chooses, else ``text`` itself."""
        payloads = self._payloads.pop(sender_id, None)
        number = slack_api.chosen_number(text)
        if payloads and number is not None and 1 <= number <= len(payloads):
            return payloads[number - 1]
        return text


class _SeenMessages:
    """(channel, ts) of handled messages: a mention in the assistant's own
    channel arrives both as ``message`` and as ``app_mention``."""

    def __init__(self, capacity: int = _REMEMBERED_MESSAGES) -> None:
        self._capacity = capacity
        self._seen: "OrderedDict[tuple, None]" = OrderedDict()

    def first_time(self, key: tuple) -> bool:
        if key in self._seen:
            return False
        self._seen[key] = None
        while len(self._seen) > self._capacity:
            self._seen.popitem(last=False)
        return True


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    signing_secret: str
    channel: Optional[str]
    api_url: str


class SlackOutput(OutputChannel):
    """Posts the assistant's messages into one Slack thread."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    def __init__(
        self, api: slack_api.SlackWebApi, channel: str, thread_ts: Optional[str], choices: NumberedChoices
    ) -> None:
        self._api = api
        self._channel = channel
        self._thread_ts = thread_ts
        self._choices = choices

    async def _post(self, text: str, blocks: Optional[List[Dict[str, Any]]] = None, **extra: Any) -> None:
        message: Dict[str, Any] = {"channel": self._channel, "text": text, "unfurl_links": False, **extra}
        if self._thread_ts:
            message["thread_ts"] = self._thread_ts
        if blocks:
            message["blocks"] = blocks
        await self._api.post_message(message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post(slack_api.to_mrkdwn(text))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        if len(buttons) > slack_api.MAX_BLOCK_BUTTONS:
            payloads = [str(button.get("payload", button.get("title", ""))) for button in buttons]
            self._choices.remember(recipient_id, payloads)
            await self._post(slack_api.numbered_list(text, buttons))
        else:
            await self._post(slack_api.to_mrkdwn(text), blocks=slack_api.button_blocks(text, buttons))

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._post(image, blocks=[{"type": "image", "image_url": image, "alt_text": "afbeelding"}])

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self._post(slack_api.to_mrkdwn(str(attachment)))

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        """A custom message is Slack's own message JSON (text and/or blocks)."""
        fields = {key: value for key, value in json_message.items() if key not in ("channel", "thread_ts")}
        await self._post(str(fields.pop("text", "")), blocks=fields.pop("blocks", None), **fields)


class SlackChannel(InputChannel):
    """Slack Events API and interactivity on ``/webhooks/slack/webhook``."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "SlackChannel":
        rasa_version.check("bot.channels.slack.SlackChannel")
        bot_token = setting(credentials, "bot_token")
        signing_secret = setting(credentials, "signing_secret")
        if not bot_token or not signing_secret:
            logger.info("Slack-kanaal staat uit: SLACK_BOT_TOKEN en SLACK_SIGNING_SECRET zijn niet ingesteld.")
            return cls(None)
        return cls(SlackSettings(
            bot_token=bot_token,
            signing_secret=signing_secret,
            channel=setting(credentials, "channel"),
            api_url=setting(credentials, "api_url", slack_api.DEFAULT_API_URL) or slack_api.DEFAULT_API_URL,
        ))

    def __init__(self, settings: Optional[SlackSettings]) -> None:
        self.settings = settings
        self.choices = NumberedChoices()
        self._seen = _SeenMessages()
        self._tasks = BackgroundTasks("Slack")
        self._api = slack_api.SlackWebApi(settings.bot_token, settings.api_url) if settings else None
        self._key = load_key() if settings else b""
        if settings:
            log_privacy.install()
            logger.info("Slack-kanaal staat aan%s.", " (kanaal ingesteld)" if settings.channel else "")

    @property
    def active(self) -> bool:
        return self.settings is not None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = Blueprint("kernteamwijzer_slack", __name__)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.active else "off"})

        @slack.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.active:
                return response.json({"error": "Slack-kanaal staat uit"}, status=404)
            problem = slack_api.verify_request(
                self.settings.signing_secret,
                request.headers.get("X-Slack-Request-Timestamp"),
                request.headers.get("X-Slack-Signature"),
                request.body,
            )
            if problem:
                logger.warning("Slack-verzoek geweigerd: %s", problem)
                return response.json({"error": "ongeldige handtekening"}, status=401)
            if request.headers.get("X-Slack-Retry-Num"):
                # Slack retries when the first answer was slow; that one is
                # already being handled, so acknowledge without a second reply.
                return response.text("", status=200, headers={"X-Slack-No-Retry": "1"})
            if "application/x-www-form-urlencoded" in request.headers.get("Content-Type", ""):
                return self._interaction(request.body, on_new_message)
            try:
                envelope = json.loads(request.body or b"{}")
            except ValueError:
                return response.json({"error": "geen JSON"}, status=400)
            if envelope.get("type") == "url_verification":
                return response.json({"challenge": envelope.get("challenge", "")})
            if envelope.get("type") == "event_callback":
                self._event(envelope, on_new_message)
            return response.text("", status=200)

        @slack.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self._tasks.wait()
            if self._api is not None:
                await self._api.close()

        return slack

    def _event(self, envelope: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        event = envelope.get("event") or {}
        kind = event.get("type")
        if kind not in ("message", "app_mention"):
            return
        if event.get("subtype") or event.get("bot_id") or not event.get("user"):
            return  # edits, joins, bot messages (including our own)
        channel, ts = event.get("channel"), event.get("ts")
        if not channel or not ts:
            return
        direct = event.get("channel_type") == "im" or channel.startswith("D")
        if kind == "message" and not direct and channel != self.settings.channel:
            return  # elsewhere the assistant only answers when mentioned
        if not self._seen.first_time((channel, ts)):
            return
        thread_ts = event.get("thread_ts") or (None if direct else ts)
        team = str(envelope.get("team_id") or event.get("team") or "")
        self._handle(on_new_message, team, channel, thread_ts, str(event.get("text") or ""))

    def _interaction(
        self, body: bytes, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(parse_qs(body.decode("utf-8")).get("payload", ["{}"])[0])
        except ValueError:
            return response.json({"error": "ongeldige payload"}, status=400)
        actions = payload.get("actions") or []
        channel = (payload.get("channel") or {}).get("id")
        if payload.get("type") != "block_actions" or not actions or not channel:
            return response.text("", status=200)
        message = payload.get("message") or {}
        container = payload.get("container") or {}
        direct = channel.startswith("D")
        thread_ts = message.get("thread_ts") or container.get("thread_ts") or (None if direct else message.get("ts"))
        team = str((payload.get("team") or {}).get("id") or (payload.get("user") or {}).get("team_id") or "")
        value = str(actions[0].get("value") or "")
        if value:
            self._handle(on_new_message, team, channel, thread_ts, value, is_payload=True)
        return response.text("", status=200)

    def _handle(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        team: str,
        channel: str,
        thread_ts: Optional[str],
        text: str,
        is_payload: bool = False,
    ) -> None:
        sender_id = pseudonym(self._key, "slack", team, channel, thread_ts or "")
        guarded = guard(text if is_payload else slack_api.strip_mentions(text))
        # A number answers an open numbered list; any other message (or a
        # click) closes it.
        chosen = self.choices.resolve(sender_id, guarded.text)
        if not is_payload and chosen != guarded.text:
            guarded = replace(guarded, text=chosen)
        output = SlackOutput(self._api, channel, thread_ts, self.choices)
        self._tasks.spawn(deliver(on_new_message, output, sender_id, text, self.name(), guarded=guarded))

    def get_output_channel(self) -> Optional[OutputChannel]:
        return None  # replies need the thread; there is no channel-wide output
