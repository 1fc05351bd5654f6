"""A behaviour-preserving speed-up for Rasa 3.6's Rasa server.

Rasa checks every action-server response with ``jsonschema.validate``, which
first re-validates the (constant) response schema itself. With the pinned
jsonschema that costs ~50 ms per custom action call on the 2-core machine,
more than everything else in a turn. Here the response is validated with one
prepared validator for the same schema; only an invalid response goes through
Rasa's own method, so errors and messages are exactly Rasa's.

This replaces a private Rasa method (``RemoteAction._validate_action_result``),
so it is applied explicitly, in one place: when the Rasa server creates its
tracker store (``bot.tracker_store.RedactingSQLTrackerStore``), and only on the
Rasa version it was written and tested for. On any other version it logs a
warning and leaves Rasa as it is.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Text

logger = logging.getLogger(__name__)

SUPPORTED_RASA_VERSION = "3.6.21"  # requirements.lock; tests/test_rasa_speedups.py proves the behaviour


def apply(rasa_version: str | None = None) -> bool:
    """Installs the speed-up once per process (idempotent). Returns whether it is
    active; on another Rasa version it warns and does nothing."""
    import rasa
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    version = rasa_version or rasa.__version__
    if version != SUPPORTED_RASA_VERSION:
        logger.warning(
            "bot.rasa_speedups: Rasa %s is not %s, the version this speed-up was checked against; "
            "action responses are validated the usual (slower) way.", version, SUPPORTED_RASA_VERSION,
        )
        return False
    if getattr(RemoteAction, "_kernteamwijzer_fast_validation", False):
        return True
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_validate = RemoteAction._validate_action_result

    def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        if validator.is_valid(result):
            return True
        return rasa_validate(self, result)  # raises Rasa's own ValidationError

    RemoteAction._validate_action_result = _validate_action_result
    RemoteAction._kernteamwijzer_fast_validation = True
    return True
