"""bot/action_server_fault.py in process: Rasa's RemoteAction against a local
stand-in action server that is down, slow, failing or rejecting."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from aiohttp import web
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, FollowupAction, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from actions.messages import render
from bot import action_server_fault as fault
from bot.knowledge import load_knowledge
from bot.paths import PROJECT_ROOT
from support.rasa_server import free_port
from support.stand_in import StandIn


@pytest.fixture(scope="module")
def domain() -> Domain:
    assert fault.apply()
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def tracker(domain: Domain, intent: str = "ask_verlof", *extra) -> DialogueStateTracker:
    events = [ActionExecuted(ACTION_LISTEN_NAME),
              UserUttered("een vraag", intent={"name": intent, "confidence": 1.0}), *extra]
    return DialogueStateTracker.from_events("fault-test", events, slots=domain.slots)


def run(url: str, domain: Domain, state: DialogueStateTracker, name: str = "action_remember_location") -> list:
    action = RemoteAction(name, EndpointConfig(url))
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)
    return asyncio.run(action.run(CollectingOutputChannel(), nlg, state, domain))


def down_url() -> str:
    return f"http://127.0.0.1:{free_port()}/webhook"  # nothing listens there


def kernteam_text(region_id: str) -> str:
    kb = load_knowledge()
    return render(fault.KERNTEAM_MESSAGE, emergency_number=kb.national.emergency_number,
                  **fault.kernteam_names(region_id))[0]


def told(events: list) -> list[str]:
    assert events[-1] == FollowupAction(ACTION_LISTEN_NAME)  # the turn ends here
    return [event.text for event in events if isinstance(event, BotUttered)]


def test_action_server_down_names_the_school_and_its_kernteam(domain):
    texts = told(run(down_url(), domain, tracker(domain)))
    assert texts == [kernteam_text(load_knowledge().default_region.id)]
    for word in ("aandachtsfunctionaris", "intern begeleider", "CJG-coach", "leerplichtambtenaar", "112"):
        assert word in texts[0]


def test_the_kernteam_of_the_schools_region(domain):
    texts = told(run(down_url(), domain, tracker(domain, "ask_partner", SlotSet("region", "utrecht"))))
    assert texts == [kernteam_text("utrecht")] and "buurtteam Lokalis" in texts[0]


@pytest.mark.parametrize("intent, slots", [
    ("ask_verlof", [SlotSet("topic", "veiligheid")]),  # inside the veiligheid route
    ("acute_danger", []),
    ("worry_safety", []),
])
def test_a_safety_question_gets_112_and_veilig_thuis(domain, intent, slots):
    texts = told(run(down_url(), domain, tracker(domain, intent, *slots)))
    assert texts == [render(fault.SAFETY_MESSAGE, emergency_number="112", veilig_thuis_phone="0800-2000")[0]]
    assert "bel dan 112" in texts[0].lower() and "Veilig Thuis, 0800-2000" in texts[0]


def slow_action_server(stand_in, method, path):
    return asyncio.sleep(120, {"events": [], "responses": []})


def test_a_slow_action_server_is_cut_off_by_the_timeout(domain, monkeypatch, caplog):
    monkeypatch.setenv(fault.TIMEOUT_ENV, "0.3")
    with StandIn(slow_action_server).running() as stand_in, caplog.at_level(logging.ERROR):
        texts = told(run(f"{stand_in.url}/webhook", domain, tracker(domain)))
        deadline = time.monotonic() + 10
        while stand_in.cancelled == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        # the call was sent, and the patch hung up long before the stand-in answered
        assert len(stand_in.requests) == 1 and stand_in.cancelled == 1
    assert texts == [kernteam_text(load_knowledge().default_region.id)]
    assert "geen antwoord op tijd" in caplog.text and "een vraag" not in caplog.text


def test_an_action_server_error_is_a_fault_but_a_rejection_is_not(domain):
    def failing(stand_in, method, path):
        return web.json_response({"error": "boom"}, status=500)

    def rejecting(stand_in, method, path):
        return web.json_response({"action_name": "action_remember_location", "error": "nee"}, status=400)

    with StandIn(failing).running() as stand_in:
        assert told(run(f"{stand_in.url}/webhook", domain, tracker(domain)))
    with StandIn(rejecting).running() as stand_in:
        with pytest.raises(ActionExecutionRejection):
            run(f"{stand_in.url}/webhook", domain, tracker(domain))


def test_once_per_turn_and_no_second_wait(domain):
    answering = StandIn(lambda stand_in, method, path: {"events": [], "responses": []})
    earlier = BotUttered("storing", metadata={fault.FAULT_KEY: True})
    with answering.running() as stand_in:
        events = run(f"{stand_in.url}/webhook", domain, tracker(domain, "ask_verlof", earlier))
        assert events == [FollowupAction(ACTION_LISTEN_NAME)] and stand_in.requests == []
        # a new user message: the action server is asked again
        later = tracker(domain, "ask_verlof", earlier, ActionExecuted(ACTION_LISTEN_NAME),
                        UserUttered("nog een vraag", intent={"name": "ask_verlof", "confidence": 1.0}))
        assert run(f"{stand_in.url}/webhook", domain, later) == [] and len(stand_in.requests) == 1


def test_a_fault_while_extracting_slots_is_not_waited_for_again(domain):
    """Rasa drops the message of a custom slot mapping's call; the next call
    in the same turn answers with the message at once, without asking."""
    state = tracker(domain, "ask_verlof")
    told(run(down_url(), domain, state))  # e.g. action_remember_location
    with StandIn(lambda stand_in, method, path: {"events": [], "responses": []}).running() as stand_in:
        texts = told(run(f"{stand_in.url}/webhook", domain, state, "validate_verlof_form"))
        assert texts == [kernteam_text(load_knowledge().default_region.id)] and stand_in.requests == []
        state.update(ActionExecuted(ACTION_LISTEN_NAME))
        state.update(UserUttered("een nieuwe vraag", intent={"name": "ask_verlof", "confidence": 1.0}))
        assert run(f"{stand_in.url}/webhook", domain, state) == [] and len(stand_in.requests) == 1


@pytest.mark.parametrize("value, seconds", [(None, 1.5), ("0.4", 0.4), ("3", 3.0), ("nul", 1.5), ("-1", 1.5)])
def test_the_timeout_setting(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv(fault.TIMEOUT_ENV, raising=False)
    else:
        monkeypatch.setenv(fault.TIMEOUT_ENV, value)
    assert fault.timeout_seconds() == seconds


def test_another_rasa_release_is_left_alone(monkeypatch, caplog):
    from bot import rasa_version

    monkeypatch.setattr(rasa_version, "_warned", set())
    with caplog.at_level(logging.WARNING):
        assert fault.apply(version="3.6.22") is False
    assert "bot.action_server_fault is written for Rasa 3.6.21" in caplog.text


def test_the_server_applies_it_through_rasa_patches():
    from bot import rasa_patches

    assert rasa_patches.apply_all()["action_server_fault"] is True
    assert getattr(RemoteAction, "_kernteamwijzer_action_server_fault")
