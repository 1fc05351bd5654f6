"""The production settings come from KERNTEAMWIJZER_* variables (README, "Production")."""

from __future__ import annotations

import pytest

from bot.production.settings import Database, ProductionSettings


def test_defaults_run_everything_on_this_machine(tmp_path):
    settings = ProductionSettings.from_environment({"KERNTEAMWIJZER_PRODUCTION_DIR": str(tmp_path)})
    assert settings.rasa_ports == [5010, 5011] and settings.actions_ports == [5055]
    assert settings.public_url == "http://127.0.0.1:5005"
    assert settings.database.local and settings.redis.local
    password = (tmp_path / "db-password").read_text().strip()
    assert settings.database.password == password and len(password) >= 24
    assert ProductionSettings.from_environment({"KERNTEAMWIJZER_PRODUCTION_DIR": str(tmp_path)}).database.password == password


def test_a_real_deployment_names_its_own_services(tmp_path):
    settings = ProductionSettings.from_environment({
        "KERNTEAMWIJZER_PRODUCTION_DIR": str(tmp_path),
        "KERNTEAMWIJZER_DB_URL": "postgresql://kw:ge%40heim@db.regio.nl:6432/gesprekken",
        "KERNTEAMWIJZER_REDIS_HOST": "redis.regio.nl", "KERNTEAMWIJZER_REDIS_PASSWORD": "r",
        "KERNTEAMWIJZER_RASA_PROCESSES": "4", "KERNTEAMWIJZER_ACTION_SERVERS": "2",
        "KERNTEAMWIJZER_HTTP_HOST": "0.0.0.0", "KERNTEAMWIJZER_HTTP_PORT": "8080",
    })
    assert settings.database == Database(host="db.regio.nl", port=6432, name="gesprekken", user="kw",
                                         password="ge@heim", local=False)
    assert settings.database.url == "postgresql://kw:ge%40heim@db.regio.nl:6432/gesprekken"
    assert not settings.redis.local and settings.redis.host == "redis.regio.nl" and settings.redis.password == "r"
    assert settings.rasa_ports == [5010, 5011, 5012, 5013] and settings.actions_ports == [5055, 5056]
    assert settings.public_url == "http://0.0.0.0:8080"
    assert not (tmp_path / "db-password").exists()  # no local database, no generated password


def test_nonsense_is_refused(tmp_path):
    with pytest.raises(ValueError):
        ProductionSettings.from_environment({"KERNTEAMWIJZER_PRODUCTION_DIR": str(tmp_path),
                                             "KERNTEAMWIJZER_RASA_PROCESSES": "0"})
    with pytest.raises(ValueError):
        ProductionSettings.from_environment({"KERNTEAMWIJZER_DB_URL": "mysql://x@y/z"})
