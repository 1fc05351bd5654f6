"""What the Slack and Teams channels share: reading settings from
credentials.yml, the Rasa version guard and fire-and-forget message handling."""

from __future__ import annotations

import asyncio
import logging
import os
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Set

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot import log_privacy
from bot.channels.message_guard import GuardedMessage, max_message_chars

logger = logging.getLogger(__name__)

SUPPORTED_RASA_SERIES = "3.6"
_UNEXPANDED = re.compile(r"\$\{?\w+\}?")
_warned_version = False


def check_rasa_version() -> None:
    """The channels rely on Rasa 3.6 internals (InputChannel, UserMessage and the
    on_new_message callback); warn once when another version runs them."""
    global _warned_version
    import rasa

    if not rasa.__version__.startswith(SUPPORTED_RASA_SERIES) and not _warned_version:
        _warned_version = True
        logger.warning(
            "Kernteamwijzer-kanalen zijn gemaakt voor Rasa %s.x, deze server draait Rasa %s; "
            "controleer Slack en Teams voordat je ze gebruikt.",
            SUPPORTED_RASA_SERIES, rasa.__version__,
        )


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


async def deliver(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    output: OutputChannel,
    sender_id: str,
    guarded: GuardedMessage,
    raw_text: str,
    channel_name: str,
) -> None:
    """Hands a checked message (``bot.channels.message_guard``) to Rasa with the
    text kept out of every log record (``bot.log_privacy``); answers a message
    that is too long, and says so kindly when handling fails."""
    from bot.channels.privacy_notice import notice_for
    from bot.channels.rest import dutch, national_numbers

    with log_privacy.handling_message(raw_text):
        try:
            if guarded.text:
                await on_new_message(UserMessage(
                    guarded.text, output, sender_id, input_channel=channel_name, metadata=None))
        except Exception as error:  # the text is never logged, only what went wrong
            logger.error("%s: bericht kon niet worden verwerkt (%s)", channel_name, type(error).__name__)
            await output.send_text_message(sender_id, dutch("channel_something_went_wrong", **national_numbers()))
        notice = notice_for(sender_id, raw_text)  # once per conversation: names are not needed
        if notice:
            await output.send_text_message(sender_id, notice)
        if guarded.too_long:
            await output.send_text_message(sender_id, dutch(
                "channel_message_too_long", length=guarded.original_length, limit=max_message_chars()))
