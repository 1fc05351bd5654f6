"""``action_ask_<slot>``: the question a form asks for each slot, taken from the
``ask_<slot>`` messages in ``actions/messages.yml``. Before the question comes
what is already known of the answer (the deciding rule as soon as it is known).

Rasa forms use ``action_ask_<slot>`` when the domain lists it, so the questions
live with the other action messages instead of as unused domain responses.
"""

from __future__ import annotations

import abc
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import verlof, verzuim
from actions.conversation_state import FORM_SLOT_ORDER
from actions.messages import catalogue, say

QUESTION_PREFIX = "ask_"
# Per form: says the parts of its answer that are known and not given yet.
ANSWER_SO_FAR = {"verlof_form": verlof.answer_so_far, "verzuim_form": verzuim.answer_so_far}


def form_of_slot(slot: str) -> str | None:
    return next((form for form, slots in FORM_SLOT_ORDER.items() if slot in slots), None)


class AskFormQuestion(Action, abc.ABC):
    """Base class; one subclass per ``ask_<slot>`` message is made below."""

    @property
    @abc.abstractmethod
    def message_name(self) -> str:
        """The ``ask_<slot>`` message this action sends."""

    def name(self) -> Text:
        return f"action_{self.message_name}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        answer_so_far = ANSWER_SO_FAR.get(form_of_slot(self.message_name[len(QUESTION_PREFIX):]) or "")
        events = answer_so_far(dispatcher, tracker) if answer_so_far else []
        say(dispatcher, self.message_name)
        return events


FORM_QUESTION_ACTIONS = {
    name: type(f"ActionAsk_{name[len(QUESTION_PREFIX):]}", (AskFormQuestion,), {"message_name": name})
    for name in catalogue()
    if name.startswith(QUESTION_PREFIX)
}
