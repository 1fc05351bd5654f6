"""Bad input through the running assistant, over the REST channel and the web
chat (tests/support/chat_clients.py): never a 5xx, never an empty answer to a
well-formed request, a 400 with a Dutch explanation for a malformed one, and
never the text a teacher typed in the server's logs."""

from __future__ import annotations

import pytest

from actions.messages import help_menu_buttons, render
from bot.channels.message_guard import clean_text, max_message_chars
from support.tracker_db import user_events

MARK = "zzqmarkeer"  # a word that occurs only in what these tests type
LONG_STORY = f"ik wil je iets vertellen over een leerling uit mijn klas {MARK}. "
DANGER = "ze zegt dat haar vader haar vanavond dood slaat. "


def real_answer(answer):
    assert answer.status == 200, answer
    assert answer.replies and all(reply.get("text") or reply.get("buttons") for reply in answer.replies), answer
    return answer


def shorter_question(text: str) -> str:
    return render("channel_message_too_long", length=len(clean_text(text)), limit=max_message_chars())[0]


@pytest.mark.parametrize("message", [
    "😀😀😀",
    "🔪",
    f"<script>alert('{MARK}')</script>",
    f"<img src=x onerror=alert(1)> {MARK} <b>verlof</b>",
    f"'; DROP TABLE events; -- {MARK}",
    f"Robert'); DELETE FROM events WHERE ('{MARK}' = '",
    f"wie betaalt een iq onderzoek {MARK}\x07\x1b[31m\x00",
    f"verlof\u200b\u202e aanvragen {MARK}\ufeff",
    f"Wie kann ich {MARK} helfen? Ich habe eine Frage zum Urlaub.",
    f"How do I request leave for a pupil {MARK}?",
    f"لدي سؤال عن تلميذ {MARK}",
    f"У меня вопрос об ученике {MARK}",
    f"我有一个关于学生的问题 {MARK}",
    "?",
    "....",
    "1234567890",
    "{\"message\": \"hoi\"}",
])
def test_odd_messages_get_a_real_answer(client, message):
    real_answer(client.say(message))


@pytest.mark.parametrize("message", ["", "   \n\t  ", "\x00\x01\x02", "\u200b\u200b"])
def test_an_empty_message_gets_the_help_menu(client, message):
    answer = real_answer(client.say(message))
    titles = {button["title"] for button in answer.buttons}
    assert {button["title"] for button in help_menu_buttons()} <= titles


def other_replies(answer, expected_last: str) -> set:
    """The replies besides the expected last one: at most the privacy notice
    (the mark is an unknown word, so it may be a name)."""
    assert answer.texts[-1] == expected_last
    return set(answer.texts[:-1]) - {render("channel_names_not_needed")[0]}


@pytest.mark.parametrize("text", [LONG_STORY * 50, LONG_STORY * 16_000], ids=["3,300 characters", "1 MB"])
def test_a_long_message_gets_a_kind_request_for_a_shorter_question(client, text):
    answer = real_answer(client.say(text))
    assert other_replies(answer, shorter_question(text)) == set()
    assert user_events(client.tracker_db, answer.sender_id) == []  # not parsed at all


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_acute_danger_anywhere_in_a_long_story_gets_112_first(client, where):
    story = {"start": DANGER + LONG_STORY * 60,
             "middle": LONG_STORY * 30 + DANGER + LONG_STORY * 30,
             "end": LONG_STORY * 60 + DANGER}[where]
    answer = real_answer(client.say(story))
    assert "112" in answer.texts[0]
    assert other_replies(answer, shorter_question(story))  # the acute-danger answer


def test_control_characters_are_removed_before_the_message_is_handled(client):
    answer = real_answer(client.say("ik wil\x00 verlof\x1b[31m aanvragen\x07 voor een bruiloft"))
    stored = user_events(client.tracker_db, answer.sender_id)[-1]["text"]
    assert not any(ord(char) < 32 for char in stored)


def test_json_with_another_content_type_is_still_answered(client):
    response = client.post_raw(client.request_body(f"ik wil verlof aanvragen {MARK}"), "text/plain")
    assert response.status_code == 200 and response.json()


def without(body: dict, key: str) -> dict:
    return {name: value for name, value in body.items() if name != key}


MALFORMED = {
    "malformed JSON": (lambda c: b"{not json", "application/json"),
    "empty body": (lambda c: b"", "application/json"),
    "form instead of JSON": (lambda c: f"message=hoi+{MARK}", "application/x-www-form-urlencoded"),
    "binary": (lambda c: b"\xff\xfe\x00", "application/octet-stream"),
    "JSON null": (lambda c: "null", "application/json"),
    "JSON list": (lambda c: [c.request_body("hoi")], "application/json"),
    "JSON string": (lambda c: '"hoi"', "application/json"),
    "message missing": (lambda c: without(c.request_body(""), "message"), "application/json"),
    "message a number": (lambda c: c.request_body(42), "application/json"),
    "message a list": (lambda c: c.request_body(["hoi"]), "application/json"),
    "message null": (lambda c: c.request_body(None), "application/json"),
    "message an object": (lambda c: c.request_body({"text": "hoi"}), "application/json"),
    "message true": (lambda c: c.request_body(True), "application/json"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_request_gets_400_with_a_dutch_explanation(client, case):
    body, content_type = MALFORMED[case]
    response = client.post_raw(body(client), content_type)
    assert response.status_code == 400, response.text
    assert "Dit verzoek kan ik niet verwerken" in client.explanation(response)


def test_the_logs_hold_no_user_text(assistant):
    """Runs after every message above (each holds the mark)."""
    logs = assistant.logs()
    assert logs and MARK not in logs
    assert "dood slaat" not in logs
