"""When the action server is down or slow, the teacher still gets an answer.

Rasa 3.6 waits up to five minutes for the action server; when it cannot be
reached, the processor logs the exception and carries on without the action's
events, so the teacher gets an empty answer. This patch wraps
``RemoteAction.run`` (every call Rasa makes to the action server: actions,
form validation, custom slot mappings) and

- bounds each call by ``KERNTEAMWIJZER_ACTION_TIMEOUT`` seconds (default 1.5);
- when the action server cannot be reached, answers with an error status
  (5xx) or does not answer in time, returns a short Dutch message instead of
  the action's events, then ends the turn (``action_listen``): for a safety
  question (the ``topic`` is the veiligheid subject, or the message is one
  of its intents, such as acute danger) 112 and Veilig Thuis, otherwise the
  people in the school and the school's kernteam partners;
- says it once per turn, and later calls in the same turn (Rasa calls the
  action server for custom slot mappings before the action itself) do not
  wait for the action server again: one turn waits at most one timeout.

The conversation goes on where it was as soon as the action server is back:
nothing but the message and the ``action_listen`` is added to the tracker.
Rejections (HTTP 400, e.g. a form validation asking again) are not faults and
pass through unchanged.

Applied by :func:`bot.rasa_patches.apply_all` on Rasa 3.6.21 only.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections import OrderedDict
from typing import Any, Dict, List, Optional

from bot import rasa_version

logger = logging.getLogger(__name__)

TIMEOUT_ENV = "KERNTEAMWIJZER_ACTION_TIMEOUT"
DEFAULT_TIMEOUT_SECONDS = 1.5
CHECKED_RASA_RELEASE = "3.6.21"
FAULT_KEY = "kernteamwijzer_action_server_fault"  # marks the fault message in its metadata
SAFETY_MESSAGE = "action_server_unreachable_safety"
KERNTEAM_MESSAGE = "action_server_unreachable"
_PATCHED = "_kernteamwijzer_action_server_fault"


def timeout_seconds() -> float:
    """``KERNTEAMWIJZER_ACTION_TIMEOUT`` in seconds (default 1.5; invalid or
    non-positive values fall back to the default)."""
    try:
        seconds = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_SECONDS))
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS
    return seconds if seconds > 0 else DEFAULT_TIMEOUT_SECONDS


def fault_reason(error: BaseException) -> Optional[str]:
    """Why the action server failed (for the log), or None when ``error`` is not
    an action-server fault (a rejection, a bug in Rasa or in this project)."""
    import aiohttp
    from rasa.utils.endpoints import ClientResponseError

    seen: set[int] = set()
    current: Optional[BaseException] = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, asyncio.TimeoutError):
            return "geen antwoord op tijd"
        if isinstance(current, ClientResponseError):
            return f"status {current.status}" if current.status >= 500 else None
        if isinstance(current, aiohttp.ClientConnectionError):
            return "niet bereikbaar"
        current = current.__cause__ or current.__context__
    return None


# --- the message -------------------------------------------------------------------

def is_safety_conversation(tracker: Any) -> bool:
    """The ``topic`` slot or the latest message's intent is the safety subject."""
    from bot.safety.decision import ACUTE_INTENT
    from bot.subjects import subject_of

    safety = subject_of(ACUTE_INTENT)
    intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
    return tracker.get_slot("topic") == safety or subject_of(intent) == safety


def _region_id(tracker: Any, kb: Any) -> str:
    """The school's region from the ``region`` or ``gemeente`` slot, else the default."""
    known = {region.id for region in kb.regions}
    region_id, gemeente_id = tracker.get_slot("region"), tracker.get_slot("gemeente")
    if region_id not in known and gemeente_id in {gemeente.id for gemeente in kb.gemeenten}:
        region_id = kb.get("gemeente", gemeente_id).region_id
    return region_id if region_id in known else kb.default_region.id


