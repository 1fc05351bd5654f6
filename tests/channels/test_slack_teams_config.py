"""In-process checks of the Slack and Teams building blocks: configuration
from credentials.yml, the keyed user-id hash, Slack signing and formatting,
and the Teams token handling that the running-server tests cannot reach
(multi-tenant login, token and key caching, no network at start-up)."""

from __future__ import annotations

import asyncio
import os
import stat
import time

import aiohttp
import jwt
import pytest
import rasa.shared.utils.io
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
import json

from bot.channels import slack_api, teams_auth, user_ids
from bot.channels.slack import NumberedChoices, SlackChannel
from bot.channels.slack_teams_common import setting
from bot.channels.teams import TeamsChannel, hero_card, incoming_text
from bot.paths import PROJECT_ROOT
from support.stand_in import StandIn

CHANNEL_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL", "SLACK_API_URL",
                     "TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID",
                     "TEAMS_OPENID_METADATA_URL", "TEAMS_LOGIN_URL")


@pytest.fixture
def no_channel_variables(monkeypatch):
    for name in CHANNEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_shipped_credentials_load_without_variables_and_both_channels_are_off(no_channel_variables):
    credentials = rasa.shared.utils.io.read_config_file(str(PROJECT_ROOT / "credentials.yml"))
    slack = SlackChannel.from_credentials(credentials["bot.channels.slack.SlackChannel"])
    teams = TeamsChannel.from_credentials(credentials["bot.channels.teams.TeamsChannel"])
    assert not slack.active and not teams.active


def test_variables_fill_in_the_shipped_credentials(no_channel_variables, monkeypatch, tmp_path):
    monkeypatch.setenv("KERNTEAMWIJZER_USER_ID_KEY", "k")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("TEAMS_APP_ID", "app")
    monkeypatch.setenv("TEAMS_APP_PASSWORD", "pw")
    credentials = rasa.shared.utils.io.read_config_file(str(PROJECT_ROOT / "credentials.yml"))
    slack = SlackChannel.from_credentials(credentials["bot.channels.slack.SlackChannel"])
    teams = TeamsChannel.from_credentials(credentials["bot.channels.teams.TeamsChannel"])
    assert slack.settings.bot_token == "xoxb-1" and slack.settings.channel is None
    assert slack.settings.api_url == "https://slack.com/api"
    assert teams.settings.tenant_id is None  # multi-tenant
    assert teams.settings.openid_metadata_url == teams_auth.DEFAULT_OPENID_METADATA_URL


def test_setting_treats_unset_and_empty_variables_as_absent(monkeypatch):
    monkeypatch.delenv("KTW_UNSET", raising=False)
    monkeypatch.setenv("KTW_EMPTY", "")
    monkeypatch.setenv("KTW_SET", " waarde ")
    values = {"a": "${KTW_UNSET}", "b": "${KTW_EMPTY}", "c": "${KTW_SET}", "d": "letterlijk", "e": None}
    assert [setting(values, key, "standaard") for key in "abcdef"] == [
        "standaard", "standaard", "waarde", "letterlijk", "standaard", "standaard"]


