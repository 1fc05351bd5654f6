"""Implementations of the project CLI commands (see ``bot.cli``)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from typing import Callable

from bot import training
from bot.components.spacy_backend import (
    build_fallback_pipeline,
    official_model_installed,
    active_backend_name,
)
from bot.paths import PROJECT_ROOT, cache_dir, logs_dir, spacy_fallback_dir
from bot.rasa_env import (
    rasa_command,
    rasa_environment,
    run_logged,
    start_logged,
    stop,
    wait_for_port,
)


def _say(message: str) -> None:
    print(f"[kernteamwijzer] {message}", flush=True)


def prepare(warm_up_privacy: bool = True) -> int:
    """Builds everything machine-local that must exist before the first message:
    the spaCy fallback pipeline, the NLU lookups from knowledge/ and (for the
    server) deduce's lookup structures, which take ~90 s to build once."""
    from bot.nlu_lookups import write_lookups
    from bot.privacy.redaction import warm_up as warm_up_redaction

    if official_model_installed():
        _say("spaCy-backend: nl_core_news_sm (officieel model)")
    else:
        build_fallback_pipeline(spacy_fallback_dir())
        _say(f"spaCy-backend: {active_backend_name()} (fallback in {spacy_fallback_dir()})")
    changed = write_lookups()
    _say("NLU-opzoeklijsten bijgewerkt uit knowledge/" if changed else "NLU-opzoeklijsten zijn actueel")
    _ensure_user_id_key()
    if warm_up_privacy:
        started = time.monotonic()
        warm_up_redaction()
        _say(f"de-identificatie (deduce) klaar in {time.monotonic() - started:.0f} s")
    return 0


def _ensure_user_id_key() -> None:
    """The key for the pseudonymous Slack and Teams sender ids (bot.channels.user_ids)."""
    from bot.channels.user_ids import KEY_ENV, ensure_key_file, key_file

    if os.environ.get(KEY_ENV):
        return
    if ensure_key_file():
        _say(f"sleutel voor pseudonieme Slack/Teams-id's aangemaakt in {key_file()}")


def train(force: bool = False) -> int:
    """CLI `train`: prepares the training inputs, then trains when needed."""
    prepare(warm_up_privacy=False)
    return _train_if_needed(force)


def _train_if_needed(force: bool = False) -> int:
    result = training.train(force=force)
    if not result.trained:
        _say(f"model is actueel: {training.model_path().relative_to(PROJECT_ROOT)}")
        return 0
    status = "klaar" if result.exit_code == 0 else f"MISLUKT (exit {result.exit_code})"
    _say(f"training {status} in {result.seconds:.0f} s ({result.reason}); log: logs/train.log")
    return result.exit_code


def _api_token() -> str:
    import os

    token = os.environ.get("KERNTEAMWIJZER_API_TOKEN")
    if token:
        return token
    token_file = cache_dir() / "api-token"
    if not token_file.exists():
        token_file.parent.mkdir(parents=True, exist_ok=True)
        token_file.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        token_file.chmod(0o600)
    return token_file.read_text(encoding="utf-8").strip()


def _start_action_server(port: int, log_name: str) -> subprocess.Popen:
    with (logs_dir() / log_name).open("a", encoding="utf-8") as log:
        process = start_logged(rasa_command("run", "actions", "--actions", "actions", "--port", str(port)), log)
    if not wait_for_port(port, process, timeout_seconds=120):
        stop(process)
        raise RuntimeError(f"action server did not start; see logs/{log_name}")
    return process


def forget_old_conversations(days: int | None = None) -> int:
    """CLI `forget-old-conversations`: applies the retention period to the tracker store."""
    from bot.retention import forget_old_conversations as forget, retention_days, tracker_store_url

    period = days if days is not None else retention_days()
    forgotten = forget(tracker_store_url(), period)
    _say(f"bewaartermijn {period} dagen: {forgotten.events} oude gebeurtenissen verwijderd "
         f"({forgotten.conversations} gesprekken helemaal)")
    return 0


def _webchat_origins() -> list[str]:
    """The sites allowed to use the web chat (credentials.yml or KERNTEAMWIJZER_WEBCHAT_ORIGINS):
    Rasa's CORS answers only them."""
    import yaml

    from bot.channels.webchat import DEFAULT_ORIGINS, ORIGINS_ENV, parse_origins

    credentials = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}
    configured = (credentials.get("bot.channels.webchat.WebChatInput") or {}).get("allowed_origins")
    return list(parse_origins(os.environ.get(ORIGINS_ENV) or configured) or DEFAULT_ORIGINS)


def start(port: int = 5005, actions_port: int = 5055) -> int:
    if prepare() != 0 or _train_if_needed() != 0 or forget_old_conversations() != 0:
        return 1
    logs_dir().mkdir(parents=True, exist_ok=True)
    token = _api_token()
    actions = _start_action_server(actions_port, "actions.log")
    with (logs_dir() / "rasa.log").open("a", encoding="utf-8") as server_log:
        server = start_logged(
            rasa_command(
                "run", "--model", str(training.model_path()), "--port", str(port),
                "--enable-api", "--auth-token", token, "--cors", *_webchat_origins(),
                "--credentials", "credentials.yml", "--endpoints", "endpoints.yml",
            ),
            server_log,
        )
    try:
        if not wait_for_port(port, server, timeout_seconds=300):
            _say("Rasa-server start niet; zie logs/rasa.log")
            return 1
        _say("Kernteamwijzer draait.")
        _say(f"  Chat (REST):  curl -s -X POST http://localhost:{port}/webhooks/rest/webhook "
             "-H 'Content-Type: application/json' -d '{\"sender\": \"test\", \"message\": \"hoi\"}'")
        _say(f"  Webchat: http://localhost:{port}/webhooks/webchat/")
        _say(f"  HTTP API: http://localhost:{port}/ met token uit .cache/api-token (of KERNTEAMWIJZER_API_TOKEN)")
        _say("  In de terminal chatten: make shell")
        _say("  Stoppen: Ctrl-C. Logs: logs/rasa.log en logs/actions.log")
        server.wait()
        return server.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        stop(server)
        stop(actions)


