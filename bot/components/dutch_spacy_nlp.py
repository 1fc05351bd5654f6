"""Rasa component that loads spaCy for Dutch with a fallback backend."""

from __future__ import annotations

import logging
from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

from bot.components.spacy_backend import OFFICIAL_MODEL, load_backend
from bot.paths import spacy_fallback_dir

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="DutchSpacyNLP",
)
class DutchSpacyNLP(SpacyNLP):
    """``SpacyNLP`` that uses ``nl_core_news_sm`` or the saved Dutch fallback.

    The backend name becomes ``SpacyModel.model_name``, which Rasa uses as the
    fingerprint of the spaCy model: switching backend therefore retrains every
    component that depends on it.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**SpacyNLP.get_default_config(), "model": OFFICIAL_MODEL}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "DutchSpacyNLP":
        merged = {**cls.get_default_config(), **config}
        backend = load_backend(spacy_fallback_dir(), model_name=merged["model"])
        model = SpacyModel(model=backend.nlp, model_name=backend.name)
        cls.ensure_proper_language_model(model.model)
        return cls(model, merged)
