"""Intranet web chat: a Rasa input channel that serves its own Dutch chat page.

Why not Rasa's ``socketio`` channel: with python-socketio 5.x Rasa 3.6 calls
``AsyncServer.enter_room`` (a coroutine since 5.x) without awaiting it, so with
``session_persistence: true`` a real client never gets a reply; and socket.io
lets the browser choose its own session id, so anyone who knows an id can join
that conversation. This channel uses plain HTTP instead, which also passes
through every school proxy:

* ``GET  /webhooks/webchat/``                the chat page (``webchat_static/index.html``)
* ``GET  /webhooks/webchat/static/<file>``   its script and style sheet
* ``POST /webhooks/webchat/session``         a new conversation: ``{"session": "<token>"}``
* ``POST /webhooks/webchat/message``         ``{"session": "<token>", "message": "..."}``
  answers ``{"messages": [{"text": ..., "buttons": [{"title", "payload"}]}]}``

The server alone chooses conversation ids: a random id, signed with HMAC-SHA256
(key from ``KERNTEAMWIJZER_WEBCHAT_SECRET`` or ``.cache/webchat-secret``,
generated on first use) together with the time it was issued. A token the
server did not sign, or one older than ``session_max_age_hours``, is refused
with 403 and the page starts a new conversation.

Only the configured origins (``allowed_origins`` in ``credentials.yml``,
overridden by ``KERNTEAMWIJZER_WEBCHAT_ORIGINS``, comma-separated) may post: any
other or missing ``Origin`` gets 403. The same list is sent as CORS headers and
as the page's ``frame-ancestors``, so only those sites can embed the page::

    <iframe src="https://kernteamwijzer.example.nl/webhooks/webchat/"
            title="Kernteamwijzer" style="width:100%;max-width:28rem;height:40rem;border:0"></iframe>

Messages are handled like in every channel (:func:`bot.channels.handling.deliver`):
an empty message gets the help menu, a message over the length limit a kind
request for a shorter question (after 112 and Veilig Thuis when the long text
signals acute danger), and the text never reaches a log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import log_privacy, rasa_version
from bot.channels.handling import deliver
from bot.paths import cache_dir

logger = logging.getLogger(__name__)

ORIGINS_ENV = "KERNTEAMWIJZER_WEBCHAT_ORIGINS"
SECRET_ENV = "KERNTEAMWIJZER_WEBCHAT_SECRET"
SECRET_FILE_NAME = "webchat-secret"
DEFAULT_ORIGINS = ("http://localhost:5005",)
DEFAULT_SESSION_MAX_AGE_HOURS = 12.0
STATIC_DIR = Path(__file__).resolve().parent / "webchat_static"
STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
_TOKEN_VERSION = "v1"
# Why a request is refused: the code the page's script reads, and a Dutch explanation.
ERRORS = {
    "origin_not_allowed": "Dit verzoek kan ik niet verwerken: deze chat is vanaf dit adres niet te gebruiken.",
    "unknown_session": "Dit verzoek kan ik niet verwerken: dit gesprek is niet (meer) geldig. Begin een nieuw gesprek.",
    "json_expected": "Dit verzoek kan ik niet verwerken: stuur een JSON-object zoals "
                     '{"session": "<het gesprek>", "message": "je vraag"}.',
    "message_expected": "Dit verzoek kan ik niet verwerken: 'message' ontbreekt of is geen tekst.",
}
# sanic-cors (configured app-wide by ``rasa run --cors``) skips responses whose
# request carries this flag; this channel sets its own CORS headers.
_SANIC_CORS_EVALUATED = "_sanic_cors_e"


# --- configuration -----------------------------------------------------------------

def parse_origins(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"https://a.nl, https://b.nl/"`` -> ``("https://a.nl", "https://b.nl")``."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    origins = []
    for item in items:
        origin = str(item).strip().rstrip("/")
        if not origin:
            continue
        if origin == "*" or "://" not in origin:
            raise ValueError(f"webchat: origin {origin!r} must be scheme://host[:port], not a wildcard")
        origins.append(origin.lower())
    return tuple(dict.fromkeys(origins))


def load_secret(environ: Dict[str, str] | None = None) -> bytes:
    """The session-signing key: from the environment, else ``.cache/webchat-secret``
    (created, owner-readable only, when absent)."""
    environ = os.environ if environ is None else environ
    if environ.get(SECRET_ENV):
        return environ[SECRET_ENV].encode("utf-8")
    path = cache_dir() / SECRET_FILE_NAME
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


# --- session tokens -----------------------------------------------------------------

@dataclass(frozen=True)
class SessionTokens:
    """Issues and checks ``v1.<random id>.<issued>.<hmac>`` conversation tokens."""

    key: bytes
    max_age_seconds: float

    def _mac(self, body: str) -> str:
        digest = hmac.new(self.key, body.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    def issue(self, now: float | None = None) -> str:
        issued = int(time.time() if now is None else now)
        body = f"{_TOKEN_VERSION}.{secrets.token_urlsafe(18)}.{issued}"
        return f"{body}.{self._mac(body)}"

    def sender_id(self, token: Any, now: float | None = None) -> Optional[str]:
        """The conversation id of a valid token; None when it was not issued here,
        was altered or has expired."""
        if not isinstance(token, str) or len(token) > 200:
            return None
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != _TOKEN_VERSION:
            return None
        _, session_id, issued, mac = parts
        try:
            body = f"{_TOKEN_VERSION}.{session_id}.{issued}"
            body.encode("ascii")
        except UnicodeEncodeError:
            return None
        if not hmac.compare_digest(self._mac(body), mac):
            return None
        if not issued.isdigit():
            return None
        age = (time.time() if now is None else now) - int(issued)
        if age < -60 or age > self.max_age_seconds:
            return None
        return session_id


# --- messages -----------------------------------------------------------------------

def page_messages(collected: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rasa's collected output as the page renders it: text, buttons, links."""
    messages: List[Dict[str, Any]] = []
    for message in collected:
        item: Dict[str, Any] = {}
        if isinstance(message.get("text"), str) and message["text"].strip():
            item["text"] = message["text"]
        buttons = []
        for button in message.get("buttons") or []:
            title = str(button.get("title", "")).strip()
            if not title:
                continue
            url = button.get("url")
            if isinstance(url, str) and url.startswith(("https://", "http://")):
                buttons.append({"title": title, "url": url})
            else:
                buttons.append({"title": title, "payload": str(button.get("payload", title))})
        if buttons:
            item["buttons"] = buttons
        image = message.get("image")
        if isinstance(image, str) and image.startswith(("https://", "http://")):
            item["image"] = image
        if item:
            messages.append(item)
    return messages


