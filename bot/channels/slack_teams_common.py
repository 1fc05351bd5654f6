"""What the Slack and Teams channels share: reading settings from
credentials.yml and fire-and-forget message handling
(the handling itself is :func:`bot.channels.handling.deliver`)."""

from __future__ import annotations

import asyncio
import logging
import os
import re
from typing import Any, Awaitable, Dict, Optional, Set

logger = logging.getLogger(__name__)

_UNEXPANDED = re.compile(r"\$\{?\w+\}?")


def setting(credentials: Optional[Dict[str, Any]], key: str, default: Optional[str] = None) -> Optional[str]:
    """A credentials.yml value with ``${VAR}`` expanded from the environment.

    Rasa 3.6 expands ``${VAR}`` only in unquoted values and then refuses to
    start when the variable is unset. credentials.yml therefore quotes them
    (``"${SLACK_BOT_TOKEN}"``) and the channel expands them here: a value whose
    variable is unset or empty counts as absent."""
    value = (credentials or {}).get(key)
    if value is None:
        return default
    expanded = os.path.expandvars(str(value)).strip()
    if not expanded or _UNEXPANDED.search(expanded):
        return default
    return expanded


class BackgroundTasks:
    """Runs message handling after the webhook has answered (Slack wants an
    answer within 3 s, the Bot Framework within 15 s) and keeps a reference to
    each task until it ends. Failures are logged without message text."""

    def __init__(self, channel_name: str) -> None:
        self._channel_name = channel_name
        self._tasks: Set[asyncio.Task] = set()

    def spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            logger.error("%s: bericht verwerken mislukt (%s)", self._channel_name, type(error).__name__)

    async def wait(self) -> None:
        """Waits for the running tasks (used when the server stops)."""
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
