"""Microsoft Teams (Bot Framework) as a Rasa 3.6 custom channel.

Replaces Rasa's ``botframework`` connector, which only gets tokens for
multi-tenant bots, sends buttons Teams cannot click (RasaHQ/rasa#8164), checks
neither issuer nor serviceUrl, blocks the event loop with synchronous HTTP and
ignores ``conversationUpdate``.

credentials.yml::

    bot.channels.teams.TeamsChannel:
      app_id: "${TEAMS_APP_ID}"
      app_password: "${TEAMS_APP_PASSWORD}"
      tenant_id: "${TEAMS_TENANT_ID}"            # empty: multi-tenant bot
      openid_metadata_url: "${TEAMS_OPENID_METADATA_URL}"   # optional
      login_url: "${TEAMS_LOGIN_URL}"                       # optional

Without app id and password the channel is off (``/webhooks/teams/webhook``
answers 404) and the server starts normally.

The Rasa sender id is a keyed hash of the Teams conversation and user ids
(``bot.channels.user_ids``); the ids needed to reply live only in memory while
the reply is sent, never in the tracker.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional
from urllib.parse import quote

import aiohttp
from yarl import URL
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import teams_auth
from bot import log_privacy, rasa_version
from bot.channels.handling import deliver
from bot.channels.slack_teams_common import BackgroundTasks, setting
from bot.channels.user_ids import load_key, pseudonym

logger = logging.getLogger(__name__)

DEFAULT_GREETING_PAYLOAD = "/greet"
_AT_MENTION = re.compile(r"<at(?:\s[^>]*)?>.*?</at>", re.IGNORECASE | re.DOTALL)


def strip_at_mentions(text: str) -> str:
    """Removes ``<at>Kernteamwijzer</at>`` (and any other mention) from the text."""
    return " ".join(_AT_MENTION.sub(" ", text).split())


def incoming_text(activity: Dict[str, Any]) -> str:
    """A clicked messageBack button carries its payload in ``value``; an imBack
    button or a typed message in ``text``."""
    value = activity.get("value")
    if isinstance(value, dict) and isinstance(value.get("payload"), str) and value["payload"]:
        return value["payload"]
    return strip_at_mentions(str(activity.get("text") or ""))


def hero_card(text: str, buttons: List[Dict[str, Any]]) -> Dict[str, Any]:
    """A hero card whose buttons Teams can click: ``messageBack`` shows the
    title in the chat and sends the payload back in ``value``."""
    actions = []
    for button in buttons:
        title = str(button.get("title", ""))
        if button.get("type") == "web_url" or button.get("url"):
            actions.append({"type": "openUrl", "title": title, "value": button.get("url") or button.get("payload")})
            continue
        payload = str(button.get("payload", title))
        actions.append({
            "type": "messageBack", "title": title, "displayText": title, "text": payload,
            "value": {"payload": payload},
        })
    return {"contentType": "application/vnd.microsoft.card.hero", "content": {"text": text, "buttons": actions}}


@dataclass(frozen=True)
class TeamsSettings:
    app_id: str
    app_password: str
    tenant_id: Optional[str]
    openid_metadata_url: str
    login_url: str
    greeting_payload: str


class BotConnector:
    """Sends activities to a conversation through the Bot Connector service."""

    def __init__(self, tokens: teams_auth.BotTokenProvider) -> None:
        self._tokens = tokens
        self._session: Optional[aiohttp.ClientSession] = None

    async def send(self, service_url: str, conversation_id: str, activity: Dict[str, Any],
                   reply_to_id: Optional[str] = None) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
        token = await self._tokens.token(self._session)
        url = f"{service_url.rstrip('/')}/v3/conversations/{quote(conversation_id, safe='')}/activities"
        if reply_to_id:
            url += f"/{quote(reply_to_id, safe='')}"
        # encoded=True: send the percent-encoded conversation id exactly as quoted
        async with self._session.post(URL(url, encoded=True), json=activity,
                                      headers={"Authorization": f"Bearer {token}"}) as answer:
            if answer.status >= 300:
                logger.error("Teams: antwoord versturen mislukt (HTTP %s)", answer.status)

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


class TeamsOutput(OutputChannel):
    """Replies in the Teams conversation an activity came from."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    def __init__(self, connector: BotConnector, activity: Dict[str, Any], reply: bool = True) -> None:
        self._connector = connector
        self._service_url = str(activity["serviceUrl"])
        self._conversation = dict(activity.get("conversation") or {})
        self._bot = dict(activity.get("recipient") or {})
        self._user = dict(activity.get("from") or {})
        self._reply_to_id = activity.get("id") if reply else None

    async def _send(self, **fields: Any) -> None:
        activity = {
            "type": "message",
            "from": self._bot,
            "recipient": self._user,
            "conversation": self._conversation,
            **fields,
        }
        if self._reply_to_id:
            activity["replyToId"] = self._reply_to_id
        await self._connector.send(self._service_url, str(self._conversation.get("id")), activity, self._reply_to_id)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(text=text, textFormat="markdown")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._send(attachments=[hero_card(text, buttons)], textFormat="markdown")

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._send(attachments=[{"contentType": "image/png", "contentUrl": image}])

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        if isinstance(attachment, dict) and "contentType" in attachment:
            await self._send(attachments=[attachment])
        else:
            await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        """A custom message is a Bot Framework activity fragment (text, attachments, …)."""
        fields = {key: value for key, value in json_message.items()
                  if key not in ("from", "recipient", "conversation", "replyToId")}
        await self._send(**fields)


