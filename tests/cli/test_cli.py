"""The command line: every error is one plain sentence on stderr, exit 2, and no traceback."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coprod import cli
from coprod.persistence import database as database_module
from coprod.persistence.database import open_database


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0]


def test_demo_then_check(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    code, out, _ = run("demo", "--db", str(path), "--seed", "3", "--as-of", "2026-01-31")
    assert code == 0 and "40 recommendations" in out
    code, out, err = run("check", "--db", str(path))
    assert code == 0, err
    assert "Integrity: ok" in out and "up to date" in out
    assert "recommendation" in out and " 40" in out
    code, full, err = run("check", "--full", "--db", str(path))
    assert code == 0, err
    assert full == out  # the slower check that every index matches its table finds the same


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = run("check", "--db", str(tmp_path / "nowhere.db"))
    assert_one_line_error(code, err, "There is no file at", "nowhere.db")
    assert not (tmp_path / "nowhere.db").exists()


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04 a word document, not a database" * 20)
    before = path.read_bytes()
    code, _, err = run("check", "--db", str(path))
    assert_one_line_error(code, err, "not a coprod database")
    assert path.read_bytes() == before


def test_sqlite_file_from_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    code, _, err = run("demo", "--db", str(path))
    assert_one_line_error(code, err, "not a coprod database")


def test_corrupt_database(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[16:100] = b"\xff" * 84  # the header's page size and format fields, after the magic string
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    code, _, err = run("check", "--db", str(path))
    assert_one_line_error(code, err, "damaged", "backup")
    assert path.read_bytes() == before


def test_database_from_a_newer_coprod(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    for command in ("check", "demo"):
        code, _, err = run(command, "--db", str(path))
        assert_one_line_error(code, err, "newer version of coprod", "9999_future")
    assert path.read_bytes() == before


def test_locked_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "busy.db"
    open_database(path).close()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run("demo", "--db", str(path))
    finally:
        holder.rollback()
        holder.close()
    assert_one_line_error(code, err, "in use by another program")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    code, _, err = run("check", "--db", str(tmp_path))
    assert_one_line_error(code, err, "is a folder")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["demo", "--scale", "0"], ["--scale", "at least 1"]),
        (["demo", "--as-of", "31/02/2025"], ["not a date", "YYYY-MM-DD"]),
        (["frobnicate"], ["invalid choice"]),
    ],
)
def test_bad_arguments(argv: list[str], words: list[str]) -> None:
    code, _, err = run(*argv)
    assert_one_line_error(code, err, *words)


def test_version() -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0


@pytest.mark.parametrize("entry", [["-m", "coprod"], ["main.py"]])
def test_entry_points_are_the_same_program(entry: list[str], tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, *entry, "check", "--db", str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("coprod: There is no file at") and "Traceback" not in result.stderr
