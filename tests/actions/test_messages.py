"""The texts the actions send (actions/messages.yml, actions/messages.py) fit
the code and the domain: every message the code names exists and renders with
the values the code passes, and every button leads to a known intent."""

from __future__ import annotations

import ast
import itertools
import json
import re
from pathlib import Path
from string import Formatter

import pytest

from actions import messages
from actions.messages import MessageError, catalogue, help_menu_buttons, render
from actions.veiligheid import BRANCHES, QUESTIONS
from actions.verlof import verlof_checks
from actions.verzuim import threshold_checks
from bot.knowledge import load_knowledge

ACTIONS_DIR = Path(messages.__file__).parent


def say_calls():
    """(file, message name, keyword names or None when values are passed as **kwargs)
    for every ``say(dispatcher, "<name>", ...)`` and ``Invalid("<name>", {...})`` in actions/."""
    found = []
    for path in sorted(ACTIONS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "say" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                keywords = [k.arg for k in node.keywords]
                found.append((path.name, node.args[1].value, None if None in keywords else keywords))
            elif node.func.id == "Invalid" and node.args and isinstance(node.args[0], ast.Constant):
                values = node.args[1] if len(node.args) > 1 else None
                keys = [k.value for k in values.keys] if isinstance(values, ast.Dict) else []
                found.append((path.name, node.args[0].value, keys))
    return found


SAY_CALLS = say_calls()


def test_the_scan_finds_the_messages_of_every_action_module():
    files = {file for file, _, _ in SAY_CALLS}
    assert {"common.py", "veiligheid.py", "kernteampartner.py", "verlof.py", "verzuim.py",
            "tweede_deskundige.py", "onderzoek.py", "samenwerking.py", "going_back.py", "people.py"} <= files
    assert len(SAY_CALLS) > 40


def test_every_message_named_in_the_code_exists_and_renders_with_the_values_passed():
    problems = []
    for file, name, keywords in SAY_CALLS:
        if name not in catalogue():
            problems.append(f"{file}: message '{name}' is not in messages.yml")
        elif keywords is not None:
            try:
                text, _ = render(name, **{keyword: "X" for keyword in keywords})
            except MessageError as error:
                problems.append(f"{file}: {error}")
    assert problems == []


def test_messages_chosen_at_run_time_exist_and_render():
    phone = {"veilig_thuis_phone": "0800-2000"}
    for name in QUESTIONS.values():
        render(name, **phone)
    for branch in BRANCHES.values():
        if branch.extra_message:
            render(branch.extra_message, **phone)


def test_every_verlof_check_message_renders():
    kb = load_knowledge()
    rendered = set()
    for rule in kb.verlof_kinds:
        for days, after_summer, notice, in_writing in itertools.product([3.0, 12.0], [True, False], [2.0, 9.0], [True, False]):
            for name, values in verlof_checks(rule, days, after_summer, notice, in_writing):
                render(name, **values)
                rendered.add(name)
    assert {"verlof_days_above_max", "verlof_days_to_leerplicht", "verlof_period_excluded",
            "verlof_notice_too_short", "verlof_not_in_writing"} <= rendered


def test_every_verzuim_threshold_message_renders():
    kb = load_knowledge()
    rendered = set()
    for rule in kb.verzuim_kinds:
        for count, hours, weeks in itertools.product([5.0, 20.0], [5.0, 20.0], [3.0, 6.0, "onbekend"]):
            for name, values in threshold_checks(rule, count, hours, weeks):
                render(name, **values)
                rendered.add(name)
    assert {"verzuim_count_above", "verzuim_count_within", "verzuim_hours_above",
            "verzuim_hours_within", "verzuim_hours_check_window"} <= rendered


def test_an_unknown_message_or_missing_value_is_a_clear_error():
    with pytest.raises(MessageError, match="no message"):
        render("bestaat_niet")
    with pytest.raises(MessageError, match="people"):
        render("people_to_talk_to")


def test_menu_messages_carry_the_help_menu_buttons():
    menu = help_menu_buttons()
    assert menu
    for name, message in catalogue().items():
        if message.get("menu"):
            placeholders = {field for _, field, _, _ in Formatter().parse(message["text"]) if field}
            _, buttons = render(name, **{field: "X" for field in placeholders})
            assert buttons[-len(menu):] == menu, name


# --- questions and the domain -------------------------------------------------------------

def test_every_ask_message_has_an_action_ask_in_the_domain_and_vice_versa(domain):
    ask_messages = {name for name in catalogue() if name.startswith("ask_")}
    ask_actions = {action[len("action_"):] for action in domain["actions"] if action.startswith("action_ask_")}
    assert ask_messages == ask_actions


def test_every_question_a_form_can_ask_has_a_message(domain):
    from actions.verzuim import FOLLOW_UP_SLOTS

    slots = {slot for form in domain["forms"].values() for slot in form["required_slots"]}
    slots |= {slot for follow_up in FOLLOW_UP_SLOTS.values() for slot in follow_up}
    assert {f"ask_{slot}" for slot in slots} <= set(catalogue())


PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$")


def all_buttons(domain):
    buttons = [(name, button) for name, message in catalogue().items() for button in message.get("buttons") or []]
    buttons += [(name, button) for name, variants in domain["responses"].items()
                for variant in variants for button in variant.get("buttons") or []]
    return buttons


def test_every_button_payload_uses_a_known_intent_and_entity(domain):
    problems = []
    for name, button in all_buttons(domain):
        match = PAYLOAD.match(button["payload"])
        if not match or match["intent"] not in domain["intents"]:
            problems.append((name, button["payload"]))
            continue
        if match["entities"]:
            entities = json.loads(match["entities"])
            problems += [(name, key) for key in entities if key not in domain["entities"]]
    assert problems == []


def test_every_button_has_a_title(domain):
    assert all(button.get("title") for _, button in all_buttons(domain))
