"""The one Rasa version guard (bot/rasa_version.py) and every extension point
that relies on it: on another Rasa version each warns once, by name."""

from __future__ import annotations

import logging

import pytest

from bot import rasa_version


@pytest.fixture
def other_rasa(monkeypatch):
    monkeypatch.setattr(rasa_version, "installed_version", lambda: "3.7.0")
    monkeypatch.setattr(rasa_version, "_warned", set())


@pytest.mark.parametrize("version, series, supported", [
    ("3.6.21", "3.6", True),
    ("3.6.0", "3.6", True),
    ("3.7.0", "3.6", False),
    ("3.60.0", "3.6", False),
    ("3.6.21", "3.6.21", True),
    ("3.6.20", "3.6.21", False),
])
def test_check_matches_a_series_or_a_release(monkeypatch, version, series, supported):
    monkeypatch.setattr(rasa_version, "_warned", set())
    assert rasa_version.check("test point", series=series, version=version) is supported


def test_the_installed_rasa_is_supported():
    assert rasa_version.check("installed Rasa")


def test_another_rasa_warns_once_per_extension_point(other_rasa, caplog):
    with caplog.at_level(logging.WARNING, logger="bot.rasa_version"):
        assert not rasa_version.check("some.point")
        assert not rasa_version.check("some.point")
    assert caplog.text.count("some.point is written for Rasa 3.6.x, not 3.7.0") == 1


def _acute_danger():
    from bot.components.acute_danger import AcuteDangerSignal

    AcuteDangerSignal({})


def _rest():
    from bot.channels.rest import GuardedRestInput

    GuardedRestInput()


def _webchat():
    from bot.channels.webchat import WebChatInput

    WebChatInput(secret=b"test key")


def _slack():
    from bot.channels.slack import SlackChannel

    SlackChannel.from_credentials({})


def _teams():
    from bot.channels.teams import TeamsChannel

    TeamsChannel.from_credentials({})


def _usage_broker(tmp_path):
    from bot.usage.broker import UsageEventBroker

    UsageEventBroker(f"sqlite:///{tmp_path / 'usage.db'}")


@pytest.mark.parametrize("create, name", [
    (_acute_danger, "bot.components.acute_danger.AcuteDangerSignal"),
    (_rest, "bot.channels.rest.GuardedRestInput"),
    (_webchat, "bot.channels.webchat.WebChatInput"),
    (_slack, "bot.channels.slack.SlackChannel"),
    (_teams, "bot.channels.teams.TeamsChannel"),
    (_usage_broker, "bot.usage.broker.UsageEventBroker"),
])
def test_every_extension_point_uses_the_guard(other_rasa, caplog, tmp_path, create, name):
    with caplog.at_level(logging.WARNING, logger="bot.rasa_version"):
        create(tmp_path) if create is _usage_broker else create()
    assert f"{name} is written for Rasa 3.6.x, not 3.7.0" in caplog.text
