"""Issue 8 §3: decisions live in knowledge/, so the action code names no role,
gemeente or region id as a string literal (a new gemeente or region needs no
code change)."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.knowledge import load_knowledge

ACTIONS_DIR = Path(__file__).resolve().parents[2] / "actions"
# Temporary: these two modules are being migrated by the veiligheid work (issue 8
# §3, the veiligheid branch table). Remove them from this list when that lands.
NOT_YET_MIGRATED = {"veiligheid.py", "common.py"}


def knowledge_ids() -> dict[str, str]:
    kb = load_knowledge()
    ids = {role.id: "role" for role in kb.roles}
    ids.update({gemeente.id: "gemeente" for gemeente in kb.gemeenten})
    ids.update({region.id: "region" for region in kb.regions})
    return ids


def id_literals(path: Path, ids: dict[str, str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [f"{path.name}:{node.lineno}: {ids[node.value]} id '{node.value}'"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value in ids and id(node) not in docstrings]


def test_no_role_gemeente_or_region_id_in_the_action_code():
    ids = knowledge_ids()
    found = [hit for path in sorted(ACTIONS_DIR.glob("*.py")) if path.name not in NOT_YET_MIGRATED
             for hit in id_literals(path, ids)]
    assert found == []


def test_the_scan_finds_an_id_literal(tmp_path):
    module = tmp_path / "example.py"
    module.write_text('"""Docstring about haarlem is fine."""\nROLE = "leerplichtambtenaar"\n', encoding="utf-8")
    assert id_literals(module, knowledge_ids()) == ["example.py:2: role id 'leerplichtambtenaar'"]