def kernteam_names(region_id: str) -> Dict[str, str]:
    """The people in the school (school staff) and the school's kernteam
    partners in a region, by their local names, from ``knowledge/``."""
    from actions.rendering import join_names
    from bot.knowledge import load_knowledge

    kb = load_knowledge()
    school = [kb.local_role_name(role.id, region_id) for role in kb.roles if role.school_staff]
    kernteam = kb.kernteam(region_id)
    member_ids = kernteam.role_ids if kernteam else tuple(kb.get("region", region_id).roles)
    partners = [kb.local_role_name(role_id, region_id) for role_id in member_ids if not kb.is_school_role(role_id)]
    return {"school_people": join_names(school), "partners": join_names(partners)}


def fault_text(tracker: Any) -> str:
    from actions.messages import render
    from bot.knowledge import load_knowledge

    kb = load_knowledge()
    numbers = {"emergency_number": kb.national.emergency_number,
               "veilig_thuis_phone": kb.national.veilig_thuis_phone}
    if is_safety_conversation(tracker):
        return render(SAFETY_MESSAGE, **numbers)[0]
    return render(KERNTEAM_MESSAGE, **numbers, **kernteam_names(_region_id(tracker, kb)))[0]


def already_told(tracker: Any) -> bool:
    """The fault message was sent after the latest user message."""
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(FAULT_KEY):
            return True
    return False


class FaultedTurns:
    """The turns (sender id, time of the user's message) in which the action
    server already failed, so later calls in that turn do not wait again. Rasa
    drops the message of a call made while extracting slots, so the tracker
    alone cannot tell. Bounded: the oldest turns are forgotten."""

    def __init__(self, size: int = 10_000) -> None:
        self._turns: "OrderedDict[str, float]" = OrderedDict()
        self._size = size

    @staticmethod
    def _turn(tracker: Any) -> Optional[float]:
        from rasa.shared.core.events import UserUttered

        latest = next((event for event in reversed(tracker.events) if isinstance(event, UserUttered)), None)
        return latest.timestamp if latest is not None else None

    def remember(self, tracker: Any) -> None:
        self._turns[tracker.sender_id] = self._turn(tracker)
        self._turns.move_to_end(tracker.sender_id)
        while len(self._turns) > self._size:
            self._turns.popitem(last=False)

    def failed_before(self, tracker: Any) -> bool:
        turn = self._turns.get(tracker.sender_id)
        return turn is not None and turn == self._turn(tracker)


FAULTED_TURNS = FaultedTurns()


def fault_events(tracker: Any) -> List[Any]:
    """The fault message (once per turn), then the end of the turn."""
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import BotUttered, FollowupAction

    events: List[Any] = [] if already_told(tracker) else [
        BotUttered(fault_text(tracker), metadata={FAULT_KEY: True})]
    return events + [FollowupAction(ACTION_LISTEN_NAME)]


# --- the patch ---------------------------------------------------------------------

def apply(version: Optional[str] = None) -> bool:
    """Installs the patch once per process (idempotent). Returns whether it is
    active; on another Rasa release it warns and leaves Rasa as it is."""
    if not rasa_version.check("bot.action_server_fault", series=CHECKED_RASA_RELEASE, version=version):
        return False
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, _PATCHED, False):
        return True
    rasa_run = RemoteAction.run

    async def run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
        if already_told(tracker) or FAULTED_TURNS.failed_before(tracker):
            return fault_events(tracker)  # it failed earlier in this turn: no second wait
        try:
            return await asyncio.wait_for(rasa_run(self, output_channel, nlg, tracker, domain), timeout_seconds())
        except Exception as error:
            reason = fault_reason(error)
            if reason is None:
                raise
            logger.error("Actieserver: actie '%s' mislukt (%s); de leraar krijgt de storingsmelding.",
                         self.name(), reason)
            FAULTED_TURNS.remember(tracker)
            return fault_events(tracker)

    RemoteAction.run = run
    setattr(RemoteAction, _PATCHED, True)
    return True
