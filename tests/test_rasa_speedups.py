"""The action-response validation speed-up keeps Rasa's behaviour."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import bot.components  # noqa: F401  (installs the speed-up)


@pytest.fixture
def remote_action():
    return RemoteAction("action_veiligheid", EndpointConfig("http://localhost:5055/webhook"))


def test_speed_up_is_installed():
    assert RemoteAction._kernteamwijzer_fast_validation


def test_valid_action_server_response_passes(remote_action):
    response = {"events": [{"event": "slot", "name": "topic", "value": "veiligheid"}],
                "responses": [{"text": "Hoi"}]}
    assert remote_action._validate_action_result(response) is True


def test_invalid_response_raises_rasas_own_error(remote_action):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        remote_action._validate_action_result({"events": [{"no_event_key": 1}]})
