"""Backups happen on their own, only the newest are kept, and a restore can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.errors import DatabaseProblem
from coprod.domain.models import Recommendation
from coprod.persistence.backup import list_backups
from coprod.persistence.database import Database, open_database
from coprod.services import backup
from coprod.services.importing import import_tracker
from tests.conftest import AS_OF
from tests.trackers import GOOD, write_csv


def _refs(db: Database) -> set[str | None]:
    with db.reading() as s:
        return set(s.exec(select(Recommendation.reference)).all())


def test_daily_backup_once_a_day(db: Database, db_path: Path) -> None:
    first = backup.daily_backup(db)
    assert first is not None and first.exists() and "daily" in first.name
    assert backup.daily_backup(db) is None
    assert list_backups(db_path) == [first]


def test_only_the_newest_are_kept(db: Database, db_path: Path) -> None:
    assert backup.backups_to_keep(db) == 14
    backup.set_backups_to_keep(db, 3)
    made = [backup.take(db, "manual") for _ in range(5)]
    assert list_backups(db_path) == made[-3:]


def test_import_and_merge_take_a_backup_first(db: Database, db_path: Path, tmp_path: Path) -> None:
    report = import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    assert report.backup is not None and "pre-import" in report.backup.name
    before = open_database(report.backup, read_only=True)
    assert _refs(before) == set()  # the copy is of the database as it was
    before.close()


def test_restore_brings_back_the_backup_and_keeps_the_current_file(db: Database, db_path: Path,
                                                                    tmp_path: Path) -> None:
    import_tracker(db, write_csv(tmp_path / "a.csv", GOOD[:1]), today=AS_OF)
    saved = backup.take(db, "manual")
    import_tracker(db, write_csv(tmp_path / "b.csv", GOOD[1:]), today=AS_OF)
    db.close()
    kept = backup.restore(db_path, saved)
    restored = open_database(db_path)
    assert _refs(restored) == {"R-1"}
    restored.close()
    assert kept is not None
    previous = open_database(kept, read_only=True)
    assert _refs(previous) == {"R-1", "R-2", "R-3"}
    previous.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(db: Database, db_path: Path,
                                                         tmp_path: Path) -> None:
    saved = backup.take(db, "manual")
    assert saved is not None
    data = bytearray(saved.read_bytes())
    data[16:100] = b"\xff" * 84
    saved.write_bytes(bytes(data))
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseProblem, match="damaged"):
        backup.restore(db_path, saved)
    assert db_path.read_bytes() == before
    with pytest.raises(DatabaseProblem, match="no backup"):
        backup.restore(db_path, tmp_path / "missing.db")
