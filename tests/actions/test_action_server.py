"""The action server can load the package: every custom action in domain.yml
is registered, and nothing else (``rasa run actions --actions actions``)."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor

RESPONSES_AND_FORMS = ("utter_",)


def custom_actions(domain):
    return {action for action in domain["actions"] if not action.startswith(RESPONSES_AND_FORMS)}


def registered_actions():
    executor = ActionExecutor()
    executor.register_package("actions")  # what rasa_sdk.endpoint.create_app does at start-up
    return set(executor.actions)


def test_action_server_registers_every_custom_action_of_the_domain(domain):
    assert custom_actions(domain) <= registered_actions()


def test_action_server_registers_no_action_the_domain_does_not_know(domain):
    assert registered_actions() - custom_actions(domain) == set()
