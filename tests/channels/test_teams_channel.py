"""The Teams (Bot Framework) channel against the running assistant. Local
stand-ins on loopback replace Microsoft's OpenID metadata and keys (signed with
a test RSA key), the Entra ID token endpoint and the conversation's serviceUrl."""

from __future__ import annotations

import time
import uuid
from urllib.parse import parse_qs, quote

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.channels.user_ids import pseudonym
from support.chat_services import (
    TEAMS_ACCESS_TOKEN as TOKEN_FROM_LOGIN, TEAMS_APP_ID as APP_ID, TEAMS_KEY_ID as KEY_ID,
    TEAMS_SIGNING_KEY as SIGNING_KEY, TEAMS_TENANT as TENANT, TEST_USER_ID_KEY,
)
from support.shared_assistant import shared_assistant
from support.tracker_db import PERSONAL_DATA, PERSONAL_MESSAGE, database_text, intent_of, wait_for_user_events

UNPUBLISHED_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
BOT = {"id": f"28:{APP_ID}", "name": "Kernteamwijzer"}
TEACHER = {"id": "29:1TeacherRawTeamsId-xyz", "name": "Juf Anne", "aadObjectId": "9f1e2d3c-teacher-aad-object"}
KEY = TEST_USER_ID_KEY.encode()


@pytest.fixture(scope="module")
def teams(request):
    shared = shared_assistant(request)
    return shared.assistant, shared.stand_in


def service_url(stand_in) -> str:
    return f"{stand_in.url}/teams-service/"


def token(stand_in, key=SIGNING_KEY, issuer="https://api.botframework.com", audience=APP_ID,
          expires_in=3600, serviceurl=None) -> str:
    now = int(time.time())
    claims = {"iss": issuer, "aud": audience, "nbf": now - 10, "exp": now + expires_in,
              "serviceurl": serviceurl or service_url(stand_in)}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})


def activity(stand_in, text="hoi", conversation=None, **fields):
    return {"type": "message", "id": uuid.uuid4().hex[:12], "channelId": "msteams",
            "serviceUrl": service_url(stand_in), "from": TEACHER, "recipient": BOT,
            "conversation": {"id": conversation or f"a:1{uuid.uuid4().hex}", "conversationType": "personal",
                             "tenantId": TENANT},
            "text": text, **fields}


