"""Backups happen on their own, only the newest are kept, and a restore can be undone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.errors import DatabaseProblem
from coprod.domain.models import Recommendation
from coprod.persistence.backup import backup_name, describe_backup, list_backups, prune_backups
from coprod.persistence.database import Database, open_database
from coprod.services.data import backup
from coprod.services.data.importing import import_tracker
from tests.conftest import AS_OF
from tests.trackers import GOOD, write_csv

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def _refs(db: Database) -> set[str | None]:
    with db.reading() as s:
        return set(s.exec(select(Recommendation.reference)).all())


def test_daily_backup_once_a_day(db: Database, db_path: Path) -> None:
    first = backup.daily_backup(db)
    assert first is not None and first.exists() and "daily" in first.name
    assert backup.daily_backup(db) is None
    assert list_backups(db_path) == [first]


def test_old_backups_are_thinned_by_age_never_below_the_newest(db: Database, db_path: Path) -> None:
    now = datetime(2026, 11, 29, 12, tzinfo=UTC)
    ages = [timedelta(hours=h) for h in (1, 5, 20)] + [
        timedelta(days=d, hours=h) for d in range(1, 400) for h in (2, 9)
    ]
    made = backup.take(db, "manual")
    assert made is not None
    for age in ages:
        backup_name(db_path, "manual", now - age).write_bytes(made.read_bytes())
    made.unlink()
    prune_backups(db_path, 3, now=now)
    left = [describe_backup(p, db_path)[0] for p in list_backups(db_path)]
    ages_left = sorted((now - when for when in left if when is not None), reverse=True)
    assert [a for a in ages_left if a <= timedelta(days=1)] == [timedelta(hours=h) for h in (20, 5, 1)]
    days = {(now - a).date() for a in ages_left if a <= timedelta(days=14)}
    assert len(days) == 14  # one for each day of the last two weeks
    weeks = {(now - a).isocalendar()[:2] for a in ages_left if timedelta(days=14) < a <= timedelta(days=61)}
    assert len(weeks) >= 7
    months = {((now - a).year, (now - a).month) for a in ages_left if a > timedelta(days=61)}
    assert len(months) >= 9
    assert all(a <= timedelta(days=365) for a in ages_left)
    assert len(ages_left) < 50


def test_the_newest_backups_are_kept_whatever_their_age(db: Database, db_path: Path) -> None:
    now = datetime(2026, 11, 29, 12, tzinfo=UTC)
    made = backup.take(db, "manual")
    assert made is not None
    old = [backup_name(db_path, "daily", now - timedelta(days=800 + n)) for n in range(5)]
    made.unlink()
    for path in old:
        path.write_bytes(b"SQLite format 3\x00")
    prune_backups(db_path, 2, now=now)
    assert list_backups(db_path) == sorted(old)[-2:]


def test_the_newest_good_backup_stays_however_many_damaged_ones_are_newer(
    db: Database, db_path: Path
) -> None:
    now = datetime(2026, 11, 29, 12, tzinfo=UTC)
    made = backup.take(db, "manual")
    assert made is not None
    good = backup_name(db_path, "manual", now - timedelta(days=3, minutes=10))
    made.rename(good)
    damaged = [backup_name(db_path, "manual", now - timedelta(days=3, minutes=m)) for m in (3, 2, 1)]
    for path in damaged:  # as an older coprod kept them, before copies were checked
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    prune_backups(db_path, 3, now=now)
    assert good in list_backups(db_path)


def test_import_and_merge_take_a_backup_first(db: Database, db_path: Path, tmp_path: Path) -> None:
    report = import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    assert report.backup is not None and "pre-import" in report.backup.name
    before = open_database(report.backup, read_only=True)
    assert _refs(before) == set()  # the copy is of the database as it was
    before.close()


def test_restore_brings_back_the_backup_and_keeps_the_current_file(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
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


def test_a_damaged_backup_is_refused_and_nothing_changes(db: Database, db_path: Path, tmp_path: Path) -> None:
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


def test_restoring_the_database_from_itself_is_refused_and_nothing_is_copied(
    db: Database, db_path: Path
) -> None:
    db.close()
    before, folder = db_path.read_bytes(), backup.backup_dir_for(db_path)
    with pytest.raises(DatabaseProblem, match="is the database itself, not a backup of it"):
        backup.restore(db_path, db_path.parent / "." / db_path.name)
    assert db_path.read_bytes() == before
    assert not folder.exists() or list(folder.iterdir()) == []  # no pre-restore copy taken
