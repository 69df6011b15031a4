"""The GUI holds a Workspace and nothing else: no module under coprod/ui names the persistence
layer's `Database` or reaches for the `.database` a workspace keeps for services.

Read from the source's syntax tree, so a comment or a message may say "database" freely.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import coprod.ui

UI = Path(coprod.ui.__file__).parent

# A ServerLogin's `database` is the name of the database on a server, not a handle to it.
NAME_OF_A_SERVERS_DATABASE = {"login"}


def _type_expressions(tree: ast.AST) -> Iterator[ast.AST]:
    """Annotations written as strings ("Database | None"), parsed, wherever they stand."""
    for node in ast.walk(tree):
        hints: list[ast.expr | None] = []
        if isinstance(node, ast.arg):
            hints.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            hints.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            hints.append(node.annotation)
        elif isinstance(node, ast.Subscript):
            hints.append(node.slice)
        for hint in hints:
            for inner in ast.walk(hint) if hint is not None else ():
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                    try:
                        yield ast.parse(inner.value, mode="eval")
                    except SyntaxError:
                        continue


def reaches_past_the_workspace(source: str) -> list[str]:
    """Where `source` names `Database` or reads `.database`, as 'line: what'."""
    tree = ast.parse(source)
    found: list[str] = []
    for root in [tree, *_type_expressions(tree)]:
        for node in ast.walk(root):
            line = getattr(node, "lineno", 0)
            if isinstance(node, ast.Name) and node.id == "Database":
                found.append(f"{line}: Database")
            elif isinstance(node, ast.Attribute) and node.attr == "Database":
                found.append(f"{line}: .Database")
            elif isinstance(node, ast.ImportFrom | ast.Import):
                found += [f"{line}: import Database" for a in node.names if "Database" in (a.name, a.asname)]
            elif isinstance(node, ast.Attribute) and node.attr == "database":
                owner = node.value
                if not (isinstance(owner, ast.Name) and owner.id in NAME_OF_A_SERVERS_DATABASE):
                    found.append(f"{line}: .database")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value == "database"
            ):
                found.append(f"{line}: {node.func.id}(..., 'database')")
    return found


def test_no_gui_module_names_the_database_or_reaches_into_a_workspace() -> None:
    modules = sorted(UI.rglob("*.py"))
    assert len(modules) > 50  # the whole GUI was read
    offending = {
        str(m.relative_to(UI)): hits
        for m in modules
        if (hits := reaches_past_the_workspace(m.read_text(encoding="utf-8")))
    }
    assert offending == {}


def test_the_check_sees_each_way_of_reaching_the_database() -> None:
    source = """
from coprod.services.workspace import Database
from coprod.services.data import opening

def use(ctx, db: "Database | None") -> opening.Database:
    engine = ctx.workspace.database.engine
    other = getattr(ctx.workspace, "database")
    return engine, other
"""
    assert sorted(reaches_past_the_workspace(source)) == [
        "1: Database",  # the string annotation, read as the expression it is
        "2: import Database",
        "5: .Database",
        "6: .database",
        "7: getattr(..., 'database')",
    ]


def test_the_check_lets_words_and_server_names_be() -> None:
    source = """
from coprod.domain.errors import DatabaseProblem
from coprod.i18n import tr

def title(login, problem: DatabaseProblem) -> str:
    # the database is named by the workspace: ctx.workspace.database is never read here
    return tr("ui.server_title", database=login.database, text="Database")
"""
    assert reaches_past_the_workspace(source) == []
