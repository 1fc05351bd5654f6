"""Safety net, the last NLU component: every message gets the safety decision
of ``bot.safety.decide`` (patterns over the text and its lemmas, negation, the
intent classifier's ``acute_danger`` confidence, the probability of the binary
acute-danger classifier this component trains, the language).

Training: the binary classifier (``bot.safety.classifier``) learns from the
NLU examples (``acute_danger`` against every other intent) and from the
files named by ``examples`` (default: every file in ``data/safety/``); it is
stored with the model.

- acute danger           -> intent ``acute_danger`` (112 and Veilig Thuis first,
                             also in the middle of a form or route);
- only the classifier says acute (no pattern)
                          -> intent ``worry_safety`` (the route, whose first
                             question names 112 and Veilig Thuis; see
                             bot/safety/decision.py for why);
- message denies danger   -> intent ``deny`` ("er is helemaal geen gevaar");
- a child told something and asked for secrecy, no acute signal
                          -> intent ``child_disclosure``;
- another language, no danger -> intent ``other_language``.

The decision is also stored on the message as ``safety`` (outcome, category,
language) for logs and tests. Written for Rasa 3.6; on another version it warns
once and still runs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Text

import joblib

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
    TEXT_TOKENS,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import rasa_version
from bot.paths import PROJECT_ROOT
from bot.safety import DUTCH, decide, load_signals
from bot.safety.classifier import AcuteTextClassifier, read_example_files
from bot.safety.decision import ACUTE, ACUTE_INTENT, DENIED, UNSURE

logger = logging.getLogger(__name__)

ACUTE_DANGER_INTENT = ACUTE_INTENT
ROUTE_INTENT = "worry_safety"
DENY_INTENT = "deny"
DISCLOSURE_INTENT = "child_disclosure"
OTHER_LANGUAGE_INTENT = "other_language"
FALLBACK_INTENT = "nlu_fallback"
SAFETY_KEY = "safety"
CLASSIFIER_FILE = "acute_classifier.joblib"
DEFAULT_EXAMPLES = "data/safety"


def classifier_acute_confidence(message: Message) -> float:
    """The classifier's confidence for ``acute_danger`` when it is its best guess
    (the FallbackClassifier may have put ``nlu_fallback`` on top)."""
    ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get(INTENT_NAME_KEY) != FALLBACK_INTENT]
    if ranking and ranking[0].get(INTENT_NAME_KEY) == ACUTE_DANGER_INTENT:
        return float(ranking[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0)
    return 0.0


def safety_intent(text: str, intent: Optional[str], acute_confidence: float,
                  lemmas: Optional[Sequence[str]] = None,
                  acute_probability: float = 0.0) -> tuple[Optional[str], dict[str, Any]]:
    """The intent the safety net puts on a message (None: keep the classifier's),
    and the decision as a small dict."""
    decision = decide(text, ACUTE_DANGER_INTENT if acute_confidence else intent, lemmas, acute_probability)
    category = decision.signal.category if decision.signal else ("statistisch" if decision.acute else None)
    info = {"outcome": decision.outcome, "category": category, "language": decision.language,
            "probability": round(acute_probability, 3)}
    if decision.outcome == ACUTE:
        return ACUTE_DANGER_INTENT, info
    if decision.outcome == UNSURE:
        return ROUTE_INTENT, info
    if decision.outcome == DENIED:
        return DENY_INTENT, info
    if decision.secrecy and decision.disclosure:
        return DISCLOSURE_INTENT, info
    if decision.language != DUTCH:
        return OTHER_LANGUAGE_INTENT, info
    return None, info


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class AcuteDangerSignal(GraphComponent, IntentClassifier):
    """Puts the safety decision on every message (see the module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"examples": DEFAULT_EXAMPLES}

    def __init__(self, config: Dict[Text, Any], model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None, classifier: Optional[AcuteTextClassifier] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier or AcuteTextClassifier()
        rasa_version.check("bot.components.acute_danger.AcuteDangerSignal")
        load_signals()  # fail at start-up, not on the first message, when the file is broken

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "AcuteDangerSignal":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "AcuteDangerSignal":
        try:
            with model_storage.read_from(resource) as folder:
                classifier = joblib.load(Path(folder) / CLASSIFIER_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("AcuteDangerSignal: the model has no trained acute-danger classifier; "
                           "the patterns and the intent classifier decide alone. Train again.")
            classifier = None
        return cls(config, model_storage, resource, classifier)

    def train(self, training_data: TrainingData) -> Resource:
        """Trains the binary classifier on the NLU examples and the example files."""
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        texts = [e.get(TEXT) for e in examples]
        labels = [e.get(INTENT) == ACUTE_DANGER_INTENT for e in examples]
        extra = PROJECT_ROOT / str(self._config.get("examples") or DEFAULT_EXAMPLES)
        if extra.exists():
            extra_texts, extra_labels = read_example_files(extra)
            texts += extra_texts
            labels += extra_labels
        self._classifier = AcuteTextClassifier().fit(texts, labels)
        with self._model_storage.write_to(self._resource) as folder:
            joblib.dump(self._classifier, Path(folder) / CLASSIFIER_FILE)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip() or text.startswith("/"):
                continue
            lemmas = [t.lemma for t in message.get(TEXT_TOKENS) or [] if getattr(t, "lemma", None)]
            current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            intent, info = safety_intent(text, current, classifier_acute_confidence(message), lemmas,
                                         self._classifier.probability(text))
            message.set(SAFETY_KEY, info, add_to_output=True)
            if intent is None or intent == current:
                continue
            confidence = 1.0 if intent == ACUTE_DANGER_INTENT else max(
                float((message.get(INTENT) or {}).get(PREDICTED_CONFIDENCE_KEY) or 0.0), 0.5)
            override = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: confidence}
            ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get(INTENT_NAME_KEY) != intent]
            message.set(INTENT, override, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [override, *ranking], add_to_output=True)
        return messages
