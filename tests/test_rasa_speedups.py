"""The action-response validation speed-up keeps Rasa's behaviour."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_speedups


@pytest.fixture
def remote_action():
    assert rasa_speedups.apply()
    return RemoteAction("action_veiligheid", EndpointConfig("http://localhost:5055/webhook"))


def test_speed_up_is_installed(remote_action):
    assert RemoteAction._kernteamwijzer_fast_validation


def test_importing_the_components_changes_nothing_in_rasa():
    import subprocess
    import sys

    check = ("import bot.components; from rasa.core.actions.action import RemoteAction; "
             "print(getattr(RemoteAction, '_kernteamwijzer_fast_validation', False))")
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_another_rasa_version_is_left_alone_with_a_warning(caplog):
    before = RemoteAction._validate_action_result
    assert rasa_speedups.apply(rasa_version="3.7.0") is False
    assert RemoteAction._validate_action_result is before
    assert "is not 3.6.21" in caplog.text


def test_the_server_tracker_store_applies_it(tmp_path):
    from bot.tracker_store import RedactingSQLTrackerStore

    RedactingSQLTrackerStore(redact=str, dialect="sqlite", db=str(tmp_path / "t.db"))
    assert RemoteAction._kernteamwijzer_fast_validation


def test_valid_action_server_response_passes(remote_action):
    response = {"events": [{"event": "slot", "name": "topic", "value": "veiligheid"}],
                "responses": [{"text": "Hoi"}]}
    assert remote_action._validate_action_result(response) is True


def test_invalid_response_raises_rasas_own_error(remote_action):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        remote_action._validate_action_result({"events": [{"no_event_key": 1}]})
