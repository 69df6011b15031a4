"""The command line's modules import one way: groups use `common`, only `program` knows the groups,
and nothing in `coprod.cli` reaches back to the app or to Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import coprod.cli
from tests.sources import tree

CLI = Path(coprod.cli.__file__).parent


def imported(module: Path) -> set[str]:
    """Every module `module` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(tree(module)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_cli_module_imports_the_app_or_qt() -> None:
    for module in CLI.glob("*.py"):
        names = imported(module)
        assert not {n for n in names if n == "coprod.app" or n.startswith(("coprod.ui", "PySide6"))}, module


def test_common_imports_no_command_module() -> None:
    groups = {f"coprod.cli.{m.stem}" for m in CLI.glob("*.py")} - {"coprod.cli.common", "coprod.cli.__init__"}
    assert not imported(CLI / "common.py") & groups


def test_only_the_entry_point_imports_program() -> None:
    for module in CLI.glob("*.py"):
        if module.stem != "__init__":
            assert "coprod.cli.program" not in imported(module), module
