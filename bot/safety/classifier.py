"""A statistical acute-danger layer next to the patterns.

The patterns (``signals.py``) are precise but only catch phrasings someone
wrote down; a danger told in other words slips through. This layer is a small
binary text classifier (scikit-learn, installed with Rasa): character and word
n-grams of the normalised text, logistic regression. It learns from

- the NLU training data (``acute_danger`` examples against all other intents),
- the files in ``data/safety/``: acute and not-acute messages written
  independently of the project, in many styles (never an evaluation set: a
  test fails when a message of tests/evaluation*/ appears in them).

It is trained with the model (``bot.components.acute_danger.AcuteDangerSignal``)
and decides together with the patterns in ``decision.decide``: a probability
at or above ``ALARM_THRESHOLD`` raises the alarm, unless the message itself
denies danger or is about a lesson, a film or a general question.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import yaml

from bot.safety.normalize import normalize

# Chosen on the development sets (benchmarks/safety_report.py, README "Safety
# net"): the highest recall with false alarms at most 2 % on every set.
ALARM_THRESHOLD = 0.8


class AcuteTextClassifier:
    """Binary acute / not-acute classifier over the normalised text."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        self._pipeline = make_pipeline(
            make_union(
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2,
                                preprocessor=normalize),
                TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, preprocessor=normalize),
            ),
            LogisticRegression(C=10, class_weight="balanced", max_iter=2000),
        )
        self.trained = False

    def fit(self, texts: Sequence[str], acute: Sequence[bool]) -> "AcuteTextClassifier":
        if not any(acute) or all(acute):
            raise ValueError("the acute-danger classifier needs acute and not-acute examples")
        self._pipeline.fit(list(texts), [int(bool(label)) for label in acute])
        self.trained = True
        return self

    def probability(self, text: str) -> float:
        """The probability that ``text`` signals acute danger (0 before training)."""
        if not self.trained or not text.strip():
            return 0.0
        return float(self._pipeline.predict_proba([text])[0][1])


def read_examples(path: Path) -> tuple[list[str], list[bool]]:
    """The ``acute:`` and ``not_acute:`` lists of a development file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: must be a mapping with 'acute' and 'not_acute' lists")
    texts: list[str] = []
    labels: list[bool] = []
    for key, label in (("acute", True), ("not_acute", False)):
        for index, item in enumerate(data.get(key) or []):
            text = item.get("text") if isinstance(item, dict) else None
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{path}: {key}[{index}] needs a non-empty 'text'")
            texts.append(text)
            labels.append(label)
    return texts, labels


def read_example_files(path: Path) -> tuple[list[str], list[bool]]:
    """The examples of one file, or of every ``*.yml`` file in a folder."""
    path = Path(path)
    texts: list[str] = []
    labels: list[bool] = []
    for file in sorted(path.glob("*.yml")) if path.is_dir() else [path]:
        file_texts, file_labels = read_examples(file)
        texts += file_texts
        labels += file_labels
    return texts, labels
