"""Shared field parsers: notes, contact fields, links and applies_to blocks."""
from __future__ import annotations

from typing import Optional, Tuple

from .formats import is_email, is_phone, is_website
from .loading import Node
from .schema import SCHOOL_LEVELS, AppliesTo, Note


def phone(node: Node, key: str = "phone") -> Optional[str]:
    child = node.child(key, required=False)
    if child is None:
        return None
    value = child.as_str()
    if not is_phone(value):
        raise child.fail(f"'{value}' is not a valid Dutch phone number")
    return value


def email(node: Node, key: str = "email") -> Optional[str]:
    child = node.child(key, required=False)
    if child is None:
        return None
    value = child.as_str()
    if not is_email(value):
        raise child.fail(f"'{value}' is not a valid e-mail address")
    return value


def website_value(node: Node) -> str:
    value = node.as_str()
    if not is_website(value):
        raise node.fail(f"'{value}' does not look like a website (domain or URL)")
    return value


def website(node: Node, key: str = "website", required: bool = False) -> Optional[str]:
    child = node.child(key, required)
    return None if child is None else website_value(child)


def links(node: Node, key: str = "links") -> Tuple[str, ...]:
    return tuple(website_value(item) for item in node.items(key, required=False))


def note(node: Node) -> Note:
    node.mapping()
    result = Note(
        text=node.str("text"),
        source=node.source(),
        region_id=node.ref("region", "region", required=False),
        links=links(node),
    )
    node.finish()
    return result


def notes(node: Node, key: str = "notes") -> Tuple[Note, ...]:
    return tuple(note(item) for item in node.items(key, required=False))


def applies_to(node: Node, key: str = "applies_to") -> AppliesTo:
    child = node.child(key).mapping()
    result = AppliesTo(
        region_id=child.ref("region", "region"),
        school_level=child.choice("school_level", SCHOOL_LEVELS, required=False),
        text=child.str("text"),
    )
    child.finish()
    return result