# --- the channel --------------------------------------------------------------------

class WebChatInput(InputChannel):
    """The intranet web chat (see the module docstring)."""

    @classmethod
    def name(cls) -> Text:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        origins = parse_origins(os.environ.get(ORIGINS_ENV) or credentials.get("allowed_origins")) or DEFAULT_ORIGINS
        hours = float(credentials.get("session_max_age_hours") or DEFAULT_SESSION_MAX_AGE_HOURS)
        return cls(allowed_origins=origins, secret=load_secret(), session_max_age_hours=hours)

    def __init__(self, allowed_origins: Iterable[str] = DEFAULT_ORIGINS, secret: bytes | None = None,
                 session_max_age_hours: float = DEFAULT_SESSION_MAX_AGE_HOURS) -> None:
        rasa_version.check("bot.channels.webchat.WebChatInput")
        log_privacy.install()
        self.allowed_origins = parse_origins(allowed_origins)
        self.tokens = SessionTokens(secret or load_secret(), session_max_age_hours * 3600)
        logger.info("webchat: page at /webhooks/webchat/, allowed origins: %s", ", ".join(self.allowed_origins))

    # -- headers --

    def _origin_allowed(self, request: Request) -> bool:
        origin = request.headers.get("origin", "").strip().rstrip("/").lower()
        return bool(origin) and origin in self.allowed_origins

    def _cors(self, request: Request, result: HTTPResponse) -> HTTPResponse:
        setattr(request.ctx, _SANIC_CORS_EVALUATED, "1")
        result.headers["Vary"] = "Origin"
        result.headers["Cache-Control"] = "no-store"
        if self._origin_allowed(request):
            result.headers["Access-Control-Allow-Origin"] = request.headers["origin"]
            result.headers["Access-Control-Allow-Methods"] = "POST, OPTIONS"
            result.headers["Access-Control-Allow-Headers"] = "Content-Type"
            result.headers["Access-Control-Max-Age"] = "600"
        return result

    def _error(self, request: Request, status: int, code: str) -> HTTPResponse:
        """A refusal: a code for the page's script and a Dutch explanation."""
        return self._cors(request, response.json({"error": code, "detail": ERRORS[code]}, status=status))

    def _preflight_or_refusal(self, request: Request) -> Optional[HTTPResponse]:
        """The answer to a CORS preflight or to a foreign origin; None to go on."""
        if request.method == "OPTIONS":
            return self._cors(request, response.empty())
        if not self._origin_allowed(request):
            return self._error(request, 403, "origin_not_allowed")
        return None

    def _page_headers(self) -> Dict[str, str]:
        ancestors = " ".join(("'self'", *self.allowed_origins))
        return {
            "Content-Security-Policy": (
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
                f"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache",
        }

    def _static(self, request: Request, name: str) -> HTTPResponse:
        path = (STATIC_DIR / name).resolve()
        kind = STATIC_TYPES.get(path.suffix)
        if kind is None or path.parent != STATIC_DIR or not path.is_file():
            return response.text("niet gevonden", status=404)
        result = response.raw(path.read_bytes(), content_type=kind, headers=self._page_headers())
        setattr(request.ctx, _SANIC_CORS_EVALUATED, "1")
        return result

    # -- routes --

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint("kernteamwijzer_webchat", __name__)

        @webchat.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):
                # the page loads its files relative to .../webchat/
                return response.redirect(request.path + "/", status=301)
            return self._static(request, "index.html")

        @webchat.route("/static/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            return self._static(request, name)

        @webchat.route("/session", methods=["POST", "OPTIONS"])
        async def new_session(request: Request) -> HTTPResponse:
            refusal = self._preflight_or_refusal(request)
            if refusal is not None:
                return refusal
            return self._cors(request, response.json({"session": self.tokens.issue()}))

        @webchat.route("/message", methods=["POST", "OPTIONS"])
        async def message(request: Request) -> HTTPResponse:
            refusal = self._preflight_or_refusal(request)
            if refusal is not None:
                return refusal
            try:
                body = request.json
            except Exception:  # sanic raises InvalidUsage on malformed JSON
                body = None
            if not isinstance(body, dict):
                return self._error(request, 400, "json_expected")
            sender_id = self.tokens.sender_id(body.get("session"))
            if sender_id is None:
                return self._error(request, 403, "unknown_session")
            text = body.get("message")
            if not isinstance(text, str):
                return self._error(request, 400, "message_expected")
            collector = CollectingOutputChannel()
            await deliver(on_new_message, collector, sender_id, text, self.name())
            return self._cors(request, response.json({"messages": page_messages(collector.messages)}))

        return webchat
