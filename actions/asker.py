"""Who is asking: "ik ben ib'er", "als directeur", "ik ben zelf de intern
begeleider". Remembered in the ``asker_role`` slot (a role id of
knowledge/roles.yml, or ``leerkracht``) so that answers never send people to
themselves ("bespreek het met je IB'er" to an IB'er)."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import latest_text
from actions.messages import catalogue, render
from bot.knowledge import load_knowledge

TEACHER = "leerkracht"
COLLEAGUES = "colleagues"
_TEACHER_WORDS = re.compile(r"^(leerkracht|leraar|lerares|juf|meester|docent|mentor|groepsleerkracht)\b")
# "ik ben (zelf) (de) ib'er", "als directeur", "ik werk als intern begeleider", "hier de ib'er".
_SELF = re.compile(
    r"\b(?:(?:ik\s+ben|ben\s+ik|hier\s+is|hier)\s+(?:zelf\s+)?(?:de\s+|een\s+|zelf\s+)?|"
    r"(?:ik\s+werk\s+als|werkzaam\s+als|als)\s+)(?:nieuwe\s+)?"
    r"(?P<role>[\w'’\-]+(?:\s+[\w'’\-]+)?)",
    re.IGNORECASE,
)


def asker_in_text(text: str) -> tuple[str, tuple[int, int]] | None:
    """(role id or ``leerkracht``, span of the role words) when the text says who
    is asking; None otherwise. Only the teacher's own roles inside a school count."""
    if not text or text.startswith("/"):
        return None
    kb = load_knowledge()
    for match in _SELF.finditer(text):
        words = match.group("role")
        if _TEACHER_WORDS.match(words.lower()):
            return TEACHER, match.span("role")
        # "als directeur", but not "als de directeur het goedvindt": only the role words themselves.
        for candidate in (words.split()[0], words):
            role = kb.find("role", candidate)
            if role is not None and kb.is_school_role(role.id) and _names_only_the_role(candidate, role.id):
                start = match.start("role")
                return role.id, (start, start + len(candidate))
    return None


def _names_only_the_role(words: str, role_id: str) -> bool:
    """The words are the role's own name ("ib'er", "intern begeleider"), not a
    longer phrase in which a role name happens to occur."""
    role = load_knowledge().get("role", role_id)
    names = {name.lower().replace("’", "'") for name in (role.name, *role.synonyms)}
    return words.lower().replace("’", "'").strip(".,;:!?") in names


def asker_span(tracker: Tracker) -> tuple[int, int] | None:
    """Where the latest message says who is asking (to not read it as the role asked about)."""
    found = asker_in_text(latest_text(tracker))
    return found[1] if found else None


def asker_role(tracker: Tracker) -> str | None:
    found = asker_in_text(latest_text(tracker))
    return found[0] if found else tracker.get_slot("asker_role")


def others(tracker: Tracker, role_ids: Sequence[str]) -> list[str]:
    """``role_ids`` without the role of whoever is asking."""
    me = asker_role(tracker)
    return [role_id for role_id in role_ids if role_id != me]


def school_colleagues(tracker: Tracker) -> str:
    """ "je IB'er of directeur", without the asker's own role: the wording per asker
    is in actions/messages.yml (``colleagues_<role id>``, else ``colleagues``)."""
    own = f"{COLLEAGUES}_{asker_role(tracker)}"
    text, _ = render(own if own in catalogue() else COLLEAGUES)
    return text


class ActionRememberAsker(Action):
    """Slot mapping of ``asker_role``: set when a message says who is asking."""

    def name(self) -> Text:
        return "action_remember_asker"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        found = asker_in_text(latest_text(tracker))
        if found is None or found[0] == tracker.get_slot("asker_role"):
            return []
        return [SlotSet("asker_role", found[0])]
