"""One version guard for every Rasa extension point of the project.

Components, channels, the tracker store, the lock store, the event broker and
the patches rely on Rasa 3.6 internals. Each calls ``check`` once when it is
created: on the Rasa version it was written for nothing happens; on any other
version it logs one warning naming the extension point, and the caller decides
whether to carry on (most do) or to leave Rasa unpatched (patches do).
"""

from __future__ import annotations

import logging
from typing import Optional

logger = logging.getLogger(__name__)

SUPPORTED_SERIES = "3.6"  # requirements.lock pins rasa 3.6.21
_warned: set[str] = set()


def installed_version() -> str:
    import rasa

    return rasa.__version__


def check(extension_point: str, series: str = SUPPORTED_SERIES, version: Optional[str] = None) -> bool:
    """True when the installed Rasa (or ``version``) belongs to ``series``
    ("3.6" matches 3.6.x; "3.6.21" only that release). Warns once per
    extension point otherwise."""
    version = version or installed_version()
    supported = version == series or version.startswith(series + ".")
    if not supported and extension_point not in _warned:
        _warned.add(extension_point)
        logger.warning(
            "%s is written for Rasa %s, not %s; check it before relying on it.",
            extension_point, series if series.count(".") > 1 else series + ".x", version,
        )
    return supported
