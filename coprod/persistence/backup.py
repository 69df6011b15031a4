"""Copies of a live database made with SQLite's online backup API (safe while it is open).

Every new copy is checked with `PRAGMA quick_check` before it counts: a copy of a damaged
database is removed at once and the damage reported, so good copies are never pruned to make
room for bad ones. A copy identical to the newest one is not kept twice. Old copies are
thinned by age (see `to_prune`), never below the newest ones.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from filelock import FileLock, Timeout

from coprod.domain.errors import DatabaseProblem
from coprod.domain.types import utcnow
from coprod.persistence import encryption
from coprod.persistence.permissions import new_private_file, private_folder, read_as_it_stands
from coprod.persistence.presence import lock_dir_for

LOCK_TIMEOUT_S = 120.0
KEEP_ALL_FOR = timedelta(days=1)  # every copy of the last day: undo points for today's imports
DAILY_FOR = timedelta(days=14)
WEEKLY_FOR = timedelta(days=61)
MONTHLY_FOR = timedelta(days=365)


def backup_dir_for(db_path: Path) -> Path:
    """Backups sit in a folder beside the database, so moving the pair keeps them together."""
    return db_path.with_name(f"{db_path.stem}-backups")


def file_key(path: Path) -> str | None:
    """None for a plain SQLite file; the key of an encrypted one (its database's, for a backup)."""
    if not path.exists() or encryption.is_plain(path) or not encryption.looks_encrypted(path):
        return None
    key, tried = encryption.find_key(path)
    if key is None and tried:
        raise DatabaseProblem("db.wrong_key", path=str(path))
    if key is None:
        raise DatabaseProblem("db.needs_key", path=str(path))
    return key


def sqlite_backup(source: Path, dest: Path) -> Path:
    """Copy `source` to `dest` page by page; `dest` is written whole or not at all. The copy of
    an encrypted database is encrypted with the same key."""
    private_folder(dest.parent)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    key = file_key(source)
    try:
        new_private_file(partial)
        src = encryption.connect(source, key, read_only=True, immutable=read_as_it_stands(source))
        try:
            out = encryption.connect(partial, key)
            try:
                # The copy is a new file renamed into place only when complete, so it needs no
                # journal and no fsync per step: one fsync at the end makes it durable.
                out.execute("PRAGMA journal_mode = OFF")
                out.execute("PRAGMA synchronous = OFF")
                src.backup(out, pages=-1)
            finally:
                out.close()
        finally:
            src.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        partial.replace(dest)
    except BaseException:
        partial.unlink(missing_ok=True)  # a failed copy leaves nothing behind
        raise
    return dest


def quick_check(path: Path) -> list[str]:
    """SQLite's quick_check of a file: ['ok'] when its pages and records hold together."""
    try:
        key = file_key(path)
    except DatabaseProblem as exc:
        return [str(exc)]
    # immutable: a finished copy nobody writes, so no -wal or -shm file is made beside it
    conn = encryption.connect(path, key, read_only=True, immutable=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check")]
    except Exception as exc:  # noqa: BLE001  (sqlite3's or sqlcipher3's DatabaseError)
        return [str(exc)]
    finally:
        conn.close()


def same_content(a: Path, b: Path) -> bool:
    """Whether two copies hold the same. Encrypted pages are written with fresh random IVs, so
    two encrypted copies of the same data differ byte for byte: their rows are compared."""
    key_a, key_b = file_key(a), file_key(b)
    if key_a is None and key_b is None:
        return filecmp.cmp(a, b, shallow=False)
    return _digest(a, key_a) == _digest(b, key_b)


def _digest(path: Path, key: str | None) -> str:
    conn = encryption.connect(path, key, read_only=True, immutable=True)
    digest = hashlib.sha256()
    try:
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        digest.update(repr(schema).encode())
        for kind, name, _ in schema:
            if kind == "table" and not name.startswith("sqlite_"):
                for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY 1'):  # noqa: S608
                    digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


@contextmanager
def backups_locked(db_path: Path) -> Iterator[Path]:
    """One backup at a time per database, across processes; stale partial copies are removed."""
    folder = private_folder(backup_dir_for(db_path))
    lock = FileLock(private_folder(lock_dir_for(db_path)) / "backup.lock", timeout=LOCK_TIMEOUT_S)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseProblem("db.locked", path=str(db_path)) from None
    try:
        for stale in folder.glob("*.partial"):  # left by a copy that failed or was killed
            stale.unlink(missing_ok=True)
        yield folder
    finally:
        lock.release()


class Made(NamedTuple):
    path: Path
    new: bool  # False: the database had not changed since `path`, so no copy was added


def backup_name(db_path: Path, reason: str, when: datetime | None = None) -> Path:
    stamp = (when or utcnow()).strftime("%Y%m%d-%H%M%S-%f")
    return backup_dir_for(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"


def take_backup(db_path: Path, reason: str) -> Made:
    """A checked copy of `db_path`, or the newest copy when nothing changed since it.

    Raises DatabaseProblem('backup.source_damaged') when the copy fails quick_check: the live
    database is damaged, and that copy is removed so it can never push out a good one.
    """
    with backups_locked(db_path):
        previous = list_backups(db_path)
        dest = sqlite_backup(db_path, backup_name(db_path, reason))
        if quick_check(dest) != ["ok"]:
            dest.unlink(missing_ok=True)
            raise DatabaseProblem("backup.source_damaged", path=str(db_path))
        if previous and same_content(previous[-1], dest):
            dest.unlink(missing_ok=True)
            return Made(previous[-1], new=False)
        return Made(dest, new=True)


def list_backups(db_path: Path) -> list[Path]:
    """Backups of `db_path`, oldest first (their names start with a sortable UTC stamp)."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    prefix = f"{db_path.stem}-"
    return sorted(p for p in folder.glob(f"{prefix}*.db") if p.is_file())


def backup_stamp(backup: Path, db_path: Path) -> str:
    """The 'YYYYMMDD-HHMMSS-ffffff' part of a backup's name."""
    return backup.name[len(db_path.stem) + 1 :][:22]


def to_prune(backups: list[tuple[Path, datetime]], *, now: datetime, keep_newest: int) -> list[Path]:
    """Which backups (oldest first, with when they were taken) may go.

    Kept: the newest `keep_newest` (at least one, so the newest good copy always stays), every
    copy of the last day, the newest of each day for two weeks, of each week for two months and
    of each month for a year. Only backups older than a year, or thinned out, are pruned.
    """
    kept = {path for path, _ in backups[-max(1, keep_newest) :]}
    newest_of: dict[tuple[str, object], Path] = {}
    for path, when in backups:  # oldest first, so each bucket ends with its newest
        age = now - when
        if age <= KEEP_ALL_FOR:
            kept.add(path)
        if age <= DAILY_FOR:
            newest_of["day", when.date()] = path
        if age <= WEEKLY_FOR:
            newest_of["week", when.isocalendar()[:2]] = path
        if age <= MONTHLY_FOR:
            newest_of["month", (when.year, when.month)] = path
    kept.update(newest_of.values())
    return [path for path, _ in backups if path not in kept]


def newest_good(backups: list[Path], known_good: Path | None = None) -> Path | None:
    """The newest backup that passes quick_check (copies made before checks existed may not)."""
    for path in reversed(backups):
        if path == known_good or quick_check(path) == ["ok"]:
            return path
    return None


def prune_backups(
    db_path: Path, keep: int, *, now: datetime | None = None, known_good: Path | None = None
) -> list[Path]:
    """Thin out old backups by age (see `to_prune`); returns what was deleted. The newest
    backup that passes quick_check is never deleted, however many damaged ones are newer.

    A backup whose name carries no date is never deleted: coprod did not make it."""
    dated = []
    for path in list_backups(db_path):
        when, _ = describe_backup(path, db_path)
        if when is not None:
            dated.append((path, when))
    doomed = to_prune(dated, now=now or utcnow(), keep_newest=keep)
    if doomed:
        good = newest_good([p for p, _ in dated], known_good)
        doomed = [p for p in doomed if p != good]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def describe_backup(backup: Path, db_path: Path) -> tuple[datetime | None, str]:
    """When a backup was taken (UTC) and why ('daily', 'pre-import'...), read from its name."""
    rest = backup.stem[len(db_path.stem) + 1 :]
    stamp, _, reason = rest[:22], rest[22:23], rest[23:]
    try:
        when = datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
    except ValueError:
        return None, reason or backup.stem
    return when, reason
