"""Shared behaviour of the guided forms: parse the answer to the open question,
re-ask at most twice with a clear reason, then explain and move on."""

from __future__ import annotations

import abc
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Sequence, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import FORM_SLOT_ORDER, latest_entity_values, latest_intent, latest_text
from actions.messages import say
from bot.knowledge import load_knowledge
from bot.subjects import NOT_AN_ANSWER, all_subject_intents
from bot.subjects import SUBJECT_INTENTS as SUBJECT_INTENTS_BY_TOPIC

UNKNOWN = "onbekend"  # value of a slot the user could not answer
MAX_RE_ASKS = 2
# Questions about another subject. When the answer to the open question cannot
# be read from such a message and the classifier is sure, the teacher changed
# the subject: the form steps aside and the rules answer the new question.
SUBJECT_INTENTS = all_subject_intents() - NOT_AN_ANSWER
SURE = 0.8
PROGRESS_SLOT = "form_progress"
# "nee wacht, het zijn 3 dagen", "sorry, ik bedoel 12", "correctie: ...": the
# teacher changes an answer already given; the form takes the new value and
# continues from where it was.
CORRECTION = re.compile(
    r"\b(nee\s+wacht|wacht\s+even|wacht|ik\s+bedoel|bedoel\s+ik|correctie|verbetering|oeps|sorry|"
    r"ik\s+vergis\s+me|vergist|foutje|het\s+(?:zijn|is|waren|was)\s+(?:er\s+)?(?:toch|eigenlijk)|"
    r"toch\s+(?:niet|wel|geen)|eigenlijk|moet\s+zijn)\b",
    re.IGNORECASE,
)
# "geen vakantie", "niet voor een bruiloft", "het is geen spijbelen": the word
# after the negation is what the answer is not.
_NEGATED = re.compile(
    r"\b(?:geen|niet|nee)\s+(?:(?:voor|om|vanwege|wegens|door|van|sprake\s+van)\s+)?(?:een\s+|de\s+|het\s+)?"
    r"[\w'\-]+(?:\s+(?!maar\b|en\b|of\b|wel\b|want\b|dus\b)[\w'\-]+)?",
    re.IGNORECASE,
)


def split_negated(text: str) -> tuple[str, str]:
    """(the text without negated phrases, the negated phrases): read what an
    answer says it is from the first, and what it says it is not from the second."""
    negated = " ".join(match.group(0) for match in _NEGATED.finditer(text))
    return _NEGATED.sub(" , ", text), negated


_TYPOS = ((re.compile(r"\b(?:dagn|dgn|dage|dagenn)\b", re.IGNORECASE), "dagen"),
          (re.compile(r"\b(?:wekn|weeken|wken)\b", re.IGNORECASE), "weken"),
          (re.compile(r"\bkeet\b", re.IGNORECASE), "keer"))


def fix_typos(text: str) -> str:
    """Common typos in units ("2 dagn") before numbers are read."""
    for pattern, word in _TYPOS:
        text = pattern.sub(word, text)
    return text


def is_correction(text: str) -> bool:
    return bool(CORRECTION.search(text or ""))


@dataclass(frozen=True)
class Invalid:
    """Why an answer cannot be used: a message name plus its placeholder values."""

    message: str
    values: Dict[str, Any] = field(default_factory=dict)


# A parser gets the tracker and whether its slot is the question that is open
# (when it is not, it should only pick up explicit answers). It returns a value,
# an Invalid, or None when the message holds no answer.
Parser = Callable[[Tracker, bool], Any]


