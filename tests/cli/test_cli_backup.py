"""`coprod backup` always leaves something good to go back to."""

from __future__ import annotations

import io
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from coprod import cli
from coprod.domain.types import utcnow
from coprod.persistence.backup import backup_dir_for, backup_name, list_backups, quick_check
from tests.engines import copy_database
from tests.trackers import GOOD, write_csv

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _damage_one_page(path: Path) -> None:
    """Scribble over the first page of the feedback table, as a failing disk sector would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feedback'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * 8)


def test_a_damaged_database_never_pushes_out_the_good_backups(demo_db_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "gr.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    code, out, err = run("backup", "--db", str(path))
    assert code == 0, err
    good = list_backups(path)
    assert len(good) == 1 and quick_check(good[0]) == ["ok"]
    _damage_one_page(path)
    for _ in range(3):
        code, out, err = run("backup", "--db", str(path), "--keep", "3")
        assert code == 2
        assert "damaged" in err and "no backup was kept" in err and len(err.strip().splitlines()) == 1
    assert list_backups(path) == good
    files = sorted(p.name for p in backup_dir_for(path).iterdir() if not p.name.startswith("."))
    assert files == [good[0].name]  # no damaged copy, no -wal or -shm left beside them


def test_imports_that_change_nothing_keep_the_older_backups(demo_db_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "gr.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    tracker = write_csv(tmp_path / "t.csv", GOOD)
    assert run("import", "--db", str(path), str(tracker))[0] == 0
    first = list_backups(path)
    november = backup_name(path, "daily", utcnow() - timedelta(days=28))
    shutil.copy(first[0], november)
    for _ in range(14):
        code, out, err = run("import", "--db", str(path), str(tracker))
        assert code == 0 and "3 unchanged" in out, err
    after = list_backups(path)
    assert november in after
    assert len(after) <= len(first) + 2  # copies identical to the last one were not added


def test_an_unchanged_database_is_not_copied_twice(db_path: Path) -> None:
    assert run("init", "--db", str(db_path))[0] == 0
    code, out, _ = run("backup", "--db", str(db_path))
    assert code == 0 and "Backup written to" in out
    code, out, _ = run("backup", "--db", str(db_path))
    assert code == 0 and "Nothing changed since the last backup" in out
    assert len(list_backups(db_path)) == 1


def test_partial_copies_left_by_a_killed_backup_are_removed(db_path: Path) -> None:
    assert run("init", "--db", str(db_path))[0] == 0
    folder = backup_dir_for(db_path)
    folder.mkdir()
    stale = folder / "coprod-20261101-101010-000000-daily.db.partial"
    stale.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert run("backup", "--db", str(db_path))[0] == 0
    assert not stale.exists()


def test_backup_of_an_in_memory_database_is_refused() -> None:
    code, out, err = run("backup", "--db", "sqlite://")
    assert code == 2 and out == ""
    assert "not a file" in err and "None" not in err and len(err.strip().splitlines()) == 1
