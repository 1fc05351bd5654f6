"""The bot that ``rasa init`` creates, built once per Rasa version and kept
under ``.cache/minimal-bot/rasa-<version>/`` (the reference the response-time
benchmark compares with)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.rasa_env import rasa_command, rasa_environment
from bot.rasa_version import installed_version

CACHE = PROJECT_ROOT / ".cache" / "minimal-bot"


def minimal_bot(log_file: Path) -> tuple[Path, Path]:
    """(project folder, trained model) of the minimal bot; built with
    ``rasa init --no-prompt`` (which also trains) in a temporary folder the
    first time for this Rasa version."""
    folder = CACHE / f"rasa-{installed_version()}"
    models = sorted((folder / "models").glob("*.tar.gz"))
    if models:
        return folder, models[-1]
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as scratch, log_file.open("a", encoding="utf-8") as log:
        build = Path(scratch) / "bot"
        build.mkdir()
        subprocess.run(rasa_command("init", "--no-prompt", "--init-dir", str(build)), cwd=scratch,
                       env=rasa_environment(), stdout=log, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, check=True)
        if not sorted((build / "models").glob("*.tar.gz")):
            raise RuntimeError(f"rasa init trained no model; see {log_file}")
        shutil.rmtree(folder, ignore_errors=True)
        build.rename(folder)
    return folder, sorted((folder / "models").glob("*.tar.gz"))[-1]
