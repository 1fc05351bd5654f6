"""Test helpers for the production set-up: the Debian services installed by
scripts/install-production-services.sh, and folders they may use."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot.paths import PROJECT_ROOT

INSTALL_SCRIPT = PROJECT_ROOT / "scripts" / "install-production-services.sh"


def install_services() -> None:
    """Installs PostgreSQL, Redis and nginx when missing (apt-get; skips what is present)."""
    result = subprocess.run([str(INSTALL_SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, f"{INSTALL_SCRIPT.name} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"


@contextmanager
def service_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder that services running as their own system user
    (postgres, redis, www-data) can reach; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=f"kernteamwijzer-{prefix}-"))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
