"""Safety net, the last NLU component: every message gets the safety decision
of ``bot.safety.decide`` (patterns over the text and its lemmas, negation, the
classifier's ``acute_danger`` confidence, the language).

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
from typing import Any, Dict, List, Optional, Sequence, Text

import rasa
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

from bot.safety import DUTCH, decide, load_signals
from bot.safety.decision import ACUTE, ACUTE_INTENT, DENIED, UNSURE

logger = logging.getLogger(__name__)

SUPPORTED_RASA = "3.6"
ACUTE_DANGER_INTENT = ACUTE_INTENT
ROUTE_INTENT = "worry_safety"
DENY_INTENT = "deny"
DISCLOSURE_INTENT = "child_disclosure"
OTHER_LANGUAGE_INTENT = "other_language"
FALLBACK_INTENT = "nlu_fallback"
SAFETY_KEY = "safety"


def check_rasa_version(version: str = rasa.__version__) -> bool:
    if version.startswith(SUPPORTED_RASA):
        return True
    logger.warning("AcuteDangerSignal is written for Rasa %s.x, this is Rasa %s: check the safety net.",
                   SUPPORTED_RASA, version)
    return False


def classifier_acute_confidence(message: Message) -> float:
    """The classifier's confidence for ``acute_danger`` when it is its best guess
    (the FallbackClassifier may have put ``nlu_fallback`` on top)."""
    ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get(INTENT_NAME_KEY) != FALLBACK_INTENT]
    if ranking and ranking[0].get(INTENT_NAME_KEY) == ACUTE_DANGER_INTENT:
        return float(ranking[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0)
    return 0.0


def safety_intent(text: str, intent: Optional[str], acute_confidence: float,
                  lemmas: Optional[Sequence[str]] = None) -> tuple[Optional[str], dict[str, Any]]:
    """The intent the safety net puts on a message (None: keep the classifier's),
    and the decision as a small dict."""
    decision = decide(text, ACUTE_DANGER_INTENT if acute_confidence else intent, lemmas)
    info = {"outcome": decision.outcome, "category": decision.signal.category if decision.signal else None,
            "language": decision.language}
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
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class AcuteDangerSignal(GraphComponent, IntentClassifier):
    """Puts the safety decision on every message (see the module docstring)."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config
        check_rasa_version()
        load_signals()  # fail at start-up, not on the first message, when the file is broken

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
            if not text.strip() or text.startswith("/"):
                continue
            lemmas = [t.lemma for t in message.get(TEXT_TOKENS) or [] if getattr(t, "lemma", None)]
            current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            intent, info = safety_intent(text, current, classifier_acute_confidence(message), lemmas)
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