def shell() -> int:
    if prepare() != 0 or _train_if_needed() != 0:
        return 1
    logs_dir().mkdir(parents=True, exist_ok=True)
    actions = _start_action_server(5055, "actions.log")
    try:
        return subprocess.call(
            rasa_command("shell", "--model", str(training.model_path()), "--endpoints", "endpoints.yml"),
            cwd=PROJECT_ROOT, env=rasa_environment(),
        )
    finally:
        stop(actions)


def validate_knowledge() -> int:
    from bot.knowledge.report import main as knowledge_report

    return knowledge_report([])


def _pytest() -> int:
    return subprocess.call(
        # The conversations run in their own step (below), with a short summary.
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests",
         "--ignore", "tests/test_conversations.py"],
        cwd=PROJECT_ROOT, env=rasa_environment(),
    )


def _conversations() -> int:
    from bot.conversation_harness import test_step

    return test_step.run()


def _data_validate() -> int:
    log = logs_dir() / "validate.log"
    log.unlink(missing_ok=True)
    code = run_logged(
        rasa_command("data", "validate", "--fail-on-warnings", "--config", "config.yml",
                     "--domain", "domain.yml", "--data", "data"),
        log,
    )
    if code != 0:
        problems = [line for line in log.read_text(encoding="utf-8").splitlines()
                    if "UserWarning" in line or "WARNING" in line or "ERROR" in line]
        for line in problems[:20]:
            _say(f"  {line.strip()}")
    return code


def _test_stories() -> int:
    results = PROJECT_ROOT / "results"
    log = logs_dir() / "test-stories.log"
    log.unlink(missing_ok=True)
    # Test stories replay the events they describe (custom actions are not run;
    # pytest covers those) and, with --e2e, check the NLU on every user message.
    code = run_logged(
        rasa_command(
            "test", "core", "--e2e", "--model", str(training.model_path()), "--stories", "tests/stories",
            "--out", str(results),
            "--fail-on-prediction-errors", "--no-plot",
        ),
        log,
    )
    report = results / "story_report.json"
    conversations = {}
    if report.exists():
        conversations = json.loads(report.read_text(encoding="utf-8")).get("conversation_accuracy", {})
    _say(f"  teststories: {conversations.get('correct', '?')} van {conversations.get('total', '?')} goed")
    if not conversations.get("total"):
        _say("  geen teststories gevonden (bestanden in tests/stories/ moeten met test_ beginnen)")
        return code or 1
    failed = results / "failed_test_stories.yml"
    if code != 0 and failed.exists():
        _say("  mislukte teststories (zie results/failed_test_stories.yml):")
        for line in failed.read_text(encoding="utf-8").splitlines()[:60]:
            print("    " + line)
    return code


def _skipped_source_checks() -> str | None:
    """One line when the source documents are absent (a clone without ../shared)."""
    from bot.knowledge.loader import SOURCES_DIR_ENV, default_sources_dir

    folder = default_sources_dir()
    if folder.is_dir() and any(folder.glob("0*.txt")):
        return None
    return (f"bronchecks overgeslagen: de brondocumenten staan niet in {folder} "
            f"(zet ze in ../shared/sources of wijs ze aan met {SOURCES_DIR_ENV}); "
            "de overige tests liepen wel")


def test() -> int:
    logs_dir().mkdir(parents=True, exist_ok=True)
    steps: list[tuple[str, Callable[[], int]]] = [
        ("voorbereiden (spaCy-fallback, NLU-opzoeklijsten, deduce)", prepare),
        ("kennisbank valideren", validate_knowledge),
        ("rasa data validate", _data_validate),
        ("model trainen (indien nodig)", _train_if_needed),
        # After training: the conversation, safety and NLU evaluation tests
        # talk to the trained model.
        ("pytest", _pytest),
        ("gesprekken (end-to-end, tests/conversations)", _conversations),
        ("teststories", _test_stories),
    ]
    outcomes: list[tuple[str, int, float]] = []
    for name, step in steps:
        _say(f"== {name}")
        started = time.monotonic()
        code = step()
        outcomes.append((name, code, time.monotonic() - started))
        if name.startswith("model") and code != 0:
            break
    _say("== samenvatting")
    for name, code, seconds in outcomes:
        _say(f"  {'OK  ' if code == 0 else 'FOUT'} {name} ({seconds:.0f} s)")
    skipped_sources = _skipped_source_checks()
    if skipped_sources:
        _say(f"  let op: {skipped_sources}")
    passed = sum(1 for _, code, _ in outcomes if code == 0)
    failed = len(steps) - passed
    print(f"test steps: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1
