"""The running assistant while its action server is down, and after it is
back: the teacher gets the short Dutch fault message (not an empty answer),
and the same conversation goes on normally once the action server runs."""

from __future__ import annotations

from actions.messages import render
from bot import action_server_fault as fault
from bot.knowledge import load_knowledge
from support.chat_clients import RestClient
from support.tracker_db import stored_events

VERLOF = "ouders willen verlof aanvragen voor een bruiloft van een oom"


def expected(name: str) -> str:
    kb = load_knowledge()
    numbers = {"emergency_number": kb.national.emergency_number, "veilig_thuis_phone": kb.national.veilig_thuis_phone}
    if name == fault.SAFETY_MESSAGE:
        return render(name, **numbers)[0]
    return render(name, emergency_number=numbers["emergency_number"],
                  **fault.kernteam_names(kb.default_region.id))[0]


def without_notice(answer) -> list:
    """The replies without the privacy notice (a word the redaction takes for a
    name may add it; it is not what this test is about)."""
    return [text for text in answer.texts if text != render("channel_names_not_needed")[0]]


def test_action_server_down_then_back(assistant):
    teacher, worried, acute = RestClient(assistant), RestClient(assistant), RestClient(assistant)
    assistant.stop_actions()
    try:
        down = teacher.say(VERLOF)
        safety = worried.say("ik maak me zorgen over de veiligheid van een leerling thuis")
        danger = acute.say("een leerling zegt dat haar vader haar vanavond dood slaat")
    finally:
        assistant.start_actions()
    assert down.status == safety.status == danger.status == 200
    assert without_notice(down) == [expected(fault.KERNTEAM_MESSAGE)]
    assert without_notice(safety) == [expected(fault.SAFETY_MESSAGE)]
    assert without_notice(danger) == [expected(fault.SAFETY_MESSAGE)]

    back = teacher.say(VERLOF)
    fresh = RestClient(assistant).say(VERLOF)
    assert back.texts == fresh.texts and expected(fault.KERNTEAM_MESSAGE) not in back.text

    # the tracker: the fault message once, then the turn ended; then a normal turn
    events = stored_events(assistant.tracker_db, teacher.sender_id)
    bot_texts = [event.get("text") for event in events if event["event"] == "bot"]
    assert bot_texts.count(expected(fault.KERNTEAM_MESSAGE)) == 1
    user_turns = [index for index, event in enumerate(events) if event["event"] == "user"]
    assert len(user_turns) == 2
    first_turn = events[user_turns[0]:user_turns[1]]
    assert (first_turn[-1]["event"], first_turn[-1]["name"]) == ("action", "action_listen")
    assert events[-1]["event"] == "action" and events[-1]["name"] == "action_listen"
    assert not any(event["event"] == "action_execution_rejected" for event in events)
