"""Keeps the longest entity where entities of different types overlap.

Lookup tables are matched per entity type, so "Goeree-Overflakkee" yields the
gemeente and, inside it, the region aliases "Goeree" and "Overflakkee". The
longest match is what the user meant; shorter overlapping matches are dropped.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_END, ENTITY_ATTRIBUTE_START
from rasa.shared.nlu.training_data.message import Message


def longest_non_overlapping(entities: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Longest spans first; a span overlapping an already kept span is dropped.
    Entities without a position (e.g. from button payloads) are always kept."""
    positioned = [e for e in entities if ENTITY_ATTRIBUTE_START in e and ENTITY_ATTRIBUTE_END in e]
    kept: List[Dict[Text, Any]] = []
    for entity in sorted(positioned, key=lambda e: (e[ENTITY_ATTRIBUTE_START] - e[ENTITY_ATTRIBUTE_END], e[ENTITY_ATTRIBUTE_START])):
        if all(entity[ENTITY_ATTRIBUTE_END] <= other[ENTITY_ATTRIBUTE_START]
               or entity[ENTITY_ATTRIBUTE_START] >= other[ENTITY_ATTRIBUTE_END] for other in kept):
            kept.append(entity)
    unpositioned = [e for e in entities if e not in positioned]
    return sorted(kept, key=lambda e: e[ENTITY_ATTRIBUTE_START]) + unpositioned


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class OverlappingEntityFilter(GraphComponent):
    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "OverlappingEntityFilter":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            if len(entities) > 1:
                message.set(ENTITIES, longest_non_overlapping(entities), add_to_output=True)
        return messages
