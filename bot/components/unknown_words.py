"""Messages without a single known word are not understood (issue 9).

Keyboard mashes such as "asdfgh jkl" share character n-grams with short
training examples ("ja", "ok", "doei"), so the intent classifier read them as
``affirm`` or ``goodbye`` with high confidence and the teacher got "Fijn. Waar
kan ik je mee helpen?". This component learns the words of the training data
(examples, lookup tables and synonyms) and sets ``nlu_fallback`` on a message
none of whose words is known, not even with one typo or as part of a compound.
The rules then give the not-understood reply, with its 112 / Veilig Thuis line.

It runs after the FallbackClassifier and before the safety net, so a message
in danger or in another language still gets the safety net's intent. Written
for Rasa 3.6; on another version it warns once and still runs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import rasa_version

FALLBACK_INTENT = "nlu_fallback"
VOCABULARY_FILE = "vocabulary.json"
WORD = re.compile(r"[a-z]{2,}")
MIN_FUZZY_LENGTH = 4  # shorter words only match with a letter too many ("jaa"; "jkl" is not "ja")
MIN_PART_LENGTH = 5  # a known word of at least this length inside a compound counts


def words(text: str) -> List[str]:
    """Lower-case words of two or more letters, accents removed; digits and emoji are no words."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    return WORD.findall(plain)


def _deletions(word: str) -> Set[str]:
    return {word[:index] + word[index + 1:] for index in range(len(word))}


class Vocabulary:
    """Known words, with one-typo matching (deletion, insertion, substitution)
    and known parts of compounds ("zindelijkheidsprobleem" holds "zindelijk")."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known: FrozenSet[str] = frozenset(known)
        self._deleted: FrozenSet[str] = frozenset(
            variant for word in self.known if len(word) >= MIN_FUZZY_LENGTH - 1 for variant in _deletions(word)
        )
        self._longest = max((len(word) for word in self.known), default=0)

    def knows(self, word: str) -> bool:
        if word in self.known:
            return True
        deleted = _deletions(word)
        if len(word) >= 3 and deleted & self.known:  # one letter too many ("jaa", "okk")
            return True
        # one letter too few or one different
        if len(word) >= MIN_FUZZY_LENGTH and (word in self._deleted or deleted & self._deleted):
            return True
        return any(word[start:start + size] in self.known
                   for size in range(MIN_PART_LENGTH, min(len(word), self._longest) + 1)
                   for start in range(len(word) - size + 1))

    def knows_any(self, text: str) -> Optional[bool]:
        """True when a word of the text is known, False when none is, None for a text without words."""
        found = words(text)
        return any(self.knows(word) for word in found) if found else None


def training_words(training_data: TrainingData) -> Set[str]:
    known: Set[str] = set()
    for example in training_data.training_examples:
        known.update(words(example.get(TEXT) or ""))
    for table in training_data.lookup_tables:
        elements = table.get("elements")
        for element in elements if isinstance(elements, list) else []:
            known.update(words(str(element)))
    for synonym, value in training_data.entity_synonyms.items():
        known.update(words(f"{synonym} {value}"))
    return known


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    """Sets ``nlu_fallback`` on messages without a known word (see the module docstring)."""

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Vocabulary] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary
        rasa_version.check("bot.components.unknown_words.UnknownWordsFallback")

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UnknownWordsFallback":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "UnknownWordsFallback":
        try:
            with model_storage.read_from(resource) as folder:
                known = json.loads((Path(folder) / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            known = None  # an older model: leave the messages as they are
        return cls(config, model_storage, resource, Vocabulary(known) if known is not None else None)

    def train(self, training_data: TrainingData) -> Resource:
        known = sorted(training_words(training_data))
        self._vocabulary = Vocabulary(known)
        with self._model_storage.write_to(self._resource) as folder:
            (Path(folder) / VOCABULARY_FILE).write_text(json.dumps(known), encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self._vocabulary is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/") or self._vocabulary.knows_any(text) is not False:
                continue
            current = message.get(INTENT) or {}
            if current.get(INTENT_NAME_KEY) == FALLBACK_INTENT:
                continue
            fallback = {INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or []
                       if entry.get(INTENT_NAME_KEY) != FALLBACK_INTENT]
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
