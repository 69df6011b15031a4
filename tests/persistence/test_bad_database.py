"""Each way a database file can be unusable gives one plain sentence and leaves it unchanged.

The cases run through `coprod import`, the command most likely to meet them: it writes.
"""

from __future__ import annotations

import io
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from coprod import cli
from coprod.persistence import database as database_module
from coprod.persistence.database import open_database
from tests.platforms import is_root
from tests.trackers import GOOD, write_csv

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def assert_plain(code: int, err: str, *words: str) -> None:
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "tracker.csv", GOOD)


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    open_database(path).close()
    return path


def test_corrupt(existing: Path, tracker: Path) -> None:
    data = bytearray(existing.read_bytes())
    data[16:100] = b"\xff" * 84
    existing.write_bytes(bytes(data))
    code, _, err = run("import", "--db", str(existing), str(tracker))
    assert_plain(code, err, "damaged", "restore it from a backup")
    assert existing.read_bytes() == bytes(data)


def test_locked_by_another_program(existing: Path, tracker: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(existing)
    holder.execute("PRAGMA journal_mode=DELETE")
    before = existing.read_bytes()
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run("import", "--db", str(existing), str(tracker))
    finally:
        holder.rollback()
        holder.close()
    assert_plain(code, err, "in use by another program", "close it there")
    assert existing.read_bytes() == before


@pytest.fixture
def read_only(existing: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A file this process may not write. As root chmod is not enough, so the file is made
    immutable; where even that is not allowed, SQLite is made to open it read only."""
    if not is_root():
        existing.chmod(0o444)
        yield existing
        existing.chmod(0o644)
        return
    immutable = subprocess.run(["chattr", "+i", str(existing)], capture_output=True).returncode == 0
    if not immutable:
        real = database_module.make_engine
        monkeypatch.setattr(
            database_module, "make_engine", lambda url, read_only=False: real(url, read_only=True)
        )
    try:
        yield existing
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(existing)], check=True)


def test_read_only(read_only: Path, tracker: Path) -> None:
    before = read_only.read_bytes()
    code, _, err = run("import", "--db", str(read_only), str(tracker))
    # not "open it read only": the window can, but an import must change the file
    assert_plain(code, err, "read-only", "copy it somewhere you can write")
    assert "open it read only" not in err
    assert read_only.read_bytes() == before
    # the way forward works: opened read only, it can still be read and exported
    db = open_database(read_only, read_only=True)
    with db.reading() as s:
        assert s.execute(sa.text("select count(*) from recommendation")).scalar_one() == 0
    db.close()
    code, out, err = run("export", "--db", str(read_only), "--out", str(tracker.with_name("out.csv")))
    assert code == 0, err


def test_disk_full(existing: Path, tracker: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = database_module._set_pragmas

    def tiny_disk(conn: sqlite3.Connection, record: object, **kw: bool) -> None:
        real(conn, record, **kw)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow, as on a full disk

    monkeypatch.setattr(database_module, "_set_pragmas", tiny_disk)
    rows = [[f"R-{n}", *GOOD[0][1:]] for n in range(300)]
    big = write_csv(tracker.with_name("big.csv"), rows)
    before = existing.read_bytes()
    code, _, err = run("import", "--db", str(existing), str(big))
    assert_plain(code, err, "disk", "full", "free some space")
    assert existing.read_bytes() == before


def test_newer_version(existing: Path, tracker: Path) -> None:
    with sqlite3.connect(existing) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = existing.read_bytes()
    code, _, err = run("import", "--db", str(existing), str(tracker))
    assert_plain(code, err, "newer version of coprod", "update coprod")
    assert existing.read_bytes() == before
