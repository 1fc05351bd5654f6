"""Turns knowledge objects into chat messages (layout only, no content)."""

from __future__ import annotations

from typing import Iterable, Sequence


def bullet_list(points: Iterable[str]) -> str:
    return "\n".join(f"• {point}" for point in points)


def section(title: str, text: str = "", points: Sequence[str] = ()) -> str:
    parts = [f"*{title}*"] if title else []
    if text:
        parts.append(text.strip())
    if points:
        parts.append(bullet_list(points))
    return "\n".join(parts)


def contact_line(contact) -> str:
    """One line per contact: who, then how to reach them."""
    who = " – ".join(part for part in (contact.organisation, contact.department, contact.person, contact.function) if part)
    reach = ", ".join(part for part in (contact.phone, contact.email, contact.website) if part)
    line = f"{who}: {reach}" if who and reach else (who or reach)
    if contact.note:
        line += f" ({contact.note.strip()})"
    return line


def join_names(names: Sequence[str]) -> str:
    """"a", "a en b", "a, b en c"."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} en {names[-1]}"
