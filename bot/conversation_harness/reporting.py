"""Text transcripts and summaries of conversation runs."""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import Iterable, Sequence

from bot.conversation_harness.model import ConversationResult, TurnResult


def _indent(text: str, prefix: str) -> str:
    return textwrap.indent(text, prefix, lambda line: True)


def _turn_lines(number: int, turn: TurnResult, show_checks: bool) -> list[str]:
    lines = [f"  [{number}] leerkracht: {turn.turn.shown}"]
    if turn.turn.click is not None and turn.sent:
        lines.append(f"      (stuurt {turn.sent})")
    nlu = turn.intent or "?"
    if turn.confidence is not None:
        nlu += f" {turn.confidence:.2f}"
    if turn.entities:
        nlu += " " + ", ".join(f"{e['entity']}={e['value']}" for e in turn.entities)
    lines.append(f"      nlu: {nlu} | acties: {', '.join(turn.actions) or '-'} | topic: {turn.topic}")
    for reply in turn.replies:
        lines.append(_indent(reply.text or "(alleen knoppen)", "      bot> ").rstrip())
        for button in reply.buttons:
            lines.append(f"           [{button.title}]  {button.payload}")
    if not turn.replies and turn.sent is not None and turn.error is None:
        lines.append("      bot> (geen antwoord)")
    if turn.error:
        lines.append(f"      FOUT: {turn.error}")
    if show_checks:
        for check in turn.checks:
            lines.append(f"      {'ok ' if check.passed else 'MIS'} {check.describe()}")
    return lines


def transcript(result: ConversationResult, show_checks: bool = True) -> str:
    """The whole conversation with the assistant's real replies and, per turn,
    the expectation results."""
    conversation = result.conversation
    status = "GESLAAGD" if result.passed else "MISLUKT"
    lines = [f"== {conversation.id} – {conversation.title} ({conversation.location}) {status}"]
    if conversation.case:
        lines.append(f"  casus: {conversation.case}")
    for number, turn in enumerate(result.turns, start=1):
        lines += _turn_lines(number, turn, show_checks)
    skipped = len(conversation.turns) - len(result.turns)
    if skipped > 0:
        lines.append(f"  ({skipped} beurt(en) niet gespeeld na de fout)")
    if result.error:
        lines.append(f"  FOUT: {result.error}")
    return "\n".join(lines)


def first_failure(result: ConversationResult) -> str:
    """One line: the first failed expectation, for summaries."""
    failures = result.failures()
    if not failures:
        return result.error or "passed"
    number, turn, check = failures[0]
    said = turn.turn.shown
    said = said if len(said) <= 50 else said[:49] + "…"
    if check is None:
        return f"turn {number} ({said!r}): {turn.error}"
    more = f" (+{len(failures) - 1} more)" if len(failures) > 1 else ""
    return f"turn {number} ({said!r}) {check.describe()}{more}"


def failure_message(result: ConversationResult) -> str:
    """What a failing test prints: the reason first, then the transcript."""
    failures = result.failures()
    lines = [f"{result.conversation.location}: {first_failure(result)}", "", "Failed expectations:"]
    for number, turn, check in failures:
        lines.append(f"  turn {number} (line {turn.turn.location.line}): "
                     + (turn.error or "") + (check.describe() if check else ""))
    if result.error and not failures:
        lines.append(f"  {result.error}")
    lines += ["", transcript(result)]
    return "\n".join(lines)


def summary(results: Sequence[ConversationResult]) -> str:
    passed = sum(1 for result in results if result.passed)
    lines = [f"gesprekken: {passed} van {len(results)} geslaagd"]
    by_file = Counter(result.conversation.file for result in results if not result.passed)
    for result in results:
        if not result.passed:
            lines.append(f"  MISLUKT {result.conversation.id}: {first_failure(result)}")
    if by_file:
        lines.append("  mislukt per bestand: " + ", ".join(f"{file} {count}" for file, count in sorted(by_file.items())))
    return "\n".join(lines)


def transcripts(results: Iterable[ConversationResult], show_checks: bool = True) -> str:
    return "\n\n".join(transcript(result, show_checks) for result in results)
