"""The lock store of the production set-up against a real Redis server.

Rasa's ``RedisLockStore`` changes a lock in separate commands; another process
that changes the same lock in between is lost. These tests run a second store's
operation right after each command of the first one (every point where another
Rasa process could come in) and check what the lock holds afterwards.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from typing import Callable, Optional, TypeVar

import pytest
import redis
from rasa.core.lock_store import LockError, RedisLockStore

from rasa.utils.endpoints import EndpointConfig

from bot.lock_store import AtomicRedisLockStore

T = TypeVar("T")


class InterleavingRedis(redis.Redis):
    """A Redis client that runs ``between`` once, right after its ``after``-th command."""

    def __init__(self, *args, after: int, between: Callable[[], None], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.after, self.between, self.commands = after, between, 0

    def execute_command(self, *args, **options):
        result = super().execute_command(*args, **options)
        self.commands += 1
        if self.commands == self.after:
            self.between()
        return result


def make_store(kind: type, server) -> RedisLockStore:
    return kind(host="127.0.0.1", port=server.redis.port, db=0)


def interleave(store: RedisLockStore, server, after: int, between: Callable[[], None]) -> None:
    """From now on ``store`` lets ``between`` run after its ``after``-th command."""
    client = InterleavingRedis(host="127.0.0.1", port=server.redis.port, db=0, after=after, between=between)
    if isinstance(store, AtomicRedisLockStore):
        store.red = client
        store._issue, store._remove_expired, store._finish = (
            client.register_script(script.script) for script in (store._issue, store._remove_expired, store._finish))
    else:
        store.red = client


def every_interleaving(scenario: Callable[[int], Optional[T]]) -> list[T]:
    """Runs ``scenario(after)`` for after = 1, 2, … until the other process no
    longer comes in (the first process sent fewer commands): every point between
    two commands is tried once."""
    outcomes = []
    for after in itertools.count(1):
        outcome = scenario(after)
        if outcome is None:
            assert outcomes, "the other process never came in"
            return outcomes
        outcomes.append(outcome)


def issue_two_tickets_interleaved(kind: type, server, after: int) -> Optional[list[int]]:
    """Two stores (two Rasa processes) issue a ticket for one conversation; the
    second runs entirely after the first one's ``after``-th command (None when
    the first sent fewer commands)."""
    conversation = uuid.uuid4().hex
    first, second = make_store(kind, server), make_store(kind, server)
    tickets: list[int] = []
    interleave(first, server, after, lambda: tickets.append(second.issue_ticket(conversation)))
    tickets.append(first.issue_ticket(conversation))
    return tickets if len(tickets) == 2 else None


def test_stock_store_issues_one_ticket_twice(redis_server):
    """Rasa's own store: the second process reads the lock between the first's GET and SET."""
    assert issue_two_tickets_interleaved(RedisLockStore, redis_server, after=1) == [0, 0]


def test_atomic_store_issues_different_tickets_wherever_the_other_comes_in(redis_server):
    outcomes = every_interleaving(lambda after: issue_two_tickets_interleaved(AtomicRedisLockStore, redis_server, after))
    assert all(sorted(tickets) == [0, 1] for tickets in outcomes), outcomes


def finish_while_another_ticket_is_issued(kind: type, server, after: int) -> Optional[tuple[RedisLockStore, str, int]]:
    """Process A finishes its ticket; process B issues one after A's ``after``-th command."""
    conversation = uuid.uuid4().hex
    first, second = make_store(kind, server), make_store(kind, server)
    ticket = first.issue_ticket(conversation)
    issued: list[int] = []
    interleave(first, server, after, lambda: issued.append(second.issue_ticket(conversation)))
    first.cleanup(conversation, ticket)
    return (second, conversation, issued[0]) if issued else None


