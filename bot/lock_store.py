"""Redis lock store whose ticket operations are atomic
(``endpoints``: ``lock_store: type: bot.lock_store.AtomicRedisLockStore``).

Rasa processes that share a Redis lock store handle the messages of one
conversation one at a time, in the order their tickets were issued. Rasa open
source 3.6's ``RedisLockStore`` changes a lock with a read-modify-write of
separate commands (GET, change the ticket list in Python, SET): two processes
issuing a ticket at the same moment can both get ticket 0 and handle two
messages of one conversation at once, and a process cleaning up can delete a
ticket issued in between (that message then fails with ``LockError``).
``tests/production/test_lock_store.py`` shows both with the stock store.

Here every change of a lock is one Lua script, which Redis runs atomically:
issuing a ticket, removing expired tickets, and finishing a ticket (deleting
the lock when no ticket is left). The lock keeps Rasa's JSON format, so
reading it (``get_lock``) is Rasa's own code. Further:

- the key expires with its last ticket, so a crashed process leaves nothing behind;
- a waiting message checks its turn every ``poll_interval`` seconds (default
  0.05; Rasa waits a whole second);
- a dropped connection (Redis restarted) is retried once on a new connection;
- failing to finish a ticket after the message was handled is logged, not
  raised: the teacher has the answer, and the ticket expires by itself.
"""

from __future__ import annotations

import logging
import time
from typing import Any, AsyncContextManager, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_version

logger = logging.getLogger(__name__)

DEFAULT_POLL_SECONDS = 0.05

# Shared by the scripts: KEYS[1] the lock, ARGV[1] now (seconds), ARGV[2] the
# conversation id. A lock is {"conversation_id": ..., "tickets": [<ticket JSON
# as a string>, ...]}, exactly as rasa.core.lock.TicketLock.dumps writes it.
_LUA_PRELUDE = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local conversation_id = ARGV[2]

local function live_tickets()
  local tickets = {}
  local stored = redis.call('GET', key)
  if stored then
    for _, text in ipairs(cjson.decode(stored)['tickets'] or {}) do
      local ticket = cjson.decode(text)
      if ticket['expires'] >= now then table.insert(tickets, ticket) end
    end
  end
  return tickets
end

local function save(tickets)
  if #tickets == 0 then
    redis.call('DEL', key)
    return
  end
  local texts = {}
  local last_expiry = now
  for index, ticket in ipairs(tickets) do
    texts[index] = cjson.encode(string.format('{"number": %d, "expires": %.6f}', ticket['number'], ticket['expires']))
    if ticket['expires'] > last_expiry then last_expiry = ticket['expires'] end
  end
  local lock = '{"conversation_id": ' .. cjson.encode(conversation_id) .. ', "tickets": [' .. table.concat(texts, ', ') .. ']}'
  redis.call('SET', key, lock, 'PX', math.ceil((last_expiry - now) * 1000) + 1000)
end
"""

# ARGV[3]: lifetime of the new ticket. Returns its number.
_ISSUE_TICKET = _LUA_PRELUDE + """
local tickets = live_tickets()
local number = 0
if #tickets > 0 then number = tickets[#tickets]['number'] + 1 end
table.insert(tickets, {number = number, expires = now + tonumber(ARGV[3])})
save(tickets)
return number
"""

# Returns the number of tickets left.
_REMOVE_EXPIRED = _LUA_PRELUDE + """
local tickets = live_tickets()
save(tickets)
return #tickets
"""

# ARGV[3]: the ticket that is finished. Returns the number of tickets left.
_FINISH_TICKET = _LUA_PRELUDE + """
local finished = tonumber(ARGV[3])
local left = {}
for _, ticket in ipairs(live_tickets()) do
  if ticket['number'] ~= finished then table.insert(left, ticket) end
end
save(left)
return #left
"""


def _settings_from(endpoint_config: Optional[EndpointConfig], explicit: dict[str, Any]) -> dict[str, Any]:
    settings = dict(endpoint_config.kwargs) if endpoint_config is not None else {}
    settings.pop("type", None)
    if endpoint_config is not None and endpoint_config.url:
        settings["host"] = endpoint_config.url
    settings.update(explicit)
    for name in ("password", "username", "key_prefix"):
        if settings.get(name) in ("", None):
            settings.pop(name, None)  # an empty environment variable means: none
    return settings


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 poll_interval: Optional[float] = None, **settings: Any) -> None:
        rasa_version.check("bot.lock_store.AtomicRedisLockStore")
        settings = _settings_from(endpoint_config, settings)
        poll = poll_interval if poll_interval is not None else settings.pop("poll_interval", DEFAULT_POLL_SECONDS)
        self.poll_interval = float(poll)
        super().__init__(**settings)
        self.red = _reconnecting_client(self.red)
        self._issue = self.red.register_script(_ISSUE_TICKET)
        self._remove_expired = self.red.register_script(_REMOVE_EXPIRED)
        self._finish = self.red.register_script(_FINISH_TICKET)

    def _run(self, script: Any, conversation_id: Text, *arguments: Any) -> int:
        return int(script(keys=[self.key_prefix + conversation_id],
                          args=[repr(time.time()), conversation_id, *arguments]))

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._run(self._issue, conversation_id, repr(float(lock_lifetime)))
        except Exception as error:
            raise LockError(f"Error while acquiring lock: {type(error).__name__}") from error

    def update_lock(self, conversation_id: Text) -> None:
        self._run(self._remove_expired, conversation_id)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._run(self._finish, conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        try:
            self.finish_serving(conversation_id, ticket_number)
        except Exception as error:
            logger.warning("lock ticket not finished (%s); it expires by itself", type(error).__name__)

    def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
             wait_time_in_seconds: Optional[float] = None) -> AsyncContextManager[TicketLock]:
        wait = self.poll_interval if wait_time_in_seconds is None else wait_time_in_seconds
        return super().lock(conversation_id, lock_lifetime, wait)


def _reconnecting_client(client: Any) -> Any:
    """The same Redis client settings, retrying a command once on a new connection
    when the old one was dropped (Redis restarted)."""
    import redis
    from redis.backoff import ConstantBackoff
    from redis.retry import Retry

    pool = client.connection_pool
    kwargs = dict(pool.connection_kwargs)
    kwargs.update(retry=Retry(ConstantBackoff(0.1), 1),
                  retry_on_error=[redis.exceptions.ConnectionError, redis.exceptions.TimeoutError])
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **kwargs))
