"""A Rasa event broker that records anonymous usage figures as conversations
happen (``endpoints.yml``: ``event_broker: type: bot.usage.broker.UsageEventBroker``).

Rasa publishes every tracker event to the broker. The broker keeps, in memory
only, a random key per live conversation and writes the derived facts
(:class:`bot.usage.record.ConversationUsage`) to the usage store; the event
itself, with its text, is never stored.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from asyncio import AbstractEventLoop
from typing import Any, Dict, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_version
from bot.paths import PROJECT_ROOT
from bot.usage.record import ConversationUsage, event_day
from bot.usage.store import UsageStore

logger = logging.getLogger(__name__)

DEFAULT_URL = f"sqlite:///{PROJECT_ROOT / 'usage.db'}"
URL_ENV = "KERNTEAMWIJZER_USAGE_URL"
IDLE_SECONDS = 2 * 60 * 60  # a conversation idle this long is forgotten in memory


class UsageEventBroker(EventBroker):
    def __init__(self, url: str = DEFAULT_URL) -> None:
        rasa_version.check("bot.usage.broker.UsageEventBroker")
        self.store = UsageStore(url)
        self._live: dict[str, tuple[str, ConversationUsage, float]] = {}

    @classmethod
    async def from_endpoint_config(
        cls, broker_config: EndpointConfig, event_loop: Optional[AbstractEventLoop] = None
    ) -> "UsageEventBroker":
        url = os.environ.get(URL_ENV) or broker_config.url or DEFAULT_URL
        return cls(url)

    def publish(self, event: Dict[Text, Any]) -> None:
        try:
            self._record(event)
        except Exception as error:  # figures must never break a conversation
            logger.warning("usage figure not recorded: %s", type(error).__name__)

    def _record(self, event: Dict[Text, Any]) -> None:
        sender = event.get("sender_id")
        if not isinstance(sender, str):
            return
        now = time.monotonic()
        self._forget_idle(now)
        live = self._live.get(sender)
        new_session = event.get("event") == "session_started" and live is not None and live[1].user_messages
        if live is None or new_session:
            live = (secrets.token_hex(16), ConversationUsage(day=event_day(event)), now)
        key, usage, _ = live
        before = usage.facts()
        usage.apply(event)
        self._live[sender] = (key, usage, now)
        # A conversation counts from the teacher's first message on.
        if usage.user_messages and usage.facts() != before:
            self.store.save(key, usage)

    def _forget_idle(self, now: float) -> None:
        for sender in [s for s, (_, _, seen) in self._live.items() if now - seen > IDLE_SECONDS]:
            del self._live[sender]

    async def close(self) -> None:
        self.store.close()
