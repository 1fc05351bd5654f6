"""The one place where the project's patches to Rasa's server are applied.

Each patch is a small module with an ``apply()`` that is idempotent and
version-guarded (it leaves Rasa untouched on a version it was not checked
against). The Rasa server creates its tracker store once at start-up; that
constructor calls ``apply_all()`` (see ``bot/tracker_store.py``), so every
Rasa process started with the project's ``endpoints.yml`` runs patched, and
nothing is patched merely by importing the package.
"""

from __future__ import annotations

from typing import Dict


def apply_all() -> Dict[str, bool]:
    """Applies every patch; returns which are active (name -> bool)."""
    from bot import action_server_fault, rasa_speedups, store_outage

    return {
        "rasa_speedups": rasa_speedups.apply(),
        "store_outage": store_outage.apply(),
        "action_server_fault": action_server_fault.apply(),
    }
