"""Input checks every channel applies before Rasa sees a message."""

import pytest

from bot.channels.message_guard import (
    ACUTE_REQUEST,
    HELP_REQUEST,
    clean_text,
    guard,
    max_message_chars,
)
from bot.channels.rest import BadRequest, parse_request


@pytest.mark.parametrize("raw, cleaned", [
    ("hoi\x00 daar\x07", "hoi daar"),
    ("regel 1\nregel 2\r\n\tregel 3", "regel 1 regel 2 regel 3"),
    ("zero\u200bwidth\u202e", "zerowidth"),
    ("  \n\t ", ""),
    ("😀😀", "😀😀"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
])
def test_clean_text(raw, cleaned):
    assert clean_text(raw) == cleaned


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", "\x00\x01"])
def test_empty_messages_ask_for_the_help_menu(raw):
    assert guard(raw).text == HELP_REQUEST


def test_a_long_story_is_not_parsed_but_asked_to_be_shorter():
    story = "ik maak me zorgen over een leerling die vaak te laat komt. " * 60
    guarded = guard(story)
    assert guarded.too_long and guarded.text == "" and guarded.original_length == len(story.strip())


def test_danger_at_the_end_of_a_long_story_still_comes_first():
    story = "ik wil iets vertellen over een leerling uit mijn klas. " * 50 + "zijn vader dreigt hem vanavond dood te slaan"
    guarded = guard(story)
    assert guarded.too_long and guarded.text == ACUTE_REQUEST


def test_the_limit_is_configurable_but_never_below_2000(monkeypatch):
    monkeypatch.setenv("KERNTEAMWIJZER_MAX_MESSAGE_CHARS", "5000")
    assert max_message_chars() == 5000
    monkeypatch.setenv("KERNTEAMWIJZER_MAX_MESSAGE_CHARS", "10")
    assert max_message_chars() == 2000
    monkeypatch.setenv("KERNTEAMWIJZER_MAX_MESSAGE_CHARS", "veel")
    assert max_message_chars() == 2000


@pytest.mark.parametrize("body, problem", [
    (b"", "geen geldige JSON"),
    (b"{not json", "geen geldige JSON"),
    (b"\xff\xfe", "geen geldige JSON"),
    (b"[1, 2]", "JSON-object"),
    (b'{"message": "hoi"}', "'sender' ontbreekt"),
    (b'{"sender": "", "message": "hoi"}', "'sender' ontbreekt"),
    (b'{"sender": 12, "message": "hoi"}', "'sender' ontbreekt"),
    (b'{"sender": "a"}', "'message' ontbreekt"),
    (b'{"sender": "a", "message": null}', "'message' ontbreekt"),
    (b'{"sender": "a", "message": ["hoi"]}', "'message' ontbreekt"),
    (b'{"sender": "' + b"x" * 200 + b'", "message": "hoi"}', "langer dan 128"),
])
def test_bad_requests_are_explained(body, problem):
    with pytest.raises(BadRequest, match=problem):
        parse_request(body)


def test_a_good_request():
    assert parse_request(b'{"sender": "abc", "message": "hoi", "metadata": {"a": 1}}') == ("abc", "hoi", {"a": 1})
