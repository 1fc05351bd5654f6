"""Which intents belong to which subject, in one place.

A *subject* is what a teacher asks about (the value of the ``topic`` slot and
of the anonymous usage counts). Frame intents steer the conversation itself
(yes/no, back, stop, …) and answers inside a route or form belong to no
subject of their own. Every intent in ``domain.yml`` is listed exactly once
here; ``tests/test_subjects.py`` fails when one is missing.
"""

from __future__ import annotations

from typing import Mapping

SUBJECT_INTENTS: Mapping[str, tuple[str, ...]] = {
    "veiligheid": (
        "acute_danger",
        "child_disclosure",
        "worry_safety",
        "parents_want_help",
        "parents_refuse_help",
        "parents_see_no_problem",
        "ask_grijze_gebied",
        "ask_meldcode",
        "ask_after_melding",
        "ask_verwijsindex",
        "ask_randvoorwaarden",
        "ask_conversation_tips",
        "ask_anonymous_advice",
    ),
    "kernteampartner": ("ask_partner",),
    "verlof": ("ask_verlof",),
    "verzuim": ("ask_verzuim",),
    "tweede_deskundige": ("ask_tweede_deskundige",),
    "onderzoek": ("ask_onderzoek",),
    "samenwerking": ("ask_samenwerking",),
}

# Intents that answer an open question of a route or form.
ANSWER_INTENTS: tuple[str, ...] = ("affirm", "deny", "dont_know", "inform", "inform_location", "inform_expert_function")

# Intents that steer the conversation whatever the subject.
FRAME_INTENTS: tuple[str, ...] = (
    "greet",
    "goodbye",
    "thank",
    "ask_help_menu",
    "ask_human",
    "out_of_scope",
    "other_language",
    "go_back",
    "start_over",
    "stop_route",
)

# Requests the rules handle even in the middle of a form: never read as an answer.
NOT_AN_ANSWER: frozenset[str] = frozenset(
    {"stop_route", "start_over", "go_back", "acute_danger", "child_disclosure", "other_language", "ask_human",
     "ask_help_menu", "goodbye"}
)


def subject_of(intent: str | None) -> str | None:
    """The subject an intent asks about, or None for frame and answer intents."""
    for subject, intents in SUBJECT_INTENTS.items():
        if intent in intents:
            return subject
    return None


def all_subject_intents() -> frozenset[str]:
    return frozenset(intent for intents in SUBJECT_INTENTS.values() for intent in intents)


def all_assigned_intents() -> list[str]:
    return [*all_subject_intents(), *ANSWER_INTENTS, *FRAME_INTENTS]