class TeamsChannel(InputChannel):
    """Bot Framework messaging endpoint on ``/webhooks/teams/webhook``."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "TeamsChannel":
        rasa_version.check("bot.channels.teams.TeamsChannel")
        app_id = setting(credentials, "app_id")
        app_password = setting(credentials, "app_password")
        if not app_id or not app_password:
            logger.info("Teams-kanaal staat uit: TEAMS_APP_ID en TEAMS_APP_PASSWORD zijn niet ingesteld.")
            return cls(None)
        return cls(TeamsSettings(
            app_id=app_id,
            app_password=app_password,
            tenant_id=setting(credentials, "tenant_id"),
            openid_metadata_url=setting(credentials, "openid_metadata_url", teams_auth.DEFAULT_OPENID_METADATA_URL)
            or teams_auth.DEFAULT_OPENID_METADATA_URL,
            login_url=setting(credentials, "login_url", teams_auth.DEFAULT_LOGIN_URL) or teams_auth.DEFAULT_LOGIN_URL,
            greeting_payload=setting(credentials, "greeting_payload", DEFAULT_GREETING_PAYLOAD)
            or DEFAULT_GREETING_PAYLOAD,
        ))

    def __init__(self, settings: Optional[TeamsSettings]) -> None:
        self.settings = settings
        self._tasks = BackgroundTasks("Teams")
        self._key = load_key() if settings else b""
        if settings:
            self._validator = teams_auth.ChannelTokenValidator(
                settings.app_id, teams_auth.OpenIdKeys(settings.openid_metadata_url))
            self._connector = BotConnector(teams_auth.BotTokenProvider(
                settings.app_id, settings.app_password, settings.tenant_id, settings.login_url))
            log_privacy.install()
            logger.info("Teams-kanaal staat aan (%s).",
                        "single-tenant" if settings.tenant_id else "multi-tenant")

    @property
    def active(self) -> bool:
        return self.settings is not None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        teams = Blueprint("kernteamwijzer_teams", __name__)

        @teams.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.active else "off"})

        @teams.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.active:
                return response.json({"error": "Teams-kanaal staat uit"}, status=404)
            try:
                activity = json.loads(request.body or b"")
            except ValueError:
                activity = None
            if not isinstance(activity, dict):
                return response.json({"error": "geen activity"}, status=400)
            try:
                await self._validator.validate(request.headers.get("Authorization"), activity)
            except teams_auth.AuthenticationError as error:
                logger.warning("Teams-verzoek geweigerd: %s", error)
                return response.json({"error": "niet geautoriseerd"}, status=401)
            except teams_auth.KeysUnavailable as error:
                logger.error("Teams: Bot Framework-sleutels niet op te halen (%s)", error)
                return response.json({"error": "sleutels niet beschikbaar"}, status=503)
            self._activity(activity, on_new_message)
            return response.text("", status=200)

        @teams.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self._tasks.wait()
            if self.active:
                await self._connector.close()

        return teams

    def _sender_id(self, activity: Dict[str, Any]) -> str:
        conversation = str((activity.get("conversation") or {}).get("id") or "")
        user = str((activity.get("from") or {}).get("id") or "")
        return pseudonym(self._key, "teams", conversation, user)

    def _activity(self, activity: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        kind = activity.get("type")
        if kind == "message":
            self._handle(on_new_message, activity, incoming_text(activity), reply=True)
        elif kind == "conversationUpdate":
            bot_id = (activity.get("recipient") or {}).get("id")
            added = [member.get("id") for member in activity.get("membersAdded") or []]
            if bot_id and bot_id in added:
                self._handle(on_new_message, activity, self.settings.greeting_payload, reply=False)

    def _handle(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], activity: Dict[str, Any],
                text: str, reply: bool) -> None:
        output = TeamsOutput(self._connector, activity, reply=reply)
        self._tasks.spawn(deliver(on_new_message, output, self._sender_id(activity), text, self.name()))

    def get_output_channel(self) -> Optional[OutputChannel]:
        return None  # replies need the conversation of an incoming activity
