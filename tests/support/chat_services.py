"""Local stand-ins for the services the Slack and Teams channels call (Slack's
Web API; Microsoft's OpenID keys, login and the Bot Connector ``serviceUrl``),
and the settings the test assistant is started with to use them."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Dict

from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from support.stand_in import StandIn

TEST_USER_ID_KEY = "test-key-for-pseudonyms"

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


def channel_environment(stand_in: StandIn) -> Dict[str, str]:
    """The environment that switches Slack and Teams on, pointed at ``stand_in``
    (the variables the shipped credentials.yml reads)."""
    return {
        "SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_CHANNEL": SLACK_CHANNEL, "SLACK_API_URL": f"{stand_in.url}/api",
        "TEAMS_APP_ID": TEAMS_APP_ID, "TEAMS_APP_PASSWORD": "test-password", "TEAMS_TENANT_ID": TEAMS_TENANT,
        "TEAMS_OPENID_METADATA_URL": f"{stand_in.url}/openid/.well-known/openidconfiguration",
        "TEAMS_LOGIN_URL": f"{stand_in.url}/login",
        "KERNTEAMWIJZER_USER_ID_KEY": TEST_USER_ID_KEY,
    }

