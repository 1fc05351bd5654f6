"""The production set-up: PostgreSQL, Redis, several Rasa processes, action
servers and nginx on one machine (``make start-production``), or pointed at a
real deployment's services with ``KERNTEAMWIJZER_*`` variables. See
:mod:`bot.production.stack` for the Python API and README, "Production"."""

from bot.production.settings import Database, ProductionSettings, Redis
from bot.production.stack import ProductionStack

__all__ = ["Database", "ProductionSettings", "ProductionStack", "Redis"]