class GuidedFormValidation(FormValidationAction, abc.ABC):
    """Subclasses define ``parsers``: slot name -> parser of the latest message.

    Every parser runs on the message that opened the form (so "12 dagen verlof
    voor een begrafenis" fills two slots at once) and on the answer to the
    question that is open. Slots listed in ``always_parsed`` are also picked up
    from any later answer.
    """

    always_parsed: frozenset[str] = frozenset()
    topic: str = ""  # the subject (``topic`` slot); its intents are listed in bot/subjects.py

    @property
    def own_intents(self) -> frozenset[str]:
        """The intents of this form's own subject (from bot/subjects.py, the one list)."""
        return frozenset(SUBJECT_INTENTS_BY_TOPIC.get(self.topic, ()))

    @abc.abstractmethod
    def parsers(self) -> Dict[str, Parser]:
        """Slot name -> parser, in the order the slots are asked."""

    async def extract_slots(self, tracker: Tracker, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        if latest_intent(tracker) in NOT_AN_ANSWER or not latest_text(tracker):
            return {}
        requested = tracker.get_slot("requested_slot")
        extracted = self._corrections(tracker, requested)
        for slot, parse in self.parsers().items():
            if tracker.get_slot(slot) is not None or slot in extracted:
                continue
            if requested and slot != requested and slot not in self.always_parsed:
                continue
            if slot == requested and extracted:
                continue  # the message corrects an earlier answer; the open question stays open
            result = parse(tracker, slot == requested)
            if slot == requested and latest_intent(tracker) == "dont_know":
                # "weet ik niet" is an answer: skip the question; but a message read as
                # not knowing that still says a value ("een week") gives that value.
                usable = result is not None and not isinstance(result, Invalid)
                extracted[slot] = result if usable else UNKNOWN
                continue
            if result is None or isinstance(result, Invalid):
                if slot == requested:
                    if self._changes_the_subject(tracker):
                        return {}
                    extracted.update(self._invalid_answer(dispatcher, tracker, slot, result))
                continue
            extracted[slot] = result
        if requested in extracted:
            extracted["invalid_answers"] = 0
        return extracted

    def _corrections(self, tracker: Tracker, requested: str | None) -> Dict[Text, Any]:
        """ "nee wacht, het zijn 3 dagen": new values for answers already given."""
        if not is_correction(latest_text(tracker)):
            return {}
        corrected: Dict[Text, Any] = {}
        for slot, parse in self.parsers().items():
            current = tracker.get_slot(slot)
            if current is None or slot == requested:
                continue
            value = parse(tracker, False)
            if value is not None and not isinstance(value, Invalid) and value != current:
                corrected[slot] = value
        return corrected

    def _changes_the_subject(self, tracker: Tracker) -> bool:
        intent = tracker.latest_message.get("intent") or {}
        return (intent.get("name") in SUBJECT_INTENTS - self.own_intents
                and float(intent.get("confidence") or 0) >= SURE)

    def _invalid_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, reason: Invalid | None) -> Dict[Text, Any]:
        count = int(tracker.get_slot("invalid_answers") or 0) + 1
        if count > MAX_RE_ASKS:
            say(dispatcher, "form_give_up")
            return {slot: UNKNOWN, "invalid_answers": 0}
        reason = reason or Invalid("form_invalid_choice")
        say(dispatcher, reason.message, **reason.values)
        return {"invalid_answers": count}

    def was_active_before(self, tracker: Tracker) -> bool:
        """Whether this form was already running before the latest message (and
        is not being started by it). Rasa marks the loop active before it asks
        the validation, so the loop events before that message decide."""
        if not tracker.events:
            return bool(tracker.active_loop_name)  # a tracker without history (tests)
        seen_latest_message = False
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                seen_latest_message = True
            elif seen_latest_message and event.get("event") == "active_loop":
                return event.get("name") == self.form_name()
        return False

    def _start_fresh(self, tracker: Tracker) -> List[Dict[Text, Any]]:
        """A new question starts the form without the answers of an earlier one."""
        slots = [*FORM_SLOT_ORDER.get(self.form_name(), ()), PROGRESS_SLOT, "requested_slot"]
        events = [SlotSet(slot, None) for slot in slots if tracker.get_slot(slot) is not None]
        for slot in slots:
            tracker.slots[slot] = None
        if tracker.get_slot("invalid_answers"):
            tracker.slots["invalid_answers"] = 0
            events.append(SlotSet("invalid_answers", 0))
        return events

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # Parsing already validates, so extraction is the whole job; the next
        # question follows ``required_slots`` (which subclasses may narrow).
        starting = not self.was_active_before(tracker)
        events = self._start_fresh(tracker) if starting else []
        extracted = await self.extract_slots(tracker, dispatcher)
        if not extracted and not starting and tracker.get_slot("requested_slot"):
            return []  # not an answer: the form is rejected and the rules take over
        corrected = [slot for slot in extracted if tracker.get_slot(slot) is not None]
        if corrected:
            # What was already said about the corrected answer is said again with the new value.
            progress = [part for part in tracker.get_slot(PROGRESS_SLOT) or []
                        if not any(part.startswith(f"{slot}:") for slot in corrected)]
            extracted[PROGRESS_SLOT] = progress
        events += [SlotSet(slot, value) for slot, value in extracted.items()]
        if self.topic and tracker.get_slot("topic") != self.topic:
            events.append(SlotSet("topic", self.topic))
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return events + ([next_slot] if next_slot else [])


# --- the answer so far ------------------------------------------------------------------
# A form gives each part of its answer as soon as it is known (the deciding rule
# first), before its next question; ``form_progress`` remembers which parts were
# given, so that nothing is said twice and the final answer adds only what is new.

Part = tuple[str, Callable[[], Any]]


def new_parts(tracker: Tracker, parts: Iterable[Part]) -> tuple[list[Part], list[str]]:
    """(parts not given yet, every part id given after giving those)."""
    shown = list(tracker.get_slot(PROGRESS_SLOT) or [])
    fresh = [(part_id, render) for part_id, render in parts if part_id not in shown]
    return fresh, shown + [part_id for part_id, _ in fresh]


def give_parts(tracker: Tracker, parts: Sequence[Part]) -> tuple[list[Dict[Text, Any]], bool]:
    """Says the parts not given yet, in order. Returns (events, whether anything was said)."""
    fresh, shown = new_parts(tracker, parts)
    events: list[Dict[Text, Any]] = []
    for _, render in fresh:
        result = render()
        if isinstance(result, list):
            events += result
    if fresh:
        events.append(SlotSet(PROGRESS_SLOT, shown))
    return events, bool(fresh)


def form_for_kind_named(tracker: Tracker) -> str | None:
    """The form for a kind of verlof or verzuim that the message names (by the NLU
    entity or the words in knowledge/), e.g. "zit al 3 weken thuis, wie haal ik
    erbij?" -> the verzuim form; None when it names none."""
    text = latest_text(tracker)
    if not text or text.startswith("/"):
        return None
    kb = load_knowledge()
    said, _ = split_negated(without_durations(text))
    if latest_entity_values(tracker, "verlof_kind") or kb.find("verlof_kind", said) is not None:
        return "verlof_form"
    if latest_entity_values(tracker, "verzuim_kind") or kb.find("verzuim_kind", said) is not None:
        return "verzuim_form"
    return None


_DURATION = re.compile(
    r"\b(?:\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|enkele|paar|aantal|ruim|bijna)?\s*"
    r"(?:dagen|dag|weken|week|maanden|maand|jaar)\b",
    re.IGNORECASE,
)


def without_durations(text: str) -> str:
    """ "zit al een maand thuis" -> "zit al thuis": durations out of the way of the words
    that name a kind ("zit al thuis")."""
    return " ".join(_DURATION.sub(" ", text).split())
