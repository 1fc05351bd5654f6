"""Shared behaviour of the guided forms: parse the answer to the open question,
re-ask at most twice with a clear reason, then explain and move on."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import latest_intent, latest_text
from actions.messages import say
from bot.subjects import NOT_AN_ANSWER, all_subject_intents
from bot.subjects import SUBJECT_INTENTS as SUBJECT_INTENTS_BY_TOPIC

UNKNOWN = "onbekend"  # value of a slot the user could not answer
MAX_RE_ASKS = 2
# Questions about another subject. When the answer to the open question cannot
# be read from such a message and the classifier is sure, the teacher changed
# the subject: the form steps aside and the rules answer the new question.
SUBJECT_INTENTS = all_subject_intents() - NOT_AN_ANSWER
SURE = 0.8


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
        extracted: Dict[Text, Any] = {}
        for slot, parse in self.parsers().items():
            if tracker.get_slot(slot) is not None or (requested and slot != requested and slot not in self.always_parsed):
                continue
            if slot == requested and latest_intent(tracker) == "dont_know":
                extracted[slot] = UNKNOWN  # "weet ik niet" is an answer: skip the question
                continue
            result = parse(tracker, slot == requested)
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

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # Parsing already validates, so extraction is the whole job; the next
        # question follows ``required_slots`` (which subclasses may narrow).
        extracted = await self.extract_slots(tracker, dispatcher)
        if not extracted and tracker.active_loop_name and tracker.get_slot("requested_slot"):
            return []  # not an answer: the form is rejected and the rules take over
        events = [SlotSet(slot, value) for slot, value in extracted.items()]
        if self.topic and tracker.get_slot("topic") != self.topic:
            events.append(SlotSet("topic", self.topic))
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return events + ([next_slot] if next_slot else [])
