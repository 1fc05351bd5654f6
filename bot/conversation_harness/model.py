"""The data of a conversation test: what a file describes and what a run produced.

Everything here is plain data (dataclasses), so the scenario book can render a
run without knowing anything about Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence


@dataclass(frozen=True)
class Location:
    """Where something is written: file and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Expectation:
    """What must be true about the assistant's answer to one turn.

    Text checks are case-insensitive substring checks on the reply texts of that
    turn (all bubbles together, buttons not included)."""

    contains: tuple[str, ...] = ()
    contains_any: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    first_reply_contains: tuple[str, ...] = ()
    first_reply_not_contains: tuple[str, ...] = ()
    buttons_include: tuple[str, ...] = ()
    buttons_exclude: tuple[str, ...] = ()
    matches: tuple[str, ...] = ()
    has_topic: bool = False  # whether `topic` was given (null is a valid expectation)
    topic: Optional[str] = None
    slots: Mapping[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (
            self.contains or self.contains_any or self.not_contains or self.first_reply_contains
            or self.first_reply_not_contains or self.buttons_include or self.buttons_exclude
            or self.matches or self.has_topic or self.slots
        )


@dataclass(frozen=True)
class Turn:
    """One thing the teacher does: type a message (`user`) or click a button
    offered in the previous turn (`click`, by its title)."""

    user: Optional[str]
    click: Optional[str]
    expect: Expectation
    location: Location
    note: Optional[str] = None

    @property
    def shown(self) -> str:
        """How the turn reads in a transcript."""
        return self.user if self.user is not None else f"[klikt: {self.click}]"


@dataclass(frozen=True)
class Conversation:
    id: str
    title: str
    turns: tuple[Turn, ...]
    location: Location
    subject: Optional[str] = None
    region: Optional[str] = None
    case: Optional[str] = None
    learning_goal: Optional[str] = None
    discussion: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return self.location.file


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One bubble the assistant sent."""

    text: str
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one expectation of one turn."""

    kind: str  # the expectation key, e.g. "contains"
    expected: Any
    passed: bool
    detail: str = ""

    def describe(self) -> str:
        return f"{self.kind}: {self.expected!r}" + (f" – {self.detail}" if self.detail else "")


@dataclass
class TurnResult:
    turn: Turn
    sent: Optional[str]  # the text or payload actually sent (None when a click was impossible)
    replies: list[Reply] = field(default_factory=list)
    intent: Optional[str] = None
    confidence: Optional[float] = None
    entities: list[dict] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    checks: list[CheckResult] = field(default_factory=list)
    error: Optional[str] = None

    @property
    def passed(self) -> bool:
        return self.error is None and all(check.passed for check in self.checks)

    @property
    def buttons(self) -> list[Button]:
        return [button for reply in self.replies for button in reply.buttons]

    @property
    def topic(self) -> Optional[str]:
        return self.slots.get("topic")


@dataclass
class ConversationResult:
    conversation: Conversation
    sender_id: str
    turns: list[TurnResult] = field(default_factory=list)
    error: Optional[str] = None

    @property
    def passed(self) -> bool:
        return self.error is None and all(turn.passed for turn in self.turns) and len(self.turns) == len(
            self.conversation.turns
        )

    def failures(self) -> list[tuple[int, TurnResult, Optional[CheckResult]]]:
        """(1-based turn number, turn, failed check or None for an error) in order."""
        found: list[tuple[int, TurnResult, Optional[CheckResult]]] = []
        for number, turn in enumerate(self.turns, start=1):
            if turn.error:
                found.append((number, turn, None))
            found.extend((number, turn, check) for check in turn.checks if not check.passed)
        return found

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready transcript (for the scenario book and --json)."""
        conversation = self.conversation
        return {
            "id": conversation.id,
            "title": conversation.title,
            "file": conversation.location.file,
            "line": conversation.location.line,
            "subject": conversation.subject,
            "region": conversation.region,
            "case": conversation.case,
            "learning_goal": conversation.learning_goal,
            "discussion": list(conversation.discussion),
            "tags": list(conversation.tags),
            "sender_id": self.sender_id,
            "passed": self.passed,
            "error": self.error,
            "turns": [
                {
                    "user": turn.turn.user,
                    "click": turn.turn.click,
                    "sent": turn.sent,
                    "line": turn.turn.location.line,
                    "intent": turn.intent,
                    "confidence": turn.confidence,
                    "entities": turn.entities,
                    "actions": turn.actions,
                    "slots": turn.slots,
                    "replies": [
                        {"text": reply.text, "buttons": [{"title": b.title, "payload": b.payload} for b in reply.buttons]}
                        for reply in turn.replies
                    ],
                    "checks": [
                        {"kind": c.kind, "expected": c.expected, "passed": c.passed, "detail": c.detail}
                        for c in turn.checks
                    ],
                    "error": turn.error,
                    "passed": turn.passed,
                }
                for turn in self.turns
            ],
        }


SUBJECTS: Sequence[str] = (
    "veiligheid", "verlof", "verzuim", "tweede_deskundige", "kernteampartner", "onderzoek", "samenwerking",
)
