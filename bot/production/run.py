"""``make start-production`` (``python -m bot.cli start-production``): the
production set-up on this machine, until Ctrl-C.

Installs PostgreSQL, Redis and nginx from Debian's packages when missing
(scripts/install-production-services.sh), prepares and trains like ``make
start``, applies the retention period to the conversations in PostgreSQL, then
runs the stack (:class:`bot.production.stack.ProductionStack`) with the
settings from the ``KERNTEAMWIJZER_*`` variables. While it runs, a Rasa
process or action server that stops is started again and the retention
period is applied once a day. Ctrl-C (or SIGTERM) stops everything.
"""

from __future__ import annotations

import gc
import signal
import subprocess
import time

from bot import commands, training
from bot.paths import PROJECT_ROOT
from bot.production.processes import ServiceError
from bot.production.settings import ProductionSettings
from bot.production.stack import ProductionStack

WATCH_SECONDS = 5
RETENTION_EVERY_SECONDS = 24 * 60 * 60


def _say(message: str) -> None:
    print(f"[kernteamwijzer] {message}", flush=True)


def _stop_on_sigterm() -> None:
    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _install_services(settings: ProductionSettings) -> int:
    if not (settings.database.local or settings.redis.local):
        return 0  # only nginx is needed locally; the script skips what is present
    return subprocess.call([str(PROJECT_ROOT / "scripts" / "install-production-services.sh")])


def _forget_old_conversations(settings: ProductionSettings) -> None:
    from bot.retention import forget_old_conversations, retention_days

    days = retention_days()
    forgotten = forget_old_conversations(settings.database.url, days)
    _say(f"bewaartermijn {days} dagen: {forgotten.events} oude gebeurtenissen verwijderd "
         f"({forgotten.conversations} gesprekken helemaal)")


def _announce(stack: ProductionStack) -> None:
    settings = stack.settings
    _say(f"Kernteamwijzer draait in productie-opstelling: {settings.rasa_processes} Rasa-processen, "
         f"{settings.action_servers} actieserver(s), PostgreSQL {settings.database.host}:{settings.database.port}, "
         f"Redis {settings.redis.host}:{settings.redis.port}")
    _say(f"  Eén adres (nginx): {stack.url}")
    _say(f"  Chat (REST):  curl -s -X POST {stack.url}/webhooks/rest/webhook "
         "-H 'Content-Type: application/json' -d '{\"sender\": \"test\", \"message\": \"hoi\"}'")
    _say(f"  Webchat: {stack.url}/webhooks/webchat/")
    _say(f"  Rasa-processen: {', '.join(stack.rasa_urls)} (HTTP API met token uit .cache/api-token)")
    _say(f"  Stoppen: Ctrl-C. Logs: {stack.logs} en {settings.folder}/*/")


def main() -> int:
    settings = ProductionSettings.from_environment()
    if commands.prepare() != 0 or commands._train_if_needed() != 0 or _install_services(settings) != 0:
        return 1
    # prepare() loaded deduce's lookup tables (millions of objects) into this process;
    # without freezing them, the garbage collector makes Ctrl-C take ~40 s more.
    gc.freeze()
    _stop_on_sigterm()
    stack = ProductionStack(settings, model=training.model_path(), api_token=commands._api_token(),
                            cors_origins=commands._webchat_origins())
    try:
        _say("diensten starten (PostgreSQL, Redis, actieserver, Rasa-processen, nginx); dit duurt even")
        stack.start()
        _forget_old_conversations(settings)
        retention_applied = time.monotonic()
        _announce(stack)
        while True:
            time.sleep(WATCH_SECONDS)
            for name in stack.restart_dead_processes():
                _say(f"{name} was gestopt en is opnieuw gestart")
            if time.monotonic() - retention_applied > RETENTION_EVERY_SECONDS:
                _forget_old_conversations(settings)
                retention_applied = time.monotonic()
    except KeyboardInterrupt:
        _say("stoppen…")
        return 0
    except ServiceError as error:
        _say(str(error))
        return 1
    finally:
        stack.stop()