def test_user_id_key_is_generated_once_private_and_overridable(monkeypatch, tmp_path):
    monkeypatch.setenv("KERNTEAMWIJZER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(user_ids.KEY_ENV, raising=False)
    assert user_ids.ensure_key_file() is True
    assert stat.S_IMODE(os.stat(user_ids.key_file()).st_mode) == 0o600
    key = user_ids.load_key()
    assert user_ids.ensure_key_file() is False and user_ids.load_key() == key and len(key) >= 40
    monkeypatch.setenv(user_ids.KEY_ENV, "from-configuration")
    assert user_ids.load_key() == b"from-configuration"


def test_pseudonyms_are_stable_keyed_and_keep_ids_apart():
    first = user_ids.pseudonym(b"key", "slack", "T1", "C1", "1.2")
    assert first == user_ids.pseudonym(b"key", "slack", "T1", "C1", "1.2")
    assert first.startswith("slack-") and len(first) == len("slack-") + 32
    assert first != user_ids.pseudonym(b"other key", "slack", "T1", "C1", "1.2")
    assert first != user_ids.pseudonym(b"key", "slack", "T1", "C11", ".2")


def test_slack_signature_and_timestamp_window():
    body, now = b'{"type":"event_callback"}', 1_700_000_000
    good = slack_api.signature("geheim", str(now), body)
    assert slack_api.verify_request("geheim", str(now), good, body, now=now + 299) is None
    assert slack_api.verify_request("geheim", str(now), good, body, now=now + 301) is not None
    assert slack_api.verify_request("geheim", str(now), good, body + b" ", now=now) is not None
    assert slack_api.verify_request("anders", str(now), good, body, now=now) is not None
    assert slack_api.verify_request("geheim", None, good, body, now=now) is not None
    assert slack_api.verify_request("geheim", "gisteren", good, body, now=now) is not None


def test_slack_text_formatting_and_mentions():
    assert slack_api.strip_mentions("<@U0BOT>  hoi <@W0ABC|anne> daar") == "hoi daar"
    assert slack_api.to_mrkdwn("**Let op** <b> & [Veilig Thuis](https://www.veiligthuis.nl)") == (
        "*Let op* &lt;b&gt; &amp; <https://www.veiligthuis.nl|Veilig Thuis>")
    assert [slack_api.chosen_number(text) for text in ("2", " 3. ", "4)", "2 dagen", "twee")] == [2, 3, 4, None, None]


def test_numbered_choices_answer_only_the_next_message():
    choices = NumberedChoices(capacity=2)
    choices.remember("a", ["/een", "/twee"])
    assert choices.resolve("a", "2") == "/twee"
    assert choices.resolve("a", "2") == "2"  # used up
    choices.remember("a", ["/een", "/twee"])
    assert choices.resolve("a", "ik wil iets anders") == "ik wil iets anders"
    assert choices.resolve("a", "1") == "1"
    choices.remember("a", ["/x"])
    choices.remember("b", ["/y"])
    choices.remember("c", ["/z"])  # over capacity: the oldest conversation is forgotten
    assert choices.resolve("a", "1") == "1" and choices.resolve("c", "1") == "/z"
    choices.remember("d", ["/een"])
    assert choices.resolve("d", "5") == "5"  # out of range


def test_teams_buttons_and_incoming_text():
    card = hero_card("Kies", [{"title": "Verlof", "payload": "/ask_verlof"},
                              {"title": "Website", "type": "web_url", "url": "https://example.org"}])
    assert card["content"]["buttons"] == [
        {"type": "messageBack", "title": "Verlof", "displayText": "Verlof", "text": "/ask_verlof",
         "value": {"payload": "/ask_verlof"}},
        {"type": "openUrl", "title": "Website", "value": "https://example.org"},
    ]
    assert incoming_text({"text": "Verlof", "value": {"payload": "/ask_verlof"}}) == "/ask_verlof"
    assert incoming_text({"text": "<at id=\"0\">Kernteamwijzer</at>\n hoi"}) == "hoi"


def test_teams_channel_starts_without_network(no_channel_variables, monkeypatch):
    monkeypatch.setenv("KERNTEAMWIJZER_USER_ID_KEY", "k")
    channel = TeamsChannel.from_credentials({
        "app_id": "app", "app_password": "pw", "openid_metadata_url": "http://127.0.0.1:9/unreachable"})
    assert channel.active

    async def first_request():
        keys = teams_auth.OpenIdKeys("http://127.0.0.1:9/unreachable")
        validator = teams_auth.ChannelTokenValidator("app", keys)
        now = int(time.time())
        signed = jwt.encode({"iss": teams_auth.CHANNEL_TOKEN_ISSUER, "aud": "app", "exp": now + 60},
                            rsa.generate_private_key(public_exponent=65537, key_size=2048),
                            algorithm="RS256", headers={"kid": "k1"})
        await validator.validate(f"Bearer {signed}", {"serviceUrl": "x", "channelId": "msteams"})

    with pytest.raises(teams_auth.KeysUnavailable):
        asyncio.run(first_request())


def test_multi_tenant_login_and_token_and_key_caching():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def microsoft(stand_in, method, path):
        if path == "/meta":
            return {"jwks_uri": f"{stand_in.url}/keys"}
        if path == "/keys":
            return {"keys": [{**json.loads(RSAAlgorithm.to_jwk(key.public_key())), "kid": "k1",
                              "endorsements": ["msteams"]}]}
        if path.endswith("/oauth2/v2.0/token"):
            return {"access_token": f"token-{len(stand_in.requests)}", "expires_in": 3600}
        return None

    async def exercise(stand_in):
        provider = teams_auth.BotTokenProvider("app", "pw", None, f"{stand_in.url}/login")
        async with aiohttp.ClientSession() as session:
            tokens = [await provider.token(session), await provider.token(session)]
        validator = teams_auth.ChannelTokenValidator("app", teams_auth.OpenIdKeys(f"{stand_in.url}/meta"))
        now = int(time.time())
        activity = {"serviceUrl": "https://smba.example/", "channelId": "msteams"}
        signed = jwt.encode({"iss": teams_auth.CHANNEL_TOKEN_ISSUER, "aud": "app", "exp": now + 60,
                             "serviceurl": activity["serviceUrl"]}, key, algorithm="RS256", headers={"kid": "k1"})
        claims = [await validator.validate(f"Bearer {signed}", activity) for _ in range(3)]
        with pytest.raises(teams_auth.AuthenticationError):  # the key is not endorsed for this channel
            await validator.validate(f"Bearer {signed}", {**activity, "channelId": "slack"})
        return tokens, claims

    with StandIn(microsoft).running() as stand_in:
        tokens, claims = asyncio.run(exercise(stand_in))
        paths = [request.path for request in stand_in.requests]
    assert tokens[0] == tokens[1]
    assert paths == ["/login/botframework.com/oauth2/v2.0/token", "/meta", "/keys"]
    assert all(claim["aud"] == "app" for claim in claims)
