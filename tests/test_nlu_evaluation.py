"""Held-out NLU evaluation: do teachers' first messages reach the right subject?

The blind set ``tests/evaluation/nlu_heldout.yml`` (items ``{text, subject}``,
written apart from the training data and never trained on) is parsed by the
trained model in process. Each predicted intent is mapped to a subject with
``bot.subjects.subject_of`` (``acute_danger`` is veiligheid; ``nlu_fallback``,
frame and answer intents mean "no route", scored as ``out_of_scope``).

The report goes to ``logs/nlu_report/``: per-subject precision, recall and F1
as JSON and text, and a confusion-matrix PNG. It holds aggregates only, never
the messages, so the set stays unseen by whoever improves the training data.

Thresholds were set from measured values (the issue 9 targets, 95 % right
subject and out-of-scope precision 0.9, are not reached yet); see below and
README, "NLU evaluation".
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT, logs_dir, models_dir

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

import nlu_report  # noqa: E402

HELDOUT = nlu_report.HELDOUT_SET
MODEL = models_dir() / "kernteamwijzer.tar.gz"
REPORT_DIR = logs_dir() / "nlu_report"

# Issue 9 targets: at least 95 % right subject, out-of-scope precision at least 0.9.
# They were NOT reached yet. Measured on 273 held-out messages: two trainings of
# the earlier data (22-23 November 2026) gave subject accuracy 90.2 % and 91.1 %,
# out-of-scope precision 0.842 and 0.767, recall 0.980 and 0.939, lowest subject
# F1 0.839 and 0.81; the current data and config (third round, 23 November 2026,
# one DIET training) give 91.1 %, precision 0.839, recall 0.959, lowest F1 0.848.
# TensorFlow on 2 cores is not bit-for-bit reproducible and a fresh clone
# retrains, so the thresholds sit below the lowest of these runs: they catch a
# real regression but not the training noise; raise them to the targets once reached.
TARGET_SUBJECT_ACCURACY, TARGET_OUT_OF_SCOPE_PRECISION = 0.95, 0.90
MIN_SUBJECT_ACCURACY = 0.89
MIN_OUT_OF_SCOPE_PRECISION = 0.76
MIN_OUT_OF_SCOPE_RECALL = 0.90
MIN_SUBJECT_F1 = 0.80
MIN_PER_SUBJECT, MIN_OUT_OF_SCOPE = 25, 40


def _skip_reason() -> str | None:
    if not HELDOUT.exists():
        return f"held-out NLU set {HELDOUT.relative_to(PROJECT_ROOT)} not found; NLU evaluation skipped"
    if not MODEL.exists():
        return f"no trained model at {MODEL.relative_to(PROJECT_ROOT)}; run `python -m bot.cli train` first"
    return None


@pytest.fixture(scope="module")
def items() -> list[nlu_report.Item]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    return nlu_report.load_items(HELDOUT)


@pytest.fixture(scope="module")
def report(items) -> dict:
    intents = nlu_report.predict_intents([item.text for item in items], MODEL)
    result = nlu_report.evaluate([item.subject for item in items], intents)
    nlu_report.write_report(result, REPORT_DIR, f"held-out NLU set ({len(items)} messages) on {MODEL.name}")
    print("\n" + nlu_report.as_text(result, "held-out NLU set"))
    return result


def test_intents_are_scored_by_subject():
    intents = ["acute_danger", "ask_meldcode", "ask_verlof", "nlu_fallback", "greet", "ask_partner", "inform"]
    expected = ["veiligheid", "veiligheid", "verlof", "out_of_scope", "out_of_scope", "verzuim", "verzuim"]
    result = nlu_report.evaluate(expected, intents)
    assert result["subject_accuracy"] == 0.6  # 3 of the 5 subject messages
    assert result["out_of_scope_entered_a_route"] == 0
    assert result["per_subject"]["out_of_scope"] == {
        "precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 2, "predicted": 3,
    }
    assert result["per_subject"]["verzuim"]["recall"] == 0.0
    assert result["per_subject"]["veiligheid"]["f1"] == 1.0


def test_the_held_out_set_covers_every_subject(items):
    counts = {label: sum(item.subject == label for item in items) for label in nlu_report.LABELS}
    thin = {label: count for label, count in counts.items()
            if count < (MIN_OUT_OF_SCOPE if label == nlu_report.NO_ROUTE else MIN_PER_SUBJECT)}
    assert not thin, f"too few held-out messages: {thin}"


def test_the_report_is_written(report):
    for name in ("subject_report.json", "subject_report.txt", "confusion_matrix.png"):
        assert (REPORT_DIR / name).stat().st_size > 0, name
    assert (REPORT_DIR / "confusion_matrix.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_first_messages_reach_the_right_subject(report):
    summary = nlu_report.as_text(report, f"held-out NLU set (issue target {TARGET_SUBJECT_ACCURACY:.0%})")
    assert report["subject_accuracy"] >= MIN_SUBJECT_ACCURACY, summary


def test_out_of_scope_questions_stay_out_of_the_routes(report):
    scores = report["per_subject"][nlu_report.NO_ROUTE]
    assert scores["precision"] >= MIN_OUT_OF_SCOPE_PRECISION, f"{scores} (issue target {TARGET_OUT_OF_SCOPE_PRECISION})"
    assert scores["recall"] >= MIN_OUT_OF_SCOPE_RECALL, scores


@pytest.mark.parametrize("subject", [label for label in nlu_report.LABELS if label != nlu_report.NO_ROUTE])
def test_every_subject_is_recognised(report, subject):
    scores = report["per_subject"][subject]
    assert scores["f1"] >= MIN_SUBJECT_F1, f"{subject}: {scores}"
