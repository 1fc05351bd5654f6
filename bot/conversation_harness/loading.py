"""Reads conversation files (YAML) and validates them against the documented
format. Every problem is reported as ``file:line: message``.

The format is described in ``tests/conversations/README.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from jsonschema import Draft7Validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from bot.conversation_harness.model import Conversation, Expectation, Location, Turn
from bot.paths import PROJECT_ROOT
from bot.subjects import SUBJECT_INTENTS

CONVERSATIONS_DIR = PROJECT_ROOT / "tests" / "conversations"

SUBJECTS = tuple(SUBJECT_INTENTS)
TEXT_CHECKS = (
    "contains", "contains_any", "not_contains", "first_reply_contains", "first_reply_not_contains",
    "buttons_include", "buttons_exclude", "matches",
)

_TEXTS = {  # one text or a list of texts
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
    ]
}
_EXPECTATION = {
    "type": "object",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {
        **{key: _TEXTS for key in TEXT_CHECKS},
        "topic": {"enum": [*SUBJECTS, None]},
        "slots": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
        },
    },
}
_TURN = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "user": {"type": "string", "minLength": 1},
        "click": {"type": "string", "minLength": 1},
        "expect": _EXPECTATION,
        "note": {"type": "string"},
    },
}
_CONVERSATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "turns"],
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_]*$"},
        "title": {"type": "string", "minLength": 1},
        "subject": {"enum": [*SUBJECTS, "algemeen"]},
        "region": {"type": "string", "minLength": 1},
        "case": {"type": "string", "minLength": 1},
        "learning_goal": {"type": "string", "minLength": 1},
        "discussion": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "tags": {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_]*$"}},
        "turns": {"type": "array", "minItems": 1, "items": _TURN},
    },
}
SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["conversations"],
    "properties": {"conversations": {"type": "array", "minItems": 1, "items": _CONVERSATION}},
}
_VALIDATOR = Draft7Validator(SCHEMA)


class ConversationFileError(Exception):
    """One or more problems in conversation files; ``problems`` are ``file:line: message`` lines."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# -- YAML with line numbers --------------------------------------------------------------

