"""Safety net: a message that signals acute danger to a child is classified as
``acute_danger``, whatever the statistical classifier predicted.

The signal patterns are data (``knowledge/``), so coordinators can extend them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge import load_knowledge

ACUTE_DANGER_INTENT = "acute_danger"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class AcuteDangerSignal(GraphComponent, IntentClassifier):
    """Overrides the intent with ``acute_danger`` when a danger pattern matches."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config
        self._knowledge = load_knowledge()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "AcuteDangerSignal":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/") or not self._knowledge.signals_acute_danger(text):
                continue
            override = {INTENT_NAME_KEY: ACUTE_DANGER_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [
                entry
                for entry in message.get(INTENT_RANKING_KEY) or []
                if entry.get(INTENT_NAME_KEY) != ACUTE_DANGER_INTENT
            ]
            message.set(INTENT, override, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [override, *ranking], add_to_output=True)
        return messages
