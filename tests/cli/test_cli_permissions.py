"""Files coprod makes hold residents' words: only their owner may read them (POSIX)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coprod.persistence.backup import list_backups
from tests.command import Ran, run_program
from tests.platforms import posix_modes

pytestmark = [posix_modes, pytest.mark.sqlite_only]  # the files' own permission bits


@pytest.fixture
def coprod() -> Iterator[Callable[..., Ran]]:
    """The program's own entry (it sets the umask as `python -m coprod` does), each command
    starting from a typical desktop umask under which files would be readable by everyone."""
    saved = os.umask(0o022)

    def run(*argv: str) -> Ran:
        os.umask(0o022)
        return run_program(*argv)

    try:
        yield run
    finally:
        os.umask(saved)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_and_exports_are_the_owners_only(coprod: Callable[..., Ran], tmp_path: Path) -> None:
    folder = tmp_path / "team"
    db = folder / "gr.db"
    result = coprod("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    for command in (
        ["backup"],
        ["export", "--out", str(tmp_path / "out.xlsx")],
        ["export", "--out", str(tmp_path / "out.csv")],
        ["export", "--out", str(tmp_path / "all.coprod.json")],
    ):
        result = coprod(command[0], "--db", str(db), *command[1:])
        assert result.returncode == 0, result.stderr
    assert _mode(folder) == 0o700
    assert _mode(db) == 0o600
    (copy,) = list_backups(db)
    assert _mode(copy) == 0o600 and _mode(copy.parent) == 0o700
    for name in ("out.xlsx", "out.csv", "all.coprod.json"):
        assert _mode(tmp_path / name) == 0o600, name
    lock_folder = db.with_name("gr.db-lock")
    assert _mode(lock_folder) == 0o700


def test_restore_keeps_the_files_own_mode(coprod: Callable[..., Ran], tmp_path: Path) -> None:
    db = tmp_path / "gr.db"
    assert coprod("init", "--db", str(db)).returncode == 0
    assert coprod("backup", "--db", str(db)).returncode == 0
    (copy,) = list_backups(db)
    os.chmod(db, 0o640)  # the team shares it with a group on purpose
    result = coprod("restore", "--db", str(db), str(copy))
    assert result.returncode == 0, result.stderr
    assert _mode(db) == 0o640
