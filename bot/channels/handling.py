"""Hands a teacher's message to Rasa the same way in every channel.

Each channel reads its own transport (REST JSON, the web chat's signed
sessions, Slack and Teams webhooks) and then calls :func:`deliver`, which

- passes the text through :func:`bot.channels.message_guard.guard` (control
  characters, empty messages, the length limit with the acute-danger check on
  the whole text), unless the channel already did;
- keeps the text out of every log record while Rasa handles it
  (:mod:`bot.log_privacy`), also when handling fails;
- adds the once-per-conversation privacy notice
  (:mod:`bot.channels.privacy_notice`), or, for a message that is too long (not
  stored, not parsed), the kind request for a shorter question;
- never leaves a teacher without an answer: when handling fails, or a
  collecting channel (REST, web chat) ends up with no reply at all, the teacher
  gets the "something went wrong" message with 112 and Veilig Thuis.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot import log_privacy
from bot.channels.message_guard import GuardedMessage, guard, max_message_chars
from bot.channels.privacy_notice import notice_for

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def national_numbers() -> Dict[str, str]:
    from bot.knowledge import load_knowledge

    national = load_knowledge().national
    return {"emergency_number": national.emergency_number, "veilig_thuis_phone": national.veilig_thuis_phone}


def dutch(name: str, **values: Any) -> str:
    """The text of a message in ``actions/messages.yml``."""
    from actions.messages import render

    return render(name, **values)[0]


def something_went_wrong() -> str:
    return dutch("channel_something_went_wrong", **national_numbers())


async def deliver(
    on_new_message: OnNewMessage,
    output: OutputChannel,
    sender_id: str,
    raw_text: str,
    channel_name: str,
    guarded: Optional[GuardedMessage] = None,
    metadata: Optional[Dict[str, Any]] = None,
) -> None:
    """Handles one message (see the module docstring); replies go to ``output``."""
    if guarded is None:
        # The acute-danger check reads all of a long text (seconds for 1 MB):
        # off the event loop, so other conversations are not held up.
        guarded = await asyncio.get_running_loop().run_in_executor(None, guard, raw_text)
    failed = False
    with log_privacy.handling_message(guarded.text or raw_text):
        try:
            if guarded.text:
                await on_new_message(UserMessage(
                    guarded.text, output, sender_id, input_channel=channel_name, metadata=metadata))
        except Exception as error:  # the text is never logged, only what went wrong
            logger.error("%s: bericht kon niet worden verwerkt (%s)", channel_name, type(error).__name__)
            failed = True
    if isinstance(output, CollectingOutputChannel):
        if failed:
            output.messages.clear()  # half an answer is worse than a clear "try again"
        failed = failed or (bool(guarded.text) and not output.messages)
    if failed:
        await output.send_text_message(sender_id, something_went_wrong())
    # Once per conversation: names are not needed. A message that is too long is
    # not stored at all, and the request to shorten it says so already.
    notice = None if guarded.too_long else notice_for(sender_id, raw_text)
    if notice:
        await output.send_text_message(sender_id, notice)
    if guarded.too_long:
        await output.send_text_message(sender_id, dutch(
            "channel_message_too_long", length=guarded.original_length, limit=max_message_chars()))
