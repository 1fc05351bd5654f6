"""The usage store: one row per conversation with the recorded facts only.

SQLite by default (``usage.db``); any SQLAlchemy URL works (PostgreSQL in
production). Rows have a random key, never a sender id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

import sqlalchemy as sa

from bot.usage.record import ConversationUsage

metadata = sa.MetaData()
conversations = sa.Table(
    "usage_conversations",
    metadata,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("topics", sa.String(255), nullable=False),  # sorted, comma-separated subject ids
    sa.Column("named_people", sa.Boolean, nullable=False),
    sa.Column("ended_in_fallback", sa.Boolean, nullable=False),
)


@dataclass(frozen=True)
class UsageRow:
    day: dt.date
    channel: str
    topics: tuple[str, ...]
    named_people: bool
    ended_in_fallback: bool


class UsageStore:
    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url, future=True)
        metadata.create_all(self.engine)

    def save(self, key: str, usage: ConversationUsage) -> None:
        values = {
            "day": usage.day,
            "channel": usage.channel,
            "topics": ",".join(sorted(usage.topics)),
            "named_people": usage.named_people,
            "ended_in_fallback": usage.ended_in_fallback,
        }
        with self.engine.begin() as connection:
            updated = connection.execute(
                conversations.update().where(conversations.c.key == key).values(**values)
            ).rowcount
            if not updated:
                connection.execute(conversations.insert().values(key=key, **values))

    def rows(self) -> Iterator[UsageRow]:
        with self.engine.connect() as connection:
            for row in connection.execute(sa.select(conversations).order_by(conversations.c.day)):
                yield UsageRow(
                    day=row.day,
                    channel=row.channel,
                    topics=tuple(t for t in row.topics.split(",") if t),
                    named_people=bool(row.named_people),
                    ended_in_fallback=bool(row.ended_in_fallback),
                )

    def close(self) -> None:
        self.engine.dispose()