def post(assistant, body, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    return requests.post(f"{assistant.url}/webhooks/teams/webhook", json=body, headers=headers, timeout=30)


def conversation_path(conversation_id):
    return f"/teams-service/v3/conversations/{quote(conversation_id, safe='')}/activities"


def replies_to(stand_in, conversation_id, count):
    return stand_in.wait_for("POST", conversation_path(conversation_id), count)


def sender_of(body):
    return pseudonym(KEY, "teams", body["conversation"]["id"], body["from"]["id"])


def test_signed_activity_gets_its_reply_at_the_service_url(teams):
    assistant, stand_in = teams
    body = activity(stand_in, "hoi")
    answer = post(assistant, body, f"Bearer {token(stand_in)}")
    assert answer.status_code == 200
    reply = replies_to(stand_in, body["conversation"]["id"], 1)[0]
    assert reply.path.endswith(f"/activities/{body['id']}")
    assert reply.headers["Authorization"] == f"Bearer {TOKEN_FROM_LOGIN}"
    sent = reply.json()
    assert sent["replyToId"] == body["id"] and sent["conversation"]["id"] == body["conversation"]["id"]
    card = sent["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.hero"
    buttons = card["content"]["buttons"]
    assert len(buttons) == 7 and all(button["type"] == "messageBack" for button in buttons)
    assert buttons[2] == {"type": "messageBack", "title": "Verlof aanvragen", "displayText": "Verlof aanvragen",
                          "text": "/ask_verlof", "value": {"payload": "/ask_verlof"}}
    # single-tenant: the outgoing token comes from the school's own tenant
    login = stand_in.received("POST", f"/login/{TENANT}/oauth2/v2.0/token")
    assert login, [r.path for r in stand_in.requests]
    form = parse_qs(login[0].body.decode())
    assert form["client_id"] == [APP_ID] and form["grant_type"] == ["client_credentials"]
    assert form["scope"] == ["https://api.botframework.com/.default"]


@pytest.mark.parametrize("problem", [
    "missing", "not bearer", "expired", "wrongly signed", "wrong issuer", "wrong audience", "serviceUrl mismatch",
])
def test_invalid_tokens_get_401_and_no_reply(teams, problem):
    assistant, stand_in = teams
    body = activity(stand_in, "hoi")
    authorization = {
        "missing": None,
        "not bearer": f"Basic {token(stand_in)}",
        "expired": f"Bearer {token(stand_in, expires_in=-3600)}",
        "wrongly signed": f"Bearer {token(stand_in, key=UNPUBLISHED_KEY)}",
        "wrong issuer": f"Bearer {token(stand_in, issuer='https://sts.windows.net/evil/')}",
        "wrong audience": f"Bearer {token(stand_in, audience='someone-elses-bot')}",
        "serviceUrl mismatch": f"Bearer {token(stand_in, serviceurl='https://smba.trafficmanager.net/emea/')}",
    }[problem]
    assert post(assistant, body, authorization).status_code == 401
    time.sleep(0.5)
    assert not stand_in.received("POST", conversation_path(body["conversation"]["id"]))


def test_a_clicked_button_arrives_as_its_payload(teams):
    assistant, stand_in = teams
    conversation = f"a:1{uuid.uuid4().hex}"
    post(assistant, activity(stand_in, "hoi", conversation), f"Bearer {token(stand_in)}")
    replies_to(stand_in, conversation, 1)
    # messageBack: Teams shows the title and sends the payload in `value`
    click = activity(stand_in, "/ask_verlof", conversation, value={"payload": "/ask_verlof"})
    click["text"] = "Verlof aanvragen"
    post(assistant, click, f"Bearer {token(stand_in)}")
    # imBack: the value comes back as the message text
    post(assistant, activity(stand_in, "/ask_verzuim", conversation), f"Bearer {token(stand_in)}")
    events = wait_for_user_events(assistant.tracker_db, sender_of(click), 3)
    assert [intent_of(event) for event in events[1:]] == ["ask_verlof", "ask_verzuim"]
    assert events[1]["text"] == "/ask_verlof"


def test_mentions_are_stripped(teams):
    assistant, stand_in = teams
    body = activity(stand_in, "<at>Kernteamwijzer</at> wie betaalt een iq onderzoek?",
                    entities=[{"type": "mention", "text": "<at>Kernteamwijzer</at>", "mentioned": BOT}])
    post(assistant, body, f"Bearer {token(stand_in)}")
    event = wait_for_user_events(assistant.tracker_db, sender_of(body), 1)[0]
    assert event["text"] == "wie betaalt een iq onderzoek?"
    assert replies_to(stand_in, body["conversation"]["id"], 1)


def test_a_teacher_who_adds_the_bot_is_greeted(teams):
    assistant, stand_in = teams
    update = activity(stand_in, None, type="conversationUpdate", membersAdded=[BOT, TEACHER])
    del update["text"]
    assert post(assistant, update, f"Bearer {token(stand_in)}").status_code == 200
    greeting = replies_to(stand_in, update["conversation"]["id"], 1)[0]
    assert greeting.path.endswith("/activities")  # a new message, not a reply
    assert greeting.json()["attachments"][0]["content"]["text"].startswith("Hoi! Ik ben Kernteamwijzer")

    others_join = activity(stand_in, None, type="conversationUpdate", membersAdded=[TEACHER])
    assert post(assistant, others_join, f"Bearer {token(stand_in)}").status_code == 200
    time.sleep(1)
    assert not stand_in.received("POST", conversation_path(others_join["conversation"]["id"]))


def test_no_raw_teams_id_and_no_personal_data_is_stored(teams):
    assistant, stand_in = teams
    body = activity(stand_in, f"<at>Kernteamwijzer</at> {PERSONAL_MESSAGE}")
    post(assistant, body, f"Bearer {token(stand_in)}")
    replies_to(stand_in, body["conversation"]["id"], 1)
    wait_for_user_events(assistant.tracker_db, sender_of(body), 1)
    stored = database_text(assistant.tracker_db)
    assert sender_of(body) in stored
    for raw in (TEACHER["id"], TEACHER["aadObjectId"], TEACHER["name"], body["conversation"]["id"], BOT["id"], TENANT,
                *PERSONAL_DATA):
        assert raw not in stored
