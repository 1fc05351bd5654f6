"""Talking to a running assistant as a teacher would, through the REST channel
or the web chat, with one interface, so a suite can run over both:

    client = CHANNELS["webchat"](assistant)
    answer = client.say("ik wil verlof aanvragen")
    answer.status, answer.texts, answer.buttons, answer.sender_id
    client.tracker_db                                   # the assistant's SQLite tracker store
    client.post_raw(b"{not json", "application/json")   # a requests.Response

``say`` continues one conversation per client; ``new_conversation`` starts another.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List

import requests

TIMEOUT_SECONDS = 120


@dataclass
class Answer:
    status: int
    replies: List[Dict[str, Any]] = field(default_factory=list)
    sender_id: str = ""

    @property
    def texts(self) -> List[str]:
        return [reply.get("text") or "" for reply in self.replies]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def buttons(self) -> List[Dict[str, Any]]:
        return [button for reply in self.replies for button in reply.get("buttons") or []]


class RestClient:
    name = "rest"

    def __init__(self, assistant: Any) -> None:
        self.url = f"{assistant.url}/webhooks/rest/webhook"
        self.tracker_db = assistant.tracker_db
        self.new_conversation()

    def new_conversation(self) -> None:
        self.sender_id = uuid.uuid4().hex

    def post_raw(self, body: Any, content_type: str = "application/json") -> requests.Response:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return requests.post(self.url, data=data, headers={"Content-Type": content_type}, timeout=TIMEOUT_SECONDS)

    def request_body(self, message: Any) -> Dict[str, Any]:
        return {"sender": self.sender_id, "message": message}

    def say(self, message: str) -> Answer:
        response = self.post_raw(self.request_body(message))
        replies = response.json() if response.status_code == 200 else []
        return Answer(response.status_code, replies, self.sender_id)

    @staticmethod
    def explanation(response: requests.Response) -> str:
        """The Dutch explanation of a refused request."""
        return response.json()["error"]


class WebChatClient:
    """The web chat page's protocol: a signed session, then messages, sent from
    the assistant's own (allowed) origin."""

    name = "webchat"

    def __init__(self, assistant: Any) -> None:
        self.base = f"{assistant.url}/webhooks/webchat"
        self.origin = assistant.url
        self.tracker_db = assistant.tracker_db
        self.new_conversation()

    def new_conversation(self) -> None:
        response = requests.post(f"{self.base}/session", json={}, headers={"Origin": self.origin},
                                 timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        self.session = response.json()["session"]
        self.sender_id = self.session.split(".")[1]

    def post_raw(self, body: Any, content_type: str = "application/json") -> requests.Response:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return requests.post(f"{self.base}/message", data=data, timeout=TIMEOUT_SECONDS,
                             headers={"Content-Type": content_type, "Origin": self.origin})

    def request_body(self, message: Any) -> Dict[str, Any]:
        return {"session": self.session, "message": message}

    def say(self, message: str) -> Answer:
        response = self.post_raw(self.request_body(message))
        replies = response.json()["messages"] if response.status_code == 200 else []
        return Answer(response.status_code, replies, self.sender_id)

    @staticmethod
    def explanation(response: requests.Response) -> str:
        return response.json()["detail"]


CHANNELS = {client.name: client for client in (RestClient, WebChatClient)}
