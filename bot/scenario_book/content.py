"""What a scenario page shows, derived from a harness transcript (``to_dict()``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

SUBJECT_TITLES = {
    "veiligheid": "(On)veiligheid",
    "verlof": "Verlof",
    "verzuim": "Verzuim",
    "tweede_deskundige": "Tweede deskundige",
    "onderzoek": "IQ-onderzoek",
    "kernteampartner": "Kernteampartners",
    "samenwerking": "Samenwerking in het kernteam",
    None: "Overig",
}
CONTACT = re.compile(r"(\b0\d{1,3}-?\d{6,8}\b|\b0800-\d{4}\b|\b112\b|[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.[\w./-]+|https?://\S+)")


@dataclass(frozen=True)
class ScenarioPage:
    id: str
    title: str
    subject: str | None
    region: str | None
    case: str
    learning_goal: str
    discussion: tuple[str, ...]
    turns: tuple[dict[str, Any], ...]
    route: tuple[str, ...]
    people_and_contacts: tuple[str, ...]
    sources: tuple[str, ...]
    passed: bool
    failures: tuple[str, ...]


def _bot_lines(transcript: Mapping[str, Any]) -> list[str]:
    return [line.strip() for turn in transcript["turns"] for reply in turn["replies"]
            for line in (reply.get("text") or "").splitlines() if line.strip()]


def scenario_page(transcript: Mapping[str, Any]) -> ScenarioPage:
    lines = _bot_lines(transcript)
    topics = [turn["slots"].get("topic") for turn in transcript["turns"] if turn.get("slots")]
    subject = transcript.get("subject") or next((t for t in reversed(topics) if t), None)
    route: list[str] = []
    for turn in transcript["turns"]:
        for action in turn.get("actions") or []:
            if action not in ("action_listen", "action_session_start") and (not route or route[-1] != action):
                route.append(action)
    failures = [f"beurt {number}: {check['kind']} {check['expected']!r}"
                for number, turn in enumerate(transcript["turns"], start=1)
                for check in turn.get("checks") or [] if not check["passed"]]
    if transcript.get("error"):
        failures.append(str(transcript["error"]))
    return ScenarioPage(
        id=transcript["id"], title=transcript["title"], subject=subject, region=transcript.get("region"),
        case=transcript.get("case") or "", learning_goal=transcript.get("learning_goal") or "",
        discussion=tuple(transcript.get("discussion") or ()), turns=tuple(transcript["turns"]),
        route=tuple(route),
        people_and_contacts=tuple(dict.fromkeys(line for line in lines
                                                if CONTACT.search(line) or line.startswith(("Praat", "Je kunt terecht")))),
        sources=tuple(dict.fromkeys(line for line in lines if line.startswith("Bron"))),
        passed=bool(transcript.get("passed")), failures=tuple(failures),
    )


def subject_title(subject: str | None) -> str:
    return SUBJECT_TITLES.get(subject, (subject or "Overig").replace("_", " ").capitalize())
