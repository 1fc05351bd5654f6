"""Decides whether the Rasa model is stale and (re)trains it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bot.components.spacy_backend import active_backend_name
from bot.paths import PROJECT_ROOT, logs_dir, models_dir
from bot.rasa_env import rasa_command, run_logged

MODEL_NAME = "kernteamwijzer"
TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "bot/components")


def model_path() -> Path:
    return models_dir() / f"{MODEL_NAME}.tar.gz"


def backend_stamp_path() -> Path:
    return models_dir() / f"{MODEL_NAME}.backend"


def newest_input_mtime(root: Path = PROJECT_ROOT) -> float:
    newest = 0.0
    for name in TRAINING_INPUTS:
        path = root / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            if "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


def staleness_reason() -> str | None:
    """Why the model must be trained, or None when it is up to date."""
    model = model_path()
    if not model.exists():
        return "er is nog geen model"
    if model.stat().st_mtime < newest_input_mtime():
        return "data, config of domain is nieuwer dan het model"
    stamp = backend_stamp_path()
    backend = active_backend_name()
    if not stamp.exists() or stamp.read_text(encoding="utf-8").strip() != backend:
        return f"de spaCy-backend is nu {backend}"
    return None


@dataclass(frozen=True)
class TrainingResult:
    trained: bool
    seconds: float
    reason: str | None
    exit_code: int


def train(force: bool = False, log_file: Path | None = None) -> TrainingResult:
    reason = "geforceerd" if force else staleness_reason()
    if reason is None:
        return TrainingResult(False, 0.0, None, 0)
    log = log_file or logs_dir() / "train.log"
    started = time.monotonic()
    code = run_logged(
        rasa_command(
            "train", "--fixed-model-name", MODEL_NAME, "--out", str(models_dir()),
            "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        ),
        log,
    )
    seconds = time.monotonic() - started
    if code == 0:
        backend_stamp_path().write_text(active_backend_name() + "\n", encoding="utf-8")
    return TrainingResult(True, seconds, reason, code)
