"""The Rasa server is killed and started again in the middle of a conversation
(SQLite tracker store): the conversation continues where it was, inside the
verlof form, with what the teacher answered before the restart."""

from __future__ import annotations

from support.chat_clients import RestClient
from support.tracker_db import stored_events


def slots(events: list) -> dict:
    found = {}
    for event in events:
        if event["event"] == "slot":
            found[event["name"]] = event["value"]
    return found


def test_a_conversation_continues_after_rasa_restarts(assistant):
    teacher = RestClient(assistant)
    first = teacher.say("ouders willen verlof aanvragen voor een bruiloft van een oom")
    assert first.status == 200 and "Om hoeveel schooldagen" in first.text, first.texts
    before = stored_events(assistant.tracker_db, teacher.sender_id)

    assistant.restart_rasa()

    second = teacher.say("2 dagen")
    assert second.status == 200
    # the kind of verlof given before the restart decides the answer: up to 10 days, the school decides
    assert "directeur" in second.text and "Om wat voor verlof" not in second.text, second.texts
    after = stored_events(assistant.tracker_db, teacher.sender_id)
    assert after[:len(before)] == before
    assert slots(after)["verlof_kind"] == slots(before)["verlof_kind"] == "gewichtige_omstandigheden"
    assert slots(after)["verlof_days"] == 2
