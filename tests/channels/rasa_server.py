"""The running assistant for the Slack and Teams tests, and local stand-ins
for the services those channels call (Slack's Web API; Microsoft's OpenID
keys, login and the Bot Connector ``serviceUrl``), all on loopback.

The assistant is started once for both suites by
``support.rasa_server.running_assistant`` with the Slack and Teams entries of
the project's own ``credentials.yml``, so the tests exercise the configuration
as shipped, filled in through environment variables."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import yaml
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from bot.paths import PROJECT_ROOT
from support.rasa_server import RunningAssistant, running_assistant

CHANNEL_ENTRIES = ("bot.channels.slack.SlackChannel", "bot.channels.teams.TeamsChannel")
TEST_USER_ID_KEY = "test-key-for-pseudonyms"


@dataclass
class Recorded:
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Responder = Callable[["StandIn", str, str], Any]


@dataclass
class StandIn:
    """An aiohttp server on 127.0.0.1 in its own thread that records every
    request and answers with ``respond(stand_in, method, path)`` as JSON."""

    respond: Responder
    requests: List[Recorded] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, request: web.Request) -> web.Response:
        raw_path = request.raw_path.split("?", 1)[0]  # as sent, percent-encoding included
        self.requests.append(Recorded(request.method, raw_path, dict(request.headers), await request.read()))
        answer = self.respond(self, request.method, raw_path)
        if answer is None:
            return web.json_response({"error": "not found"}, status=404)
        return web.json_response(answer)

    def received(self, method: str, path_prefix: str) -> List[Recorded]:
        return [r for r in list(self.requests) if r.method == method and r.path.startswith(path_prefix)]

    def wait_for(self, method: str, path_prefix: str, count: int, timeout: float = 30) -> List[Recorded]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.received(method, path_prefix)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        got = len(self.received(method, path_prefix))
        raise AssertionError(f"{count} × {method} {path_prefix} expected, got {got}")

    @contextmanager
    def running(self) -> Iterator["StandIn"]:
        loop = asyncio.new_event_loop()
        started = threading.Event()
        runner_box: Dict[str, web.AppRunner] = {}

        async def start() -> None:
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", self._handle)
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            runner_box["runner"] = runner
            started.set()

        thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
        thread.start()
        assert started.wait(10), "stand-in did not start"
        try:
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(runner_box["runner"].cleanup(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)


def shipped_channel_credentials() -> Dict[str, Any]:
    """The Slack and Teams entries of credentials.yml, as written there."""
    shipped = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8"))
    return {name: shipped[name] for name in CHANNEL_ENTRIES}


# What the stand-ins and the assistant are configured with.
SLACK_TOKEN = "xoxb-test-token"
SLACK_SECRET = "test-signing-secret"
SLACK_CHANNEL = "C0KERNTEAM"
TEAMS_APP_ID = "00000000-aaaa-bbbb-cccc-kernteamwijz"
TEAMS_TENANT = "11111111-2222-3333-4444-schooltenant"
TEAMS_KEY_ID = "test-key-1"
TEAMS_SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
TEAMS_ACCESS_TOKEN = "stand-in-access-token"


def slack_and_microsoft(stand_in: StandIn, method: str, path: str) -> Any:
    """Slack's Web API under /api; Microsoft's OpenID metadata and keys under
    /openid, its token endpoint under /login; a Teams serviceUrl under
    /teams-service."""
    if path.startswith("/api/"):
        return {"ok": True, "ts": f"{time.time():.6f}"}
    if path == "/openid/.well-known/openidconfiguration":
        return {"issuer": "https://api.botframework.com", "jwks_uri": f"{stand_in.url}/openid/keys"}
    if path == "/openid/keys":
        public = json.loads(RSAAlgorithm.to_jwk(TEAMS_SIGNING_KEY.public_key()))
        return {"keys": [{**public, "kid": TEAMS_KEY_ID, "use": "sig", "endorsements": ["msteams"]}]}
    if path.startswith("/login/") and path.endswith("/oauth2/v2.0/token"):
        return {"token_type": "Bearer", "expires_in": 3600, "access_token": TEAMS_ACCESS_TOKEN}
    if path.startswith("/teams-service/v3/conversations/"):
        return {"id": uuid.uuid4().hex}
    return None


_shared: Optional[Tuple[RunningAssistant, StandIn]] = None


def shared_channel_assistant(request: Any) -> Tuple[RunningAssistant, StandIn]:
    """One running assistant with Slack and Teams on (configured by the shipped
    credentials.yml entries through environment variables) and one stand-in
    for both, started by the first test that asks and stopped when the test
    session ends: the Slack and Teams suites share the start-up time."""
    global _shared
    if _shared is None:
        stack = ExitStack()
        try:
            stand_in = stack.enter_context(StandIn(slack_and_microsoft).running())
            folder = request.getfixturevalue("tmp_path_factory").mktemp("slack-teams")
            env = {
                "SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SLACK_SECRET,
                "SLACK_CHANNEL": SLACK_CHANNEL, "SLACK_API_URL": f"{stand_in.url}/api",
                "TEAMS_APP_ID": TEAMS_APP_ID, "TEAMS_APP_PASSWORD": "test-password", "TEAMS_TENANT_ID": TEAMS_TENANT,
                "TEAMS_OPENID_METADATA_URL": f"{stand_in.url}/openid/.well-known/openidconfiguration",
                "TEAMS_LOGIN_URL": f"{stand_in.url}/login",
                "KERNTEAMWIJZER_USER_ID_KEY": TEST_USER_ID_KEY,
            }
            assistant = stack.enter_context(
                running_assistant(folder, credentials=shipped_channel_credentials(), env=env))
        except BaseException:
            stack.close()
            raise
        request.config.add_cleanup(stack.close)
        _shared = (assistant, stand_in)
    return _shared


# A teacher's message full of personal data, and the pieces that must not be stored.
PERSONAL_MESSAGE = ("Het gaat om Daan Hoogendijk uit groep 4, BSN 123456782, moeder bereikbaar op 06-12345678 "
                    "of daan.hoogendijk@example.nl, woont Dorpsstraat 12")
PERSONAL_DATA = ("Daan", "Hoogendijk", "123456782", "06-12345678", "daan.hoogendijk@example.nl", "Dorpsstraat")


def database_text(database: Path) -> str:
    """Everything in the tracker database, as SQL text."""
    with sqlite3.connect(database) as connection:
        return "\n".join(connection.iterdump())


def user_events(database: Path, sender_id: str) -> List[Dict[str, Any]]:
    """The stored ``user`` events of one conversation, oldest first."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender_id,)
        ).fetchall()
    return [json.loads(row[0]) for row in rows]


def wait_for_user_events(database: Path, sender_id: str, count: int, timeout: float = 30) -> List[Dict[str, Any]]:
    deadline = time.monotonic() + timeout
    events: List[Dict[str, Any]] = []
    while time.monotonic() < deadline:
        if database.exists():
            events = user_events(database, sender_id)
            if len(events) >= count:
                return events
        time.sleep(0.1)
    raise AssertionError(f"{count} user events expected for {sender_id}, found {len(events)}")


def intent_of(event: Dict[str, Any]) -> Optional[str]:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")
