"""Tells a teacher once per conversation, kindly, that names and other personal
data are not needed and were not kept. Every channel calls :func:`notice_for`
with the sender id and the text as typed."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from bot.privacy.redaction import redact

REMEMBERED_CONVERSATIONS = 10_000
_told: "OrderedDict[str, None]" = OrderedDict()
_lock = Lock()


def contains_personal_data(text: str) -> bool:
    """True when de-identification would change the text (a name, phone number,
    e-mail address, street address, BSN, …)."""
    return bool(text) and not text.startswith("/") and redact(text) != text


def notice_for(sender: str, text: str) -> str | None:
    """The notice text the first time personal data shows up in a conversation."""
    if not contains_personal_data(text):
        return None
    with _lock:
        if sender in _told:
            return None
        _told[sender] = None
        while len(_told) > REMEMBERED_CONVERSATIONS:
            _told.popitem(last=False)
    from actions.messages import render

    return render("channel_names_not_needed")[0]
