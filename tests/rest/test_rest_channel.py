"""What only the REST channel does, against the running assistant: the
``sender`` checks (no shared ``default`` conversation), personal data kept out
of the tracker and usage databases, usage figures after real conversations.
Bad input common to every channel: tests/bad_input/."""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from support.tracker_db import stored_teacher_data

MARK = "zzqmarkeer"  # a word that occurs only in what the tests type


def post(assistant, body, content_type="application/json"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(f"{assistant.url}/webhooks/rest/webhook", data=data,
                         headers={"Content-Type": content_type}, timeout=60)


def say(assistant, message):
    response = post(assistant, {"sender": uuid.uuid4().hex, "message": message})
    assert response.status_code == 200, response.text
    replies = response.json()
    assert replies and all(reply.get("text") or reply.get("buttons") for reply in replies), replies
    return replies


def all_text(replies):
    return "\n".join(reply.get("text") or "" for reply in replies)


@pytest.mark.parametrize("body", [
    {"message": f"hoi {MARK}"},
    {"sender": "", "message": "hoi"},
    {"sender": "   ", "message": "hoi"},
    {"sender": 5, "message": "hoi"},
    {"sender": ["a"], "message": "hoi"},
    {"sender": None, "message": "hoi"},
    {"sender": {"id": "a"}, "message": "hoi"},
    {"sender": "a" * 129, "message": "hoi"},
])
def test_a_missing_or_wrong_sender_gets_400_with_a_dutch_explanation(assistant, body):
    response = post(assistant, body)
    assert response.status_code == 400, response.text
    assert "sender" in response.json()["error"] and "verzoek" in response.json()["error"]


def test_no_shared_default_conversation(assistant):
    first = post(assistant, {"message": "ik wil verlof aanvragen"})
    second = post(assistant, {"message": "ja"})
    assert first.status_code == second.status_code == 400


PERSONAL = ("het gaat om daan hoogendijk uit groep 4, bsn 123456782, moeder belt vanaf 06-12345678 "
            "of mail daan.hoogendijk@example.nl, ze wonen op de kerkstraat 12 in haarlem, en sanne komt vaak zonder eten")


def test_personal_data_never_reaches_the_database(assistant):
    import sqlite3

    sender = uuid.uuid4().hex
    response = post(assistant, {"sender": sender, "message": PERSONAL})
    assert response.status_code == 200
    assert "namen" in all_text(response.json()).lower()  # told once that names are not needed
    second = post(assistant, {"sender": sender, "message": "en nog iets over daan"})
    assert "niet nodig" not in all_text(second.json())
    stored = stored_teacher_data(assistant.tracker_db, sender)
    assert '"event": "user"' in stored
    for fragment in ("daan", "hoogendijk", "sanne", "123456782", "12345678", "example.nl", "kerkstraat"):
        assert fragment not in stored, fragment
    with sqlite3.connect(assistant.usage_db) as connection:
        usage = "\n".join(str(row) for row in connection.execute("select * from usage_conversations")).lower()
    assert sender not in usage and "daan" not in usage


def test_make_usage_counts_the_conversations_just_held(assistant, tmp_path, capsys):
    """Five verlof conversations through the real assistant show up in `make usage`."""
    from bot.usage.__main__ import main as usage_main
    from bot.usage.report import iso_week, week_table
    from bot.usage.store import UsageStore

    url = f"sqlite:///{assistant.usage_db}"

    def verlof_this_week() -> int:
        table = week_table(UsageStore(url).rows())
        return sum(count for (week, column), count in table.counts.items() if column == "verlof")

    before = verlof_this_week()
    for _ in range(5):
        say(assistant, "ouders willen verlof aanvragen voor een bruiloft van de oom")
    after = verlof_this_week()
    assert after == before + 5
    assert usage_main(["--url", url, "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "verlof" in printed.splitlines()[0] and (tmp_path / "usage.png").exists()
    rows = list(UsageStore(url).rows())
    assert any("verlof" in row.topics and row.channel == "rest" for row in rows)
    assert iso_week(rows[-1]).startswith("20")
