"""``action_ask_<slot>``: the question a form asks for each slot, taken from the
``ask_<slot>`` messages in ``actions/messages.yml``.

Rasa forms use ``action_ask_<slot>`` when the domain lists it, so the questions
live with the other action messages instead of as unused domain responses.
"""

from __future__ import annotations

import abc
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import catalogue, say

QUESTION_PREFIX = "ask_"


class AskFormQuestion(Action, abc.ABC):
    """Base class; one subclass per ``ask_<slot>`` message is made below."""

    @property
    @abc.abstractmethod
    def message_name(self) -> str:
        """The ``ask_<slot>`` message this action sends."""

    def name(self) -> Text:
        return f"action_{self.message_name}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        say(dispatcher, self.message_name)
        return []


FORM_QUESTION_ACTIONS = {
    name: type(f"ActionAsk_{name[len(QUESTION_PREFIX):]}", (AskFormQuestion,), {"message_name": name})
    for name in catalogue()
    if name.startswith(QUESTION_PREFIX)
}
