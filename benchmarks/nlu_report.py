"""Subject-level NLU report: which subject does a teacher's first message reach?

Loads a trained model in process (``rasa.core.agent.Agent``), parses every
message of an evaluation set (YAML list of ``{text, subject}``, where subject
is a key of ``bot.subjects.SUBJECT_INTENTS`` or ``out_of_scope``) and maps the
predicted intent to a subject with ``bot.subjects.subject_of``. Intents of no
subject (``nlu_fallback``, frame and answer intents, ``out_of_scope`` itself)
count as "no route", scored as ``out_of_scope``; ``acute_danger`` is veiligheid.

The report holds aggregates only (per-subject precision, recall, F1, the
confusion matrix), never the messages: a held-out set stays unseen by whoever
improves the training data. Only for a development set may ``--show-errors``
print the misread messages.

Usage:
  .venv/bin/python benchmarks/nlu_report.py --data DEV_SET.yml [--model models/kernteamwijzer.tar.gz]
      [--out logs/nlu_dev_report] [--show-errors]
  .venv/bin/python benchmarks/nlu_report.py --data SET.yml --fallback-grid 0.2,0.3 --ambiguity-grid 0,0.02,0.08
      (aggregates per FallbackClassifier setting on one trained model, no retraining)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.paths import PROJECT_ROOT, logs_dir, models_dir  # noqa: E402
from bot.subjects import SUBJECT_INTENTS, subject_of  # noqa: E402

NO_ROUTE = "out_of_scope"
LABELS: tuple[str, ...] = (*SUBJECT_INTENTS, NO_ROUTE)
DEFAULT_MODEL = models_dir() / "kernteamwijzer.tar.gz"
HELDOUT_SET = PROJECT_ROOT / "tests" / "evaluation" / "nlu_heldout.yml"


@dataclass(frozen=True)
class Item:
    text: str
    subject: str


def load_items(path: Path) -> list[Item]:
    """The evaluation items; raises ValueError on an unknown subject or a malformed item."""
    import yaml

    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = loaded
    if isinstance(loaded, dict):  # {version, messages: [...]} or {items: [...]}
        entries = next((loaded[key] for key in ("messages", "items", "examples") if key in loaded), None)
    if not isinstance(entries, list):
        raise ValueError(f"{path.name}: expected a list of {{text, subject}} items")
    items = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not str(entry.get("text") or "").strip():
            raise ValueError(f"{path.name}: item {number} has no text")
        if entry.get("subject") not in LABELS:
            raise ValueError(f"{path.name}: item {number} has unknown subject {entry.get('subject')!r}")
        items.append(Item(str(entry["text"]), str(entry["subject"])))
    return items


def label_of(intent: str | None) -> str:
    return subject_of(intent) or NO_ROUTE


def _quiet_rasa_logging() -> None:
    """No message text on the console: Rasa 3.6 logs every parsed text with
    structlog at debug level ("processor.message.parse"), which would show the
    held-out messages. Called after ``Agent.load`` (which configures structlog)."""
    import structlog

    logging.getLogger("rasa").setLevel(logging.ERROR)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def predict_intents(texts: Sequence[str], model_path: Path = DEFAULT_MODEL) -> list[str | None]:
    """The top intent the trained model (NLU pipeline incl. fallback and safety net) gives each text."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    logging.getLogger("rasa").setLevel(logging.ERROR)
    from rasa.core.agent import Agent

    agent = Agent.load(str(model_path))
    _quiet_rasa_logging()

    async def parse_all() -> list[str | None]:
        results = []
        for text in texts:
            parsed = await agent.parse_message(text)
            results.append((parsed.get("intent") or {}).get("name"))
        return results

    return asyncio.run(parse_all())


