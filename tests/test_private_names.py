"""No module reaches into another's private names: what is shared is named without `_`."""

from __future__ import annotations

import ast
from pathlib import Path

import coprod
from tests.sources import tree

ROOT = Path(coprod.__file__).parent


def test_no_private_name_is_imported_from_another_coprod_module() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coprod"):
                found += [
                    f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert found == []
