"""Turn driver errors into one plain sentence about the file the user chose."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from coprod.domain.errors import DatabaseProblem

SQLITE_HEADER = b"SQLite format 3\x00"


def classify(exc: BaseException, path: Path | str | None) -> DatabaseProblem:
    """The DatabaseProblem that says, in the user's terms, what went wrong with `path`."""
    where = str(path) if path is not None else "in use"
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in text or "database is busy" in text:
        return DatabaseProblem("db.locked", path=where)
    if "disk is full" in text or "disk full" in text or isinstance(exc, OSError) and exc.errno == 28:
        return DatabaseProblem("db.disk_full", path=where)
    if "readonly" in text or "read-only" in text or "read only" in text:
        return DatabaseProblem("db.read_only", path=where)
    if "file is not a database" in text:
        if path is not None and not _has_sqlite_header(Path(path)):
            return DatabaseProblem("db.not_sqlite", path=where)
        return DatabaseProblem("db.corrupt", path=where)
    if "malformed" in text or "corrupt" in text:
        return DatabaseProblem("db.corrupt", path=where)
    if "unable to open database file" in text:
        return DatabaseProblem("db.cannot_create", path=where, reason="the folder cannot be written")
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return DatabaseProblem("db.error", path=where, reason=reason)


@contextmanager
def translated(path: Path | str | None, *, file_errors: bool = True) -> Iterator[None]:
    """Re-raise database driver errors inside the block as DatabaseProblem.

    With `file_errors`, a full disk met while writing a file (a backup) is said about `path`
    too; without, other files' errors pass through, so a full disk while an export is written
    inside a read is reported about the export, which is the file being written."""
    try:
        yield
    except DatabaseProblem:
        raise
    except (DBAPIError, OperationalError, sqlite3.Error) as exc:
        raise classify(exc, path) from exc
    except OSError as exc:
        if exc.errno == 28 and file_errors:
            raise DatabaseProblem("db.disk_full", path=str(path)) from exc
        raise


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False
