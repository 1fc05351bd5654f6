"""The web chat channel's parts that need no server: session tokens, origins,
configuration, the Rasa version guard and the message format for the page."""

from __future__ import annotations

import pytest

from bot.channels import webchat
from bot.channels.webchat import SessionTokens, WebChatInput, page_messages, parse_origins


def test_tokens_are_random_and_verified_with_the_key():
    tokens = SessionTokens(b"key", max_age_seconds=3600)
    first, second = tokens.issue(now=1000), tokens.issue(now=1000)
    assert first != second
    assert tokens.sender_id(first, now=1000) == first.split(".")[1]
    assert SessionTokens(b"other key", 3600).sender_id(first, now=1000) is None


def test_tokens_expire():
    tokens = SessionTokens(b"key", max_age_seconds=3600)
    token = tokens.issue(now=1000)
    assert tokens.sender_id(token, now=1000 + 3599) is not None
    assert tokens.sender_id(token, now=1000 + 3601) is None
    assert tokens.sender_id(token, now=1000 - 3600) is None  # issued in the future


@pytest.mark.parametrize("token", ["", "v1", "v2.a.1.b", "v1.é.1.x", "v1.a.b.c.d", "x" * 500, None, 7, ["v1"]])
def test_malformed_tokens_are_refused(token):
    assert SessionTokens(b"key", 3600).sender_id(token) is None


def test_origins_are_normalised_and_wildcards_refused():
    assert parse_origins(" https://Intranet.School.nl/ , http://localhost:5005,,") == (
        "https://intranet.school.nl", "http://localhost:5005")
    with pytest.raises(ValueError):
        parse_origins("*")
    with pytest.raises(ValueError):
        parse_origins("intranet.school.nl")


def test_configuration_comes_from_credentials_or_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KERNTEAMWIJZER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(webchat.SECRET_ENV, raising=False)
    monkeypatch.delenv(webchat.ORIGINS_ENV, raising=False)
    channel = WebChatInput.from_credentials(None)
    assert channel.allowed_origins == ("http://localhost:5005",)
    secret_file = tmp_path / webchat.SECRET_FILE_NAME
    assert secret_file.stat().st_mode & 0o077 == 0 and len(secret_file.read_text().strip()) >= 32

    channel = WebChatInput.from_credentials({"allowed_origins": "https://a.nl", "session_max_age_hours": 1})
    assert channel.allowed_origins == ("https://a.nl",) and channel.tokens.max_age_seconds == 3600

    monkeypatch.setenv(webchat.ORIGINS_ENV, "https://intranet.school.nl,https://kw.school.nl")
    monkeypatch.setenv(webchat.SECRET_ENV, "secret from the environment")
    channel = WebChatInput.from_credentials({"allowed_origins": "https://a.nl"})
    assert channel.allowed_origins == ("https://intranet.school.nl", "https://kw.school.nl")
    assert channel.tokens.key == b"secret from the environment"


def test_collected_output_becomes_text_buttons_and_links():
    collected = [
        {"recipient_id": "x", "text": "*Kop*\n• punt", "buttons": [
            {"title": "Verlof", "payload": "/ask_verlof"},
            {"title": "Website", "url": "https://www.example.nl", "type": "web_url"},
            {"title": "", "payload": "/nothing"},
        ]},
        {"recipient_id": "x", "image": "javascript:alert(1)"},
        {"recipient_id": "x", "custom": {"anything": 1}},
        {"recipient_id": "x", "text": "  "},
    ]
    assert page_messages(collected) == [{
        "text": "*Kop*\n• punt",
        "buttons": [{"title": "Verlof", "payload": "/ask_verlof"},
                    {"title": "Website", "url": "https://www.example.nl"}],
    }]
