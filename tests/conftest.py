"""Shared pytest set-up: keep Rasa quiet and private in every test."""

import os

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Servers the tests start share two cores with training and other suites; there
# an action call can take longer than the production bound of 1.5 s, which would
# turn ordinary answers into the "action server unreachable" message. The bound
# itself is tested in tests/faults/ with its own values.
os.environ.setdefault("KERNTEAMWIJZER_ACTION_TIMEOUT", "15")


SOURCE_SKIP_MARK = "source documents not found"


def pytest_terminal_summary(terminalreporter):
    """One line naming the checks skipped because the source documents are absent
    (a fresh clone without ../shared); CI has them and runs every check."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if SOURCE_SKIP_MARK in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        names = sorted({report.nodeid.split("::")[-1].split("[")[0] for report in skipped})
        terminalreporter.write_line(
            f"{len(skipped)} source checks skipped (source documents not found; "
            f"set KERNTEAMWIJZER_SOURCES_DIR or place them in ../shared/sources): {', '.join(names)}"
        )
