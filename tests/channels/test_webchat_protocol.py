"""The web chat channel over HTTP with a real client (aiohttp) against the
running assistant: page and files, a conversation, refused origins and refused
session tokens."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest

from bot.channels.webchat import SessionTokens
from support.tracker_db import stored_teacher_data


def _run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def _post(url: str, body: Any, origin: str | None) -> tuple[int, dict, Any]:
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession() as client:
        async with client.post(url, json=body, headers=headers) as reply:
            return reply.status, dict(reply.headers), await reply.json(content_type=None)


async def _get(url: str) -> tuple[int, dict, str, str]:
    async with aiohttp.ClientSession() as client:
        async with client.get(url, allow_redirects=False) as reply:
            return reply.status, dict(reply.headers), await reply.text(), reply.headers.get("Location", "")


def test_page_and_files_are_served_with_a_strict_policy(webchat_server):
    base = f"{webchat_server.url}/webhooks/webchat"
    status, headers, html, _ = _run(_get(base + "/"))
    assert status == 200
    assert '<html lang="nl">' in html and "Nieuw gesprek" in html and "anoniem" in html
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert f"frame-ancestors 'self' {webchat_server.url}" in policy
    for name, kind in (("webchat.js", "text/javascript"), ("webchat.css", "text/css")):
        status, headers, body, _ = _run(_get(f"{base}/static/{name}"))
        assert status == 200 and headers["Content-Type"].startswith(kind) and len(body) > 1000
    assert _run(_get(f"{base}/static/..%2Fwebchat.py"))[0] == 404
    status, _, _, location = _run(_get(base))
    assert status == 301 and location.endswith("/webhooks/webchat/")


def test_a_conversation_gets_replies(webchat_server):
    origin = webchat_server.url
    base = f"{origin}/webhooks/webchat"

    async def converse() -> list:
        status, headers, body = await _post(base + "/session", {}, origin)
        assert status == 200 and headers["Access-Control-Allow-Origin"] == origin
        session = body["session"]
        replies = []
        for text in ("/greet", "Hoe vraag ik verlof aan voor een leerling?"):
            status, _, body = await _post(base + "/message", {"session": session, "message": text}, origin)
            assert status == 200
            replies.append(body["messages"])
        return replies

    greeting, answer = _run(converse())
    assert "Kernteamwijzer" in greeting[0]["text"]
    titles = [button["title"] for message in greeting for button in message.get("buttons", [])]
    assert "Verlof aanvragen" in titles
    assert all(button["payload"].startswith("/") for message in greeting for button in message.get("buttons", []))
    assert answer and any("verlof" in message.get("text", "").lower() for message in answer)


def test_sessions_are_separate_and_random(webchat_server):
    origin = webchat_server.url
    tokens = {_run(_post(f"{origin}/webhooks/webchat/session", {}, origin))[2]["session"] for _ in range(3)}
    assert len(tokens) == 3
    assert all(len(token.split(".")[1]) >= 24 for token in tokens)


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", None])
def test_a_foreign_or_missing_origin_is_refused(webchat_server, origin):
    base = f"{webchat_server.url}/webhooks/webchat"
    status, headers, body = _run(_post(base + "/session", {}, origin))
    assert status == 403 and body["error"] == "origin_not_allowed" and "niet te gebruiken" in body["detail"]
    assert "session" not in body
    assert headers.get("Access-Control-Allow-Origin") in (None, webchat_server.url)
    valid = _run(_post(base + "/session", {}, webchat_server.url))[2]["session"]
    status, headers, body = _run(_post(base + "/message", {"session": valid, "message": "hoi"}, origin))
    assert status == 403 and "messages" not in body
    assert headers.get("Access-Control-Allow-Origin") in (None, webchat_server.url)


def test_made_up_or_altered_session_ids_are_refused(webchat_server):
    origin = webchat_server.url
    base = f"{origin}/webhooks/webchat"
    valid = _run(_post(base + "/session", {}, origin))[2]["session"]
    version, session_id, issued, mac = valid.split(".")
    foreign_key = SessionTokens(b"not the server's key", 3600).issue()
    made_up = [
        "my-own-session-id",
        "v1.a.1.b",
        f"{version}.{session_id[:-1]}{'A' if session_id[-1] != 'A' else 'B'}.{issued}.{mac}",
        f"{version}.{session_id}.{int(issued) + 5}.{mac}",
        foreign_key,
        None,
        12345,
    ]
    for token in made_up:
        status, _, body = _run(_post(base + "/message", {"session": token, "message": "hoi"}, origin))
        assert (status, body["error"]) == (403, "unknown_session"), token


def test_malformed_messages_are_refused_without_reaching_the_model(webchat_server):
    """Empty and very long messages get a real answer (tests/bad_input/)."""
    origin = webchat_server.url
    base = f"{origin}/webhooks/webchat"
    session = _run(_post(base + "/session", {}, origin))[2]["session"]
    assert _run(_post(base + "/message", {"session": session}, origin))[0] == 400
    assert _run(_post(base + "/message", {"session": session, "message": 7}, origin))[0] == 400
    assert _run(_post(base + "/message", ["not", "an", "object"], origin))[0] == 400


def test_personal_data_is_not_stored_and_the_teacher_is_told_once(webchat_server):
    origin = webchat_server.url
    base = f"{origin}/webhooks/webchat"
    personal = ("het gaat om daan hoogendijk uit groep 4, bsn 123456782, moeder belt vanaf 06-12345678 "
                "of mail daan.hoogendijk@example.nl, ze wonen op de kerkstraat 12, en sanne komt vaak zonder eten")

    async def converse() -> list:
        _, _, body = await _post(base + "/session", {}, origin)
        session = body["session"]
        replies = [session.split(".")[1]]
        for text in (personal, "en nog iets over daan"):
            status, _, body = await _post(base + "/message", {"session": session, "message": text}, origin)
            assert status == 200
            replies.append(" ".join(message.get("text", "") for message in body["messages"]))
        return replies

    sender_id, first, second = _run(converse())
    assert "niet nodig" in first and "niet nodig" not in second
    stored = stored_teacher_data(webchat_server.tracker_db, sender_id)
    assert '"event": "user"' in stored
    for fragment in ("daan", "hoogendijk", "sanne", "123456782", "12345678", "example.nl", "kerkstraat"):
        assert fragment not in stored, fragment
