"""The summary report and ``python -m bot.knowledge``."""
from __future__ import annotations

import subprocess
import sys

from bot.knowledge.loader import REPO_ROOT
from bot.knowledge.report import main, summary_table


def test_summary_table(kb):
    table = summary_table(kb)
    lines = table.splitlines()
    assert lines[0].startswith("regio / gemeente") and "cjg_coach" in lines[0]
    zk = next(line for line in lines if line.startswith("zuid_kennemerland"))
    assert zk.split()[2:5] == ["ja", "ja", "ja"]
    utrecht = next(line for line in lines if line.startswith("utrecht"))
    assert "ja" not in utrecht.split()
    assert any(line.strip().startswith("haarlemmermeer") for line in lines)
    assert "routes: 3" in table and "verzuimregels: 5" in table and "verlofregels: 2" in table


def test_main_ok(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "zuid_kennemerland" in out and "signalen acuut gevaar" in out


def test_main_explicit_dir(capsys):
    assert main([str(REPO_ROOT / "knowledge")]) == 0
    assert "regio / gemeente" in capsys.readouterr().out


def test_main_broken(knowledge_copy, capsys):
    broken = knowledge_copy(("contacts.yml", "email: cjg@heemstede.nl", "email: nee"))
    assert main([str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("contacts.yml: contacts[2].email: 'nee' is not a valid e-mail")


def test_python_dash_m():
    result = subprocess.run([sys.executable, "-m", "bot.knowledge"], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "zuid_kennemerland" in result.stdout
