"""Retention: conversations are kept for a limited number of days.

``KERNTEAMWIJZER_RETENTION_DAYS`` (default 30) sets the period. ``python -m
bot.cli forget-old-conversations`` deletes every stored event older than that
from the tracker store configured in ``endpoints.yml`` (SQLite or PostgreSQL);
``make start`` runs it at start-up. The anonymous usage figures
(:mod:`bot.usage`) are stored apart and are not affected.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
import yaml

from bot.paths import PROJECT_ROOT

RETENTION_ENV = "KERNTEAMWIJZER_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30
SECONDS_PER_DAY = 24 * 60 * 60


def retention_days() -> int:
    """The retention period in days (at least 1)."""
    try:
        return max(1, int(os.environ.get(RETENTION_ENV, DEFAULT_RETENTION_DAYS)))
    except ValueError:
        return DEFAULT_RETENTION_DAYS


def tracker_store_url(endpoints_file: Path = PROJECT_ROOT / "endpoints.yml") -> str:
    """The SQLAlchemy URL of the SQL tracker store in ``endpoints.yml`` (env vars filled in)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(endpoints_file), "tracker_store")
    if config is None:
        raise ValueError(f"{endpoints_file.name}: no tracker_store configured")
    settings = dict(config.kwargs)
    db = settings.get("db", "rasa.db")
    dialect = settings.get("dialect", "sqlite")
    if dialect == "sqlite" and not Path(db).is_absolute():
        db = str(PROJECT_ROOT / db)
    return str(SQLTrackerStore.get_db_url(dialect, config.url, settings.get("port"), db,
                                          settings.get("username"), settings.get("password"),
                                          settings.get("login_db"), settings.get("query")))


@dataclass(frozen=True)
class Forgotten:
    events: int
    conversations: int


def forget_old_conversations(url: str, days: int, now: float | None = None) -> Forgotten:
    """Deletes every event older than ``days`` days; returns what was deleted."""
    cutoff = (now if now is not None else time.time()) - days * SECONDS_PER_DAY
    engine = sa.create_engine(url, future=True)
    try:
        if not sa.inspect(engine).has_table("events"):
            return Forgotten(0, 0)
        events = sa.Table("events", sa.MetaData(), autoload_with=engine)
        with engine.begin() as connection:
            old = events.c.timestamp < cutoff
            senders_before = set(connection.execute(sa.select(events.c.sender_id).distinct()).scalars())
            deleted = connection.execute(events.delete().where(old)).rowcount
            senders_after = set(connection.execute(sa.select(events.c.sender_id).distinct()).scalars())
        return Forgotten(deleted, len(senders_before - senders_after))
    finally:
        engine.dispose()
