"""Runs conversations end to end: the trained model (NLU and policies) in this
process, and the project's real action server (``actions``) as a subprocess on
a free 127.0.0.1 port. One loaded Agent serves every conversation of a session;
each conversation gets its own sender id in an in-memory tracker store.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import warnings
from pathlib import Path
from typing import Any, Iterable, Optional

from bot.conversation_harness.checking import check_turn, find_button
from bot.conversation_harness.model import Button, Conversation, ConversationResult, Reply, TurnResult
from bot.paths import PROJECT_ROOT, logs_dir
from bot.rasa_env import QUIET_ENVIRONMENT, rasa_environment

TURN_TIMEOUT_SECONDS = 60
ACTION_SERVER_START_SECONDS = 120
# Slots shown in transcripts and available to `slots:` expectations: all of them.


def _quiet() -> None:
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=UserWarning)
    for name in ("rasa", "tensorflow", "absl", "sanic", "asyncio", "aiohttp", "matplotlib", "urllib3", "h5py"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:  # Rasa 3.6 also logs through structlog (debug lines on stdout otherwise)
        from rasa.utils.log_utils import configure_structlog

        configure_structlog(logging.ERROR)
    except ImportError:
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def model_path() -> Path:
    from bot import training

    return training.model_path()


def ensure_model(train_when_stale: bool = False) -> Path:
    """The trained model; trains it with the project CLI when it is missing
    (or stale, when asked). Returns the model path."""
    from bot import training

    path = training.model_path()
    reason = training.staleness_reason()
    if reason is not None and (not path.exists() or train_when_stale):
        print(f"[conversation harness] training the model first ({reason}) …", file=sys.stderr, flush=True)
        code = subprocess.call(
            [sys.executable, "-m", "bot.cli", "train"], cwd=PROJECT_ROOT, env=rasa_environment(),
        )
        if code != 0 or not path.exists():
            raise RuntimeError(f"training failed (exit {code}); see logs/train.log")
    elif reason is not None:
        print(
            f"[conversation harness] WARNING: the model is stale ({reason}); run `python -m bot.cli train`",
            file=sys.stderr, flush=True,
        )
    return path


class ActionServer:
    """The project's action server (rasa_sdk) as a subprocess on a free loopback port."""

    def __init__(self, package: str = "actions", log_file: Optional[Path] = None):
        self.package = package
        self.log_file = log_file or logs_dir() / "conversation-harness-actions.log"
        self.port: Optional[int] = None
        self.process: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def start(self) -> "ActionServer":
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):  # another process may take the free port first
            self.port = free_port()
            env = rasa_environment({"SANIC_HOST": "127.0.0.1", "ACTION_SERVER_SANIC_WORKERS": "1"})
            with self.log_file.open("a", encoding="utf-8") as log:
                log.write(f"\n$ rasa_sdk --actions {self.package} --port {self.port}\n")
                log.flush()
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "rasa_sdk", "--actions", self.package, "--port", str(self.port)],
                    cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )
            deadline = time.monotonic() + ACTION_SERVER_START_SECONDS
            while time.monotonic() < deadline and self.process.poll() is None:
                if self._healthy():
                    return self
                time.sleep(0.25)
            self.stop()
        raise RuntimeError(f"the action server did not start; see {self.log_file}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def _replies(messages: Optional[list[dict]]) -> list[Reply]:
    replies = []
    for message in messages or []:
        buttons = tuple(
            Button(str(b.get("title", "")), str(b.get("payload", ""))) for b in (message.get("buttons") or [])
        )
        text = message.get("text") or ""
        if text or buttons:
            replies.append(Reply(text, buttons))
    return replies


class AssistantSession:
    """A loaded assistant for a test session. Use as a context manager:

    >>> with AssistantSession() as assistant:
    ...     result = assistant.run(conversation)
    """

    def __init__(self, model: Optional[Path] = None, actions_package: str = "actions"):
        self.model = Path(model) if model else None
        self.action_server = ActionServer(actions_package)
        self.agent: Any = None
        self.loop: Optional[asyncio.AbstractEventLoop] = None

    def __enter__(self) -> "AssistantSession":
        self.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def start(self) -> None:
        _quiet()
        model = self.model or ensure_model()
        if str(PROJECT_ROOT) not in sys.path:
            sys.path.insert(0, str(PROJECT_ROOT))
        self.action_server.start()
        try:
            from rasa.core.agent import Agent
            from rasa.core.lock_store import InMemoryLockStore
            from rasa.core.tracker_store import InMemoryTrackerStore
            from rasa.utils.endpoints import EndpointConfig

            self.loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self.loop)
            self.agent = Agent.load(
                str(model),
                action_endpoint=EndpointConfig(url=self.action_server.url),
                tracker_store=InMemoryTrackerStore(domain=None),
                lock_store=InMemoryLockStore(),
            )
            _quiet()  # loading the model resets some log levels
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.action_server.stop()
        if self.loop is not None:
            self.loop.close()
            self.loop = None

    # -- one turn ---------------------------------------------------------------------

    async def _tracker(self, sender_id: str) -> Any:
        return await self.agent.tracker_store.retrieve(sender_id)

    async def _turn(self, sender_id: str, text: str) -> tuple[list[Reply], dict]:
        before = await self._tracker(sender_id)
        seen = len(before.events) if before is not None else 0
        messages = await asyncio.wait_for(
            self.agent.handle_text(text, sender_id=sender_id), timeout=TURN_TIMEOUT_SECONDS
        )
        tracker = await self._tracker(sender_id)
        new_events = list(tracker.events)[seen:] if tracker is not None else []
        info: dict[str, Any] = {"actions": [], "intent": None, "confidence": None, "entities": [], "slots": {}}
        for event in new_events:
            kind = type(event).__name__
            if kind == "UserUttered":
                info["intent"] = (event.intent or {}).get("name")
                info["confidence"] = (event.intent or {}).get("confidence")
                info["entities"] = [
                    {"entity": e.get("entity"), "value": e.get("value")} for e in (event.entities or [])
                ]
            elif kind == "ActionExecuted" and event.action_name not in ("action_listen", None):
                info["actions"].append(event.action_name)
        if tracker is not None:
            info["slots"] = {name: slot.value for name, slot in tracker.slots.items()}
        return _replies(messages), info

    def run(self, conversation: Conversation) -> ConversationResult:
        assert self.loop is not None and self.agent is not None, "start() the session first"
        sender_id = f"harness-{conversation.id}-{uuid.uuid4().hex[:8]}"
        result = ConversationResult(conversation, sender_id)
        previous: list[Button] = []
        for turn in conversation.turns:
            turn_result = TurnResult(turn, sent=turn.user)
            result.turns.append(turn_result)
            if turn.click is not None:
                button = find_button(turn.click, previous)
                if button is None:
                    offered = ", ".join(f"'{b.title}'" for b in previous) or "no buttons"
                    turn_result.sent = None
                    turn_result.error = f"cannot click '{turn.click}': the previous turn offered {offered}"
                    break  # the rest of the conversation depends on this click
                turn_result.sent = button.payload
            try:
                replies, info = self.loop.run_until_complete(self._turn(sender_id, turn_result.sent or ""))
            except Exception as error:  # noqa: BLE001 - reported in the transcript
                turn_result.error = f"{type(error).__name__}: {error}"
                result.error = f"turn {len(result.turns)} raised {turn_result.error}"
                break
            turn_result.replies = replies
            turn_result.intent = info["intent"]
            turn_result.confidence = info["confidence"]
            turn_result.entities = info["entities"]
            turn_result.actions = info["actions"]
            turn_result.slots = info["slots"]
            turn_result.checks = check_turn(turn.expect, replies, info["slots"])
            previous = turn_result.buttons
        return result

    def run_all(self, conversations: Iterable[Conversation]) -> list[ConversationResult]:
        return [self.run(conversation) for conversation in conversations]


def run_conversations(conversations: Iterable[Conversation], model: Optional[Path] = None) -> list[ConversationResult]:
    """Runs every conversation with one loaded assistant and returns, per
    conversation, the transcript and the expectation results."""
    with AssistantSession(model=model) as assistant:
        return assistant.run_all(conversations)