def _plain(node: Any) -> Any:
    """ruamel's round-trip objects as plain Python values (for jsonschema)."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _line_of(root: Any, path: Sequence[Any], key: Optional[str] = None) -> int:
    """1-based line of the value at ``path`` (or of ``key`` inside it); the
    deepest line that can be found when the path ends early."""
    node, line = root, 1
    for part in path:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    if isinstance(node, CommentedMap):
        if key is not None and key in node:
            return node.lc.key(key)[0] + 1
        if not path:
            return node.lc.line + 1
    return line


def _describe(error: Any) -> tuple[str, Optional[str]]:
    """A readable message for a jsonschema error, and the offending key if any."""
    where = ".".join(str(p) for p in error.absolute_path)
    field = f"'{where}'" if where else "the file"
    validator = error.validator
    if validator == "additionalProperties":
        unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(error.schema.get("properties", {}))
        return f"unknown key '{unknown[0]}' in {field} (allowed: {allowed})", unknown[0]
    if validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        return f"{field} misses the required key '{missing.group(1) if missing else error.message}'", None
    if validator == "enum":
        choices = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        return f"{field}: {error.instance!r} is not one of: {choices}", None
    if validator == "pattern":
        return f"{field}: {error.instance!r} may only contain lowercase letters, digits and _", None
    if validator == "anyOf":
        return f"{field}: expected a text or a list of texts, got {error.instance!r}", None
    if validator == "minItems":
        return f"{field}: the list is empty", None
    if validator == "minProperties":
        return f"{field}: is empty", None
    if validator == "minLength":
        return f"{field}: the text is empty", None
    if validator == "type":
        return f"{field}: expected {error.validator_value}, got {error.instance!r}", None
    return f"{field}: {error.message}", None


def _schema_problems(file_label: str, root: Any, data: Any) -> list[str]:
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        message, key = _describe(error)
        problems.append((_line_of(root, list(error.absolute_path), key), message))
    return [f"{file_label}:{line}: {message}" for line, message in sorted(problems)]


# -- building the model ------------------------------------------------------------------

def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _expectation(data: dict) -> Expectation:
    return Expectation(
        **{key: _texts(data.get(key)) for key in TEXT_CHECKS},
        has_topic="topic" in data,
        topic=data.get("topic"),
        slots=dict(data.get("slots") or {}),
    )


def _region_ids() -> Optional[set[str]]:
    """Region ids of knowledge/regions.yml (read directly, so a knowledge-base
    error elsewhere does not stop the conversation files from loading)."""
    from bot.knowledge.loader import default_knowledge_dir

    path = default_knowledge_dir() / "regions.yml"
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        return {str(region["id"]) for region in data["regions"]}
    except (OSError, KeyError, TypeError, MarkedYAMLError):
        return None


def _build(file_label: str, root: Any, data: dict, regions: Optional[set[str]]) -> tuple[list[Conversation], list[str]]:
    conversations, problems = [], []
    for index, item in enumerate(data["conversations"]):
        base = ["conversations", index]
        line = _line_of(root, base)
        if regions is not None and item.get("region") and item["region"] not in regions:
            problems.append(
                f"{file_label}:{_line_of(root, base + ['region'])}: region '{item['region']}' is not a region id "
                f"of knowledge/regions.yml ({', '.join(sorted(regions))})"
            )
        turns = []
        for number, turn in enumerate(item["turns"]):
            turn_line = _line_of(root, base + ["turns", number])
            given = [key for key in ("user", "click") if key in turn]
            if len(given) != 1:
                problems.append(f"{file_label}:{turn_line}: a turn needs exactly one of 'user' or 'click'")
                continue
            if "click" in turn and number == 0:
                problems.append(f"{file_label}:{turn_line}: the first turn cannot click a button (nothing was offered yet)")
            for pattern in _texts((turn.get("expect") or {}).get("matches")):
                try:
                    re.compile(pattern)
                except re.error as error:
                    problems.append(
                        f"{file_label}:{_line_of(root, base + ['turns', number, 'expect', 'matches'])}: "
                        f"invalid regular expression {pattern!r}: {error}"
                    )
            turns.append(Turn(
                user=turn.get("user"), click=turn.get("click"), expect=_expectation(turn.get("expect") or {}),
                location=Location(file_label, turn_line), note=turn.get("note"),
            ))
        conversations.append(Conversation(
            id=item["id"], title=item["title"], turns=tuple(turns), location=Location(file_label, line),
            subject=item.get("subject"), region=item.get("region"), case=item.get("case"),
            learning_goal=item.get("learning_goal"), discussion=tuple(item.get("discussion") or ()),
            tags=tuple(item.get("tags") or ()),
        ))
    return conversations, problems


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def load_file(path: Path, check_regions: bool = True) -> tuple[list[Conversation], list[str]]:
    """Conversations of one file and the problems found in it (``file:line: message``)."""
    label = _label(path)
    try:
        root = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return [], [f"{label}:{line}: YAML error: {error.problem or error.context}"]
    except OSError as error:
        return [], [f"{label}:1: cannot read the file: {error}"]
    data = _plain(root)
    problems = _schema_problems(label, root, data)
    if problems:
        return [], problems
    conversations, problems = _build(label, root, data, _region_ids() if check_regions else None)
    return ([], problems) if problems else (conversations, [])


def conversation_files(directory: Path = CONVERSATIONS_DIR) -> list[Path]:
    return sorted(directory.glob("*.yml")) + sorted(directory.glob("*.yaml"))


def load_conversations(paths: Optional[Iterable[Path]] = None, check_regions: bool = True) -> list[Conversation]:
    """All conversations of the given files (default: every file in
    tests/conversations/). Raises ConversationFileError listing every problem."""
    files = list(paths) if paths is not None else conversation_files()
    conversations: list[Conversation] = []
    problems: list[str] = []
    if not files:
        raise ConversationFileError([f"{_label(CONVERSATIONS_DIR)}: no conversation files (*.yml) found"])
    for path in files:
        found, file_problems = load_file(Path(path), check_regions=check_regions)
        conversations += found
        problems += file_problems
    first_seen: dict[str, Conversation] = {}
    for conversation in conversations:
        if conversation.id in first_seen:
            problems.append(
                f"{conversation.location}: duplicate conversation id '{conversation.id}' "
                f"(first used at {first_seen[conversation.id].location})"
            )
        else:
            first_seen[conversation.id] = conversation
    if problems:
        raise ConversationFileError(problems)
    return conversations
