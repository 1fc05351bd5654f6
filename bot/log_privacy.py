"""Keeps what teachers type out of the logs.

The channels put the text of the message being handled in a context variable
(:func:`handling_message`). A logging filter on the root handlers replaces that
text — as typed, as Python repr and as JSON — by ``[bericht]`` in every record,
whichever library writes it (Rasa's own error path logs the full text of a
message that fails). Installed once per process by :func:`install`.
"""

from __future__ import annotations

import contextvars
import json
import logging
from contextlib import contextmanager
from typing import Iterator

PLACEHOLDER = "[bericht]"
_current_text: contextvars.ContextVar[str | None] = contextvars.ContextVar("kernteamwijzer_text", default=None)


@contextmanager
def handling_message(text: str) -> Iterator[None]:
    token = _current_text.set(text)
    try:
        yield
    finally:
        _current_text.reset(token)


def _forms(text: str) -> list[str]:
    forms = {text, repr(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1], json.dumps(text)[1:-1]}
    return sorted((form for form in forms if len(form) >= 3), key=len, reverse=True)


def scrub(message: str, text: str | None) -> str:
    if not text or len(text.strip()) < 3:
        return message
    for form in _forms(text):
        message = message.replace(form, PLACEHOLDER)
    return message


class MessageTextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        text = _current_text.get()
        if not text:
            return True
        rendered = record.getMessage()
        if record.exc_info:
            # Exception messages can repeat the text too: scrub the traceback as well.
            rendered += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = scrub(rendered, text), None
        return True


_FILTER = MessageTextFilter()


def install() -> None:
    """Adds the filter to the root logger's handlers and to the root logger (idempotent)."""
    root = logging.getLogger()
    if _FILTER not in root.filters:
        root.addFilter(_FILTER)
    for handler in root.handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
