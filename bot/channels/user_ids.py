"""Keyed pseudonyms for chat-platform user and conversation ids.

Slack and Teams ids identify a person. Before a message reaches Rasa (and so
before anything is stored) the channel replaces them with an HMAC-SHA256 of the
ids under a secret key: the same conversation always gets the same sender id,
but the stored id cannot be traced back to a Slack or Teams account without the
key.

The key comes from ``KERNTEAMWIJZER_USER_ID_KEY`` or, when that is not set, from
``.cache/user-id-key``, which the set-up (``python -m bot.cli prepare``)
generates when it is absent.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from bot.paths import cache_dir

logger = logging.getLogger(__name__)

KEY_ENV = "KERNTEAMWIJZER_USER_ID_KEY"
KEY_FILE_NAME = "user-id-key"
_SEPARATOR = "\x1f"  # cannot occur in Slack or Teams ids


def key_file() -> Path:
    return cache_dir() / KEY_FILE_NAME


def ensure_key_file() -> bool:
    """Creates ``.cache/user-id-key`` (readable by the owner only) when absent.
    Returns True when a new key was written."""
    path = key_file()
    if path.exists() and path.read_text(encoding="utf-8").strip():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(32))
    return True


def load_key() -> bytes:
    """The configured key; generates the key file when neither is present."""
    configured = os.environ.get(KEY_ENV, "").strip()
    if configured:
        return configured.encode("utf-8")
    if ensure_key_file():
        logger.warning("Nieuwe sleutel voor pseudonieme gebruikers-id's aangemaakt in %s", key_file())
    return key_file().read_text(encoding="utf-8").strip().encode("utf-8")


def pseudonym(key: bytes, platform: str, *ids: str) -> str:
    """``<platform>-<32 hex>``: a keyed hash of the given ids, in order."""
    message = _SEPARATOR.join((platform, *ids)).encode("utf-8")
    return f"{platform}-{hmac.new(key, message, hashlib.sha256).hexdigest()[:32]}"
