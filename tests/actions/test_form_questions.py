"""The form questions (actions/form_questions.py): one ``action_ask_<slot>``
per ``ask_<slot>`` message."""

from __future__ import annotations

from action_helpers import payloads, run_action, texts

from actions.form_questions import FORM_QUESTION_ACTIONS
from actions.messages import render


def test_there_is_a_question_action_for_every_ask_message_in_the_domain(domain):
    names = {action_class().name() for action_class in FORM_QUESTION_ACTIONS.values()}
    assert names == {action for action in domain["actions"] if action.startswith("action_ask_")}


def test_every_question_action_says_its_message_with_its_buttons(make_tracker, domain):
    for message, action_class in FORM_QUESTION_ACTIONS.items():
        dispatcher, events = run_action(action_class(), make_tracker("...", "inform"), domain)
        text, buttons = render(message)
        assert texts(dispatcher) == [text], message
        assert payloads(dispatcher) == [button["payload"] for button in buttons], message
        assert events == []


def test_the_verlof_kind_question_offers_both_kinds(make_tracker, domain):
    dispatcher, _ = run_action(FORM_QUESTION_ACTIONS["ask_verlof_kind"](), make_tracker("verlof", "ask_verlof"), domain)
    assert payloads(dispatcher) == ['/inform{"verlof_kind":"vakantie"}', '/inform{"verlof_kind":"gewichtige_omstandigheden"}']
