"""The Slack channel against the running assistant, with a local stand-in for
Slack's Web API: signing, retries, threads, numbered lists, Block Kit buttons,
mentions, and no raw Slack id in the tracker store."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest
import requests

from bot.channels.slack_api import signature
from bot.channels.user_ids import pseudonym
from support.chat_services import (
    SLACK_CHANNEL as CHANNEL, SLACK_SECRET as SECRET, SLACK_TOKEN as TOKEN, TEST_USER_ID_KEY,
)
from support.shared_assistant import shared_assistant
from support.tracker_db import PERSONAL_DATA, PERSONAL_MESSAGE, database_text, intent_of, wait_for_user_events

TEAM = "T0SCHOOL1"
OTHER_CHANNEL = "C0LERAREN"
DM = "D0DIRECT1"
TEACHER = "U0TEACHER1"
BOT = "U0KERNBOT"
COLLEAGUE = "U0COLLEGA7"
KEY = TEST_USER_ID_KEY.encode()


@pytest.fixture(scope="module")
def slack(request):
    shared = shared_assistant(request)
    return shared.assistant, shared.stand_in


def send(assistant, body: bytes, content_type="application/json", timestamp=None, secret=SECRET, headers=None):
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return requests.post(f"{assistant.url}/webhooks/slack/webhook", data=body, timeout=30, headers={
        "Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature(secret, stamp, body), **(headers or {})})


def event_body(text, ts, channel=CHANNEL, thread_ts=None, kind="message", channel_type="channel") -> bytes:
    event = {"type": kind, "user": TEACHER, "text": text, "ts": ts, "channel": channel, "team": TEAM}
    if kind == "message":
        event["channel_type"] = channel_type
    if thread_ts:
        event["thread_ts"] = thread_ts
    return json.dumps({"type": "event_callback", "team_id": TEAM, "event_id": f"Ev{ts}", "event": event}).encode()


def posts(stand_in, count):
    return [r.json() for r in stand_in.wait_for("POST", "/api/chat.postMessage", count)]


def settled_post_count(stand_in, quiet_seconds=1.5) -> int:
    """The number of posts once no new one has arrived for ``quiet_seconds``."""
    count, since = -1, time.monotonic()
    while time.monotonic() - since < quiet_seconds:
        now = len(stand_in.received("POST", "/api/chat.postMessage"))
        if now != count:
            count, since = now, time.monotonic()
        time.sleep(0.1)
    return count


def new_ts() -> str:
    return f"{time.time():.6f}"


def test_url_verification_echoes_the_challenge(slack):
    assistant, _ = slack
    answer = send(assistant, json.dumps({"type": "url_verification", "challenge": "abc123"}).encode())
    assert answer.status_code == 200 and answer.json() == {"challenge": "abc123"}


def test_signed_event_is_answered_in_its_thread_and_a_retry_is_not(slack):
    assistant, stand_in = slack
    before = len(stand_in.received("POST", "/api/chat.postMessage"))
    ts = new_ts()
    body = event_body("hoi", ts)
    assert send(assistant, body).status_code == 200
    reply = posts(stand_in, before + 1)[before]
    assert reply["channel"] == CHANNEL and reply["thread_ts"] == ts
    request = stand_in.received("POST", "/api/chat.postMessage")[-1]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"

    answered = settled_post_count(stand_in)
    retry = send(assistant, body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    assert settled_post_count(stand_in, quiet_seconds=2) == answered
    sender = pseudonym(KEY, "slack", TEAM, CHANNEL, ts)
    assert len(wait_for_user_events(assistant.tracker_db, sender, 1)) == 1


@pytest.mark.parametrize("problem", ["wrong signature", "stale timestamp", "no signature"])
def test_unsigned_or_stale_requests_are_rejected(slack, problem):
    assistant, stand_in = slack
    before = len(stand_in.requests)
    body = event_body("hoi", new_ts())
    if problem == "wrong signature":
        answer = send(assistant, body, secret="not-the-secret")
    elif problem == "stale timestamp":
        answer = send(assistant, body, timestamp=int(time.time()) - 6 * 60)
    else:
        answer = requests.post(f"{assistant.url}/webhooks/slack/webhook", data=body, timeout=30,
                               headers={"Content-Type": "application/json"})
    assert answer.status_code in (401, 403)
    time.sleep(1)
    assert len(stand_in.requests) == before


def test_more_than_five_buttons_become_a_numbered_list_answered_by_number(slack):
    assistant, stand_in = slack
    before = len(stand_in.received("POST", "/api/chat.postMessage"))
    ts = new_ts()
    send(assistant, event_body("hoi", ts))
    greeting = posts(stand_in, before + 1)[before]
    assert "blocks" not in greeting
    for number in range(1, 8):
        assert f"\n{number}. " in greeting["text"]
    assert "Verlof aanvragen" in greeting["text"]

    send(assistant, event_body("2", new_ts(), thread_ts=ts))
    sender = pseudonym(KEY, "slack", TEAM, CHANNEL, ts)
    events = wait_for_user_events(assistant.tracker_db, sender, 2)
    assert intent_of(events[-1]) == "ask_partner"  # button 2: "Welke kernteampartner benader ik?"
    assert posts(stand_in, before + 2)[before + 1]["thread_ts"] == ts


def test_up_to_five_buttons_are_block_kit_buttons_whose_click_arrives_as_payload(slack):
    assistant, stand_in = slack
    before = len(stand_in.received("POST", "/api/chat.postMessage"))
    ts = new_ts()
    send(assistant, event_body("hoi", ts))
    posts(stand_in, before + 1)
    send(assistant, event_body("1", new_ts(), thread_ts=ts))  # "Ik heb vragen over (on)veiligheid"
    posts(stand_in, before + 2)
    settled = settled_post_count(stand_in)
    question = [post for post in posts(stand_in, settled)[before + 1:] if "blocks" in post][-1]
    buttons = [element for block in question["blocks"] if block["type"] == "actions"
               for element in block["elements"]]
    assert [button["value"] for button in buttons] == ["/affirm", "/deny", "/dont_know"]

    bot_message_ts = new_ts()
    interaction = {
        "type": "block_actions", "team": {"id": TEAM}, "user": {"id": TEACHER, "team_id": TEAM},
        "channel": {"id": CHANNEL}, "container": {"type": "message", "message_ts": bot_message_ts,
                                                  "channel_id": CHANNEL, "thread_ts": ts},
        "message": {"ts": bot_message_ts, "thread_ts": ts, "text": question["text"]},
        "actions": [{"action_id": buttons[1]["action_id"], "value": buttons[1]["value"], "type": "button"}],
    }
    answer = send(assistant, urlencode({"payload": json.dumps(interaction)}).encode(),
                  content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    sender = pseudonym(KEY, "slack", TEAM, CHANNEL, ts)
    events = wait_for_user_events(assistant.tracker_db, sender, 3)
    assert events[-1]["text"] == "/deny" and intent_of(events[-1]) == "deny"
    assert posts(stand_in, settled + 1)[settled]["thread_ts"] == ts


def test_mentions_are_stripped_and_answered_where_they_were_made(slack):
    assistant, stand_in = slack
    before = len(stand_in.received("POST", "/api/chat.postMessage"))
    ts = new_ts()
    text = f"<@{BOT}> wie betaalt een iq onderzoek? vraag van <@{COLLEAGUE}|collega>"
    send(assistant, event_body(text, ts, channel=OTHER_CHANNEL, kind="app_mention"))
    reply = posts(stand_in, before + 1)[before]
    assert reply["channel"] == OTHER_CHANNEL and reply["thread_ts"] == ts
    sender = pseudonym(KEY, "slack", TEAM, OTHER_CHANNEL, ts)
    event = wait_for_user_events(assistant.tracker_db, sender, 1)[0]
    assert event["text"] == "wie betaalt een iq onderzoek? vraag van"
    answered = settled_post_count(stand_in)
    # the same message also arrives as a plain message event: no second answer
    send(assistant, event_body(text, ts, channel=OTHER_CHANNEL))
    assert settled_post_count(stand_in) == answered
    assert len(wait_for_user_events(assistant.tracker_db, sender, 1)) == 1


def test_a_direct_message_is_answered_without_starting_a_thread(slack):
    assistant, stand_in = slack
    before = len(stand_in.received("POST", "/api/chat.postMessage"))
    send(assistant, event_body("hoi", new_ts(), channel=DM, channel_type="im"))
    reply = posts(stand_in, before + 1)[before]
    assert reply["channel"] == DM and "thread_ts" not in reply
    assert wait_for_user_events(assistant.tracker_db, pseudonym(KEY, "slack", TEAM, DM, ""), 1)


def test_no_raw_slack_id_and_no_personal_data_is_stored(slack):
    assistant, stand_in = slack
    # a conversation of its own, so this test does not depend on the order
    ts = new_ts()
    before = len(stand_in.received("POST", "/api/chat.postMessage"))
    send(assistant, event_body(f"<@{BOT}> {PERSONAL_MESSAGE}", ts))
    posts(stand_in, before + 1)
    sender = pseudonym(KEY, "slack", TEAM, CHANNEL, ts)
    wait_for_user_events(assistant.tracker_db, sender, 1)
    stored = database_text(assistant.tracker_db)
    assert sender in stored
    for raw in (TEACHER, BOT, COLLEAGUE, TEAM, CHANNEL, OTHER_CHANNEL, DM, *PERSONAL_DATA):
        assert raw not in stored
