"""Conversation files: the documented format loads, and every mistake is
reported with the file and the line it is on."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.conversation_harness import ConversationFileError, load_conversations, load_file
from bot.conversation_harness.__main__ import main as harness_main

VALID = """\
conversations:
  - id: verlof_bruiloft
    title: "Verlof voor een bruiloft"
    subject: verlof
    region: zuid_kennemerland
    case: "Ouders vragen twee dagen vrij voor een bruiloft."
    learning_goal: "Tot en met 10 dagen beslist de school."
    discussion: ["Wat zeg je tegen de ouders?"]
    tags: [typos]
    turns:
      - user: "ouders willen 2 dagen vrij voor bruiloft"
        expect:
          contains: ["directeur"]
          contains_any: ["8 weken", "acht weken"]
          not_contains: "Sorry"
          first_reply_contains: ["verlof"]
          buttons_include: ["Ja"]
          matches: ['\\b2 (les)?dagen']
          topic: verlof
          slots: {verlof_days: 2}
      - click: "Ja"
        expect:
          topic: null
"""


def write(tmp_path: Path, text: str, name: str = "gesprekken.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    conversations, problems = load_file(path)
    assert not conversations or not problems
    return problems


def test_valid_file_loads_every_field(tmp_path):
    [conversation] = load_conversations([write(tmp_path, VALID)])
    assert conversation.id == "verlof_bruiloft"
    assert conversation.region == "zuid_kennemerland"
    assert conversation.discussion == ("Wat zeg je tegen de ouders?",)
    assert conversation.location.line == 2
    first, second = conversation.turns
    assert first.user.startswith("ouders willen") and first.location.line == 11
    assert first.expect.not_contains == ("Sorry",)  # one text is a list of one
    assert first.expect.contains_any == ("8 weken", "acht weken")
    assert first.expect.topic == "verlof" and first.expect.has_topic
    assert first.expect.slots == {"verlof_days": 2}
    assert second.click == "Ja" and second.expect.has_topic and second.expect.topic is None


def test_unknown_expectation_key_names_file_and_line(tmp_path):
    path = write(tmp_path, VALID.replace("          not_contains:", "          not_contain:"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:15: unknown key 'not_contain'")
    assert "not_contains" in problem  # lists the allowed keys


def test_missing_required_key_names_the_conversation_line(tmp_path):
    path = write(tmp_path, VALID.replace('    title: "Verlof voor een bruiloft"\n', ""))
    [problem] = problems_of(path)
    assert problem == f"{path}:2: 'conversations.0' misses the required key 'title'"


def test_unknown_topic_lists_the_subjects(tmp_path):
    path = write(tmp_path, VALID.replace("topic: verlof", "topic: vakantie"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:19: 'conversations.0.turns.0.expect.topic': 'vakantie' is not one of:")
    assert "verlof" in problem and "veiligheid" in problem


def test_expectation_with_a_number_instead_of_text(tmp_path):
    path = write(tmp_path, VALID.replace('contains: ["directeur"]', "contains: 112"))
    [problem] = problems_of(path)
    assert problem == f"{path}:13: 'conversations.0.turns.0.expect.contains': expected a text or a list of texts, got 112"


def test_turn_needs_user_or_click(tmp_path):
    path = write(tmp_path, VALID.replace('      - click: "Ja"\n', '      - note: "klikt"\n'))
    [problem] = problems_of(path)
    assert problem == f"{path}:21: a turn needs exactly one of 'user' or 'click'"


def test_first_turn_cannot_click(tmp_path):
    path = write(tmp_path, VALID.replace('      - user: "ouders willen 2 dagen vrij voor bruiloft"', '      - click: "Verlof"'))
    [problem] = problems_of(path)
    assert problem == f"{path}:11: the first turn cannot click a button (nothing was offered yet)"


def test_unknown_region_is_checked_against_the_knowledge_base(tmp_path):
    path = write(tmp_path, VALID.replace("region: zuid_kennemerland", "region: haarlem"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:5: region 'haarlem' is not a region id")
    assert "utrecht" in problem


def test_bad_id_and_bad_regex(tmp_path):
    path = write(tmp_path, VALID.replace("id: verlof_bruiloft", "id: Verlof Bruiloft"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2: 'conversations.0.id': 'Verlof Bruiloft' may only contain")
    path = write(tmp_path, VALID.replace("matches: ['\\b2 (les)?dagen']", "matches: ['(2 dagen']"), "regex.yml")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:18: invalid regular expression '(2 dagen'")


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, VALID.replace('    title: "Verlof voor een bruiloft"', '    title: "Verlof voor een bruiloft'))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:")
    assert "YAML error" in problem
    line = int(problem.split(":")[1])
    assert 3 <= line <= 6


def test_duplicate_key_is_a_yaml_error_with_line(tmp_path):
    path = write(tmp_path, VALID.replace('    subject: verlof\n', '    subject: verlof\n    subject: verzuim\n'))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:5: YAML error")


def test_empty_expectation_and_empty_turns(tmp_path):
    text = """\
    conversations:
      - id: leeg
        title: Leeg
        turns: []
      - id: lege_verwachting
        title: Lege verwachting
        turns:
          - user: hoi
            expect: {}
    """
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:4: 'conversations.0.turns': the list is empty",
        f"{path}:9: 'conversations.1.turns.0.expect': is empty",
    ]


def test_duplicate_ids_across_files_name_both_places(tmp_path):
    first = write(tmp_path, VALID, "a.yml")
    second = write(tmp_path, VALID, "b.yml")
    with pytest.raises(ConversationFileError) as raised:
        load_conversations([first, second])
    assert raised.value.problems == [
        f"{second}:2: duplicate conversation id 'verlof_bruiloft' (first used at {first}:2)"
    ]


def test_all_problems_of_all_files_are_reported_together(tmp_path):
    bad_key = write(tmp_path, VALID.replace("contains_any:", "contain_any:"), "a.yml")
    bad_topic = write(tmp_path, VALID.replace("topic: verlof", "topic: x").replace("verlof_bruiloft", "x2"), "b.yml")
    with pytest.raises(ConversationFileError) as raised:
        load_conversations([bad_key, bad_topic])
    assert [p.split(": ")[0] for p in raised.value.problems] == [f"{bad_key}:14", f"{bad_topic}:19"]


def test_check_command_reports_problems_with_exit_code_2(tmp_path, capsys):
    path = write(tmp_path, VALID.replace("          contains:", "          bevat:"))
    assert harness_main(["--check", str(path)]) == 2
    assert f"{path}:13: unknown key 'bevat'" in capsys.readouterr().err
    assert harness_main(["--check", str(write(tmp_path, VALID, "ok.yml"))]) == 0


def test_the_project_conversation_files_are_valid():
    conversations = load_conversations()
    assert len(conversations) >= 60
