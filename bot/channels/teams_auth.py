"""Bot Framework authentication for the Teams channel, with aiohttp and PyJWT.

Incoming (channel → bot): the ``Authorization: Bearer`` JWT must be signed by
one of the keys the Bot Framework publishes (OpenID metadata → ``jwks_uri``),
with issuer ``https://api.botframework.com``, audience = our app id, a valid
expiry (5 minutes clock tolerance), the activity's channel among the key's
endorsements, and a ``serviceurl`` claim equal to the activity's
``serviceUrl``. The keys are fetched on the first request (so the server starts
without network access), cached for a day and fetched again for an unknown key
id (at most every 5 minutes).

Outgoing (bot → channel): a client-credentials token from Microsoft Entra ID,
for the configured tenant (single-tenant bot) or ``botframework.com``
(multi-tenant bot), cached until shortly before it expires.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Dict, Optional, Tuple

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

CHANNEL_TOKEN_ISSUER = "https://api.botframework.com"
DEFAULT_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
DEFAULT_LOGIN_URL = "https://login.microsoftonline.com"
MULTI_TENANT = "botframework.com"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
ALGORITHMS = ["RS256", "RS384", "RS512"]
CLOCK_TOLERANCE_SECONDS = 5 * 60
KEYS_MAX_AGE_SECONDS = 24 * 3600
UNKNOWN_KEY_REFRESH_SECONDS = 5 * 60
TOKEN_RENEW_MARGIN_SECONDS = 5 * 60


class AuthenticationError(Exception):
    """The request is not from the Bot Framework (answer 401)."""


class KeysUnavailable(Exception):
    """The published keys could not be fetched (answer 503; the channel retries)."""


def _session(timeout_seconds: float = 10) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_seconds))


class OpenIdKeys:
    """The Bot Framework's signing keys, fetched lazily and cached."""

    def __init__(self, metadata_url: str = DEFAULT_OPENID_METADATA_URL) -> None:
        self._metadata_url = metadata_url
        self._keys: Dict[str, Tuple[Any, Tuple[str, ...]]] = {}
        self._fetched_at: Optional[float] = None
        self._lock = asyncio.Lock()

    async def key(self, key_id: str) -> Tuple[Any, Tuple[str, ...]]:
        """(public key, endorsements) for ``key_id``."""
        now = time.monotonic()
        stale = self._fetched_at is None or now - self._fetched_at > KEYS_MAX_AGE_SECONDS
        may_refresh = self._fetched_at is None or now - self._fetched_at > UNKNOWN_KEY_REFRESH_SECONDS
        if stale or (key_id not in self._keys and may_refresh):
            async with self._lock:
                if self._fetched_at is None or time.monotonic() - self._fetched_at > UNKNOWN_KEY_REFRESH_SECONDS:
                    await self._fetch()
        if key_id not in self._keys:
            raise AuthenticationError("onbekende sleutel")
        return self._keys[key_id]

    async def _fetch(self) -> None:
        try:
            async with _session() as session:
                async with session.get(self._metadata_url) as answer:
                    answer.raise_for_status()
                    jwks_uri = (await answer.json(content_type=None))["jwks_uri"]
                async with session.get(jwks_uri) as answer:
                    answer.raise_for_status()
                    published = (await answer.json(content_type=None))["keys"]
        except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, ValueError) as error:
            raise KeysUnavailable(type(error).__name__) from error
        keys = {}
        for entry in published:
            if entry.get("kty") != "RSA" or not entry.get("kid"):
                continue
            keys[entry["kid"]] = (RSAAlgorithm.from_jwk(json.dumps(entry)), tuple(entry.get("endorsements") or ()))
        self._keys = keys
        self._fetched_at = time.monotonic()
        logger.info("Teams: %d Bot Framework-sleutels opgehaald", len(keys))


class ChannelTokenValidator:
    """Validates the token the Bot Framework sends with every activity."""

    def __init__(self, app_id: str, keys: OpenIdKeys, issuer: str = CHANNEL_TOKEN_ISSUER) -> None:
        self._app_id = app_id
        self._keys = keys
        self._issuer = issuer

    async def validate(self, authorization: Optional[str], activity: Dict[str, Any]) -> Dict[str, Any]:
        """The token's claims; raises AuthenticationError (or KeysUnavailable)."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError("geen Bearer-token")
        token = token.strip()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise AuthenticationError("onleesbaar token") from error
        if header.get("alg") not in ALGORITHMS or not header.get("kid"):
            raise AuthenticationError("algoritme of sleutel-id ongeldig")
        public_key, endorsements = await self._keys.key(str(header["kid"]))
        channel_id = activity.get("channelId")
        if endorsements and channel_id not in endorsements:
            raise AuthenticationError("sleutel niet geldig voor dit kanaal")
        try:
            claims = jwt.decode(
                token,
                public_key,
                algorithms=ALGORITHMS,
                audience=self._app_id,
                issuer=self._issuer,
                leeway=CLOCK_TOLERANCE_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.InvalidTokenError as error:
            raise AuthenticationError(type(error).__name__) from error
        service_url = activity.get("serviceUrl")
        if not service_url or claims.get("serviceurl") != service_url:
            raise AuthenticationError("serviceUrl komt niet overeen met het token")
        return claims


class BotTokenProvider:
    """Access tokens for calls to the Bot Connector service (replies)."""

    def __init__(
        self, app_id: str, app_password: str, tenant_id: Optional[str] = None, login_url: str = DEFAULT_LOGIN_URL
    ) -> None:
        self._app_id = app_id
        self._app_password = app_password
        self._token_url = f"{login_url.rstrip('/')}/{tenant_id or MULTI_TENANT}/oauth2/v2.0/token"
        self._token: Optional[str] = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    async def token(self, session: aiohttp.ClientSession) -> str:
        async with self._lock:
            if self._token is None or time.monotonic() > self._expires_at - TOKEN_RENEW_MARGIN_SECONDS:
                async with session.post(self._token_url, data={
                    "grant_type": "client_credentials",
                    "client_id": self._app_id,
                    "client_secret": self._app_password,
                    "scope": BOT_FRAMEWORK_SCOPE,
                }) as answer:
                    result = await answer.json(content_type=None)
                if answer.status != 200 or "access_token" not in result:
                    raise RuntimeError(f"Teams: geen toegangstoken (HTTP {answer.status}, {result.get('error')})")
                self._token = str(result["access_token"])
                self._expires_at = time.monotonic() + float(result.get("expires_in", 3600))
            return self._token