def test_stock_store_cleanup_deletes_a_ticket_issued_in_between(redis_server):
    """Rasa's cleanup: finish (GET, SET), 'anyone waiting?' (GET), DEL. A ticket
    issued after the check is deleted with the lock; its message then fails."""
    second, conversation, _ = finish_while_another_ticket_is_issued(RedisLockStore, redis_server, after=3)
    assert second.get_lock(conversation) is None
    with pytest.raises(LockError):
        asyncio.run(second._acquire_lock(conversation, 1, 0.01))


def test_atomic_store_cleanup_keeps_a_ticket_issued_in_between(redis_server):
    outcomes = every_interleaving(
        lambda after: finish_while_another_ticket_is_issued(AtomicRedisLockStore, redis_server, after))
    for second, conversation, ticket in outcomes:
        lock = second.get_lock(conversation)
        assert lock is not None and [t.number for t in lock.tickets] == [ticket]
        assert asyncio.run(second._acquire_lock(conversation, ticket, 0.01)) is not None


def test_messages_of_one_conversation_are_handled_one_at_a_time_in_order(redis_server):
    """Two stores (two processes) take turns on one conversation: every holder
    enters only after the previous one left, in the order of the tickets."""
    stores = [make_store(AtomicRedisLockStore, redis_server) for _ in range(2)]
    conversation = uuid.uuid4().hex
    log: list[tuple[str, int]] = []
    inside = 0

    async def handle(store: AtomicRedisLockStore, number: int) -> None:
        nonlocal inside
        async with store.lock(conversation) as lock:
            inside += 1
            assert inside == 1
            log.append(("in", number))
            await asyncio.sleep(0.01)
            log.append(("out", number))
            inside -= 1

    async def all_messages() -> None:
        await asyncio.gather(*(handle(store, number) for number, store in zip(range(10), itertools.cycle(stores))))

    asyncio.run(all_messages())
    assert log == [(step, number) for number in range(10) for step in ("in", "out")]
    assert stores[0].get_lock(conversation) is None  # nothing left behind


def test_lock_keeps_rasas_format_and_expires_with_its_last_ticket(redis_server):
    store = make_store(AtomicRedisLockStore, redis_server)
    conversation = "gesprek-" + uuid.uuid4().hex
    assert [store.issue_ticket(conversation, lock_lifetime=30) for _ in range(3)] == [0, 1, 2]
    lock = RedisLockStore(host="127.0.0.1", port=redis_server.redis.port, db=0).get_lock(conversation)
    assert lock.conversation_id == conversation and [t.number for t in lock.tickets] == [0, 1, 2]
    assert 30_000 < store.red.pttl(store.key_prefix + conversation) <= 31_000
    store.finish_serving(conversation, 0)
    assert store.is_someone_waiting(conversation)
    store.cleanup(conversation, 1)
    store.cleanup(conversation, 2)
    assert not store.red.exists(store.key_prefix + conversation)


def test_expired_tickets_are_dropped(redis_server):
    store = make_store(AtomicRedisLockStore, redis_server)
    conversation = uuid.uuid4().hex
    store.issue_ticket(conversation, lock_lifetime=-1)  # a process that crashed long ago
    assert store.issue_ticket(conversation) == 0
    store.update_lock(conversation)
    assert [t.number for t in store.get_lock(conversation).tickets] == [0]


def test_created_from_the_endpoint_configuration(redis_server):
    config = EndpointConfig(url="127.0.0.1", type="bot.lock_store.AtomicRedisLockStore",
                            port=str(redis_server.redis.port), db="0", password="", poll_interval="0.2")
    from rasa.core.lock_store import LockStore

    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore) and store.poll_interval == 0.2
    assert store.issue_ticket(uuid.uuid4().hex) == 0


def test_a_restarted_redis_is_used_again_without_an_error(redis_server):
    store = make_store(AtomicRedisLockStore, redis_server)
    assert store.issue_ticket(uuid.uuid4().hex) == 0  # the connection is open
    redis_server.restart()
    assert store.issue_ticket(uuid.uuid4().hex) == 0