def sweep_fallback(items: Sequence[Item], model_path: Path, thresholds: Sequence[float],
                   ambiguities: Sequence[float]) -> list[tuple[float, float, dict]]:
    """Reports for each FallbackClassifier (threshold, ambiguity_threshold) on one loaded model.

    The classifier and the safety net are not retrained: the loaded
    FallbackClassifier's settings are changed in place between passes."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    logging.getLogger("rasa").setLevel(logging.ERROR)
    from rasa.core.agent import Agent
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier

    agent = Agent.load(str(model_path))
    _quiet_rasa_logging()
    nodes = agent.processor.graph_runner._instantiated_nodes.values()  # private in Rasa 3.6
    fallback = next(node._component for node in nodes if isinstance(getattr(node, "_component", None), FallbackClassifier))

    async def parse_all() -> list[str | None]:
        return [((await agent.parse_message(item.text)).get("intent") or {}).get("name") for item in items]

    results = []
    for threshold in thresholds:
        for ambiguity in ambiguities:
            fallback.component_config.update(threshold=threshold, ambiguity_threshold=ambiguity)
            results.append((threshold, ambiguity, evaluate([item.subject for item in items], asyncio.run(parse_all()))))
    return results


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def evaluate(expected: Sequence[str], predicted_intents: Sequence[str | None]) -> dict:
    """Per-subject precision/recall/F1, subject accuracy and the confusion matrix."""
    predicted = [label_of(intent) for intent in predicted_intents]
    index = {label: position for position, label in enumerate(LABELS)}
    matrix = [[0] * len(LABELS) for _ in LABELS]
    for truth, guess in zip(expected, predicted):
        matrix[index[truth]][index[guess]] += 1
    per_label = {}
    for label in LABELS:
        position = index[label]
        true_positive = matrix[position][position]
        predicted_count = sum(row[position] for row in matrix)
        support = sum(matrix[position])
        precision, recall = _ratio(true_positive, predicted_count), _ratio(true_positive, support)
        f1 = _ratio(2 * true_positive, predicted_count + support)
        per_label[label] = {
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "support": support, "predicted": predicted_count,
        }
    in_scope = [(truth, guess) for truth, guess in zip(expected, predicted) if truth != NO_ROUTE]
    out_of_scope = [guess for truth, guess in zip(expected, predicted) if truth == NO_ROUTE]
    return {
        "messages": len(expected),
        "subject_accuracy": round(_ratio(sum(t == g for t, g in in_scope), len(in_scope)), 4),
        "subject_messages": len(in_scope),
        "overall_accuracy": round(_ratio(sum(t == g for t, g in zip(expected, predicted)), len(expected)), 4),
        "out_of_scope_entered_a_route": sum(guess != NO_ROUTE for guess in out_of_scope),
        "labels": list(LABELS),
        "per_subject": per_label,
        "confusion_matrix": {"rows_true_columns_predicted": matrix},
        "predicted_intent_counts": _counts(predicted_intents),
    }


def _counts(values: Iterable[str | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    return dict(sorted(counts.items()))


def as_text(report: dict, title: str) -> str:
    lines = [
        title,
        f"messages: {report['messages']} ({report['subject_messages']} about a subject)",
        f"subject accuracy (first messages reaching the right subject): {report['subject_accuracy']:.1%}",
        f"overall accuracy incl. out of scope: {report['overall_accuracy']:.1%}",
        f"out-of-scope messages that entered a route: {report['out_of_scope_entered_a_route']}",
        "",
        f"{'subject':<20}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}",
    ]
    for label, scores in report["per_subject"].items():
        lines.append(
            f"{label:<20}{scores['precision']:>10.3f}{scores['recall']:>10.3f}{scores['f1']:>10.3f}{scores['support']:>10}"
        )
    lines += ["", "confusion matrix (rows: true subject, columns: predicted)"]
    short = [label[:6] for label in report["labels"]]
    lines.append(" " * 20 + "".join(f"{name:>8}" for name in short))
    for label, row in zip(report["labels"], report["confusion_matrix"]["rows_true_columns_predicted"]):
        lines.append(f"{label:<20}" + "".join(f"{count:>8}" for count in row))
    return "\n".join(lines) + "\n"


def plot_confusion_matrix(report: dict, path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matrix = report["confusion_matrix"]["rows_true_columns_predicted"]
    labels = report["labels"]
    figure, axes = plt.subplots(figsize=(8, 7))
    axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted subject")
    axes.set_ylabel("true subject")
    axes.set_title(title)
    largest = max((max(row) for row in matrix), default=0)
    for row_number, row in enumerate(matrix):
        for column_number, count in enumerate(row):
            if count:
                colour = "white" if count > largest / 2 else "black"
                axes.text(column_number, row_number, str(count), ha="center", va="center", color=colour)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)


def write_report(report: dict, out_dir: Path, title: str) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "json": out_dir / "subject_report.json",
        "text": out_dir / "subject_report.txt",
        "png": out_dir / "confusion_matrix.png",
    }
    paths["json"].write_text(json.dumps({"title": title, **report}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["text"].write_text(as_text(report, title), encoding="utf-8")
    plot_confusion_matrix(report, paths["png"], title)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--out", type=Path, default=logs_dir() / "nlu_dev_report")
    parser.add_argument("--show-errors", action="store_true", help="print misread messages (development sets only)")
    parser.add_argument("--fallback-grid", help="comma-separated FallbackClassifier thresholds to compare")
    parser.add_argument("--ambiguity-grid", default="0.08", help="comma-separated ambiguity thresholds (with --fallback-grid)")
    arguments = parser.parse_args(argv)
    if arguments.show_errors and arguments.data.resolve() == HELDOUT_SET.resolve():
        parser.error("--show-errors is not for the held-out set: its messages stay unseen")
    items = load_items(arguments.data)
    if arguments.fallback_grid:
        grid = [float(value) for value in arguments.fallback_grid.split(",")]
        ambiguities = [float(value) for value in arguments.ambiguity_grid.split(",")]
        for threshold, ambiguity, report in sweep_fallback(items, arguments.model, grid, ambiguities):
            scores = report["per_subject"][NO_ROUTE]
            print(f"threshold {threshold:.2f} ambiguity {ambiguity:.2f}: right subject {report['subject_accuracy']:.1%}, "
                  f"out-of-scope precision {scores['precision']:.3f} recall {scores['recall']:.3f}, "
                  f"entered a route {report['out_of_scope_entered_a_route']}, "
                  f"lowest F1 {min(v['f1'] for v in report['per_subject'].values()):.3f}")
        return 0
    intents = predict_intents([item.text for item in items], arguments.model)
    report = evaluate([item.subject for item in items], intents)
    write_report(report, arguments.out, f"{arguments.data.name} on {arguments.model.name}")
    print(as_text(report, f"{arguments.data.name} on {arguments.model.name}"))
    if arguments.show_errors:
        for item, intent in zip(items, intents):
            if label_of(intent) != item.subject:
                print(f"{item.subject:>18} -> {str(intent):<24} {item.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
