"""Turn driver errors into one plain sentence about the file the user chose."""

from __future__ import annotations

import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from coprod.domain.errors import DatabaseProblem, Phrase
from coprod.persistence.server.refusals import is_refusal, refused_problem

SQLITE_HEADER = b"SQLite format 3\x00"

try:  # an encrypted database's connections come from sqlcipher3, whose errors are its own
    from sqlcipher3 import Error as _CipherError
except ImportError:  # pragma: no cover
    _CipherError = sqlite3.Error
DRIVER_ERRORS = (sqlite3.Error, _CipherError)


def classify(exc: BaseException, path: Path | str | None) -> DatabaseProblem:
    """The DatabaseProblem that says, in the user's terms, what went wrong with `path`."""
    where = str(path) if path is not None else "in use"
    server_problem = connection_problem(exc)
    if server_problem is not None:
        return server_problem
    text = str(getattr(exc, "orig", None) or exc).lower()
    if is_refusal(exc):  # a team server's roles refused it
        return refused_problem(exc)
    if isinstance(exc, IntegrityError | sqlite3.IntegrityError) or "constraint failed" in text:
        return constraint_problem(exc, where)
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
        return DatabaseProblem("db.cannot_create", path=where, reason=Phrase("db.reason.folder_read_only"))
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return DatabaseProblem("db.error", path=where, reason=reason)


def constraint_problem(exc: BaseException, source: str) -> DatabaseProblem:
    """'UNIQUE constraint failed: recommendation.reference' as a sentence about `source`,
    naming the table (from the message, or the statement that failed) and the record if known."""
    message = str(getattr(exc, "orig", None) or exc)
    kind, _, where = message.partition(" constraint failed")
    table, _, column = where.lstrip(": ").split(",")[0].strip().partition(".")
    statement = str(getattr(exc, "statement", "") or "")
    if not table:
        found = re.search(r"(?:INSERT INTO|UPDATE|DELETE FROM)\s+\"?(\w+)", statement, re.IGNORECASE)
        table = found.group(1) if found else "database"
    params = getattr(exc, "params", None)
    if isinstance(params, list | tuple) and len(params) == 1:
        params = params[0]  # one row sent as a batch
    if isinstance(params, tuple):  # positional: match them to the statement's columns
        columns = re.search(r"\(([^)]*)\)\s*VALUES", statement, re.IGNORECASE)
        names = [c.strip().strip('"') for c in columns.group(1).split(",")] if columns else []
        params = dict(zip(names, params, strict=False))
    row = params.get("id") if isinstance(params, dict) else None
    table = table.replace("_", " ")
    if kind.strip().upper() == "FOREIGN KEY":
        return missing_parent_problem(source, table, _as_uuid(row) if row is not None else None, None)
    rules = {"UNIQUE": "must be unique", "NOT NULL": "must be given", "CHECK": "is out of range"}
    return DatabaseProblem(
        "db.constraint",
        source=source,
        table=table,
        column=column.replace("_", " ") or "value",
        rule=rules.get(kind.strip().upper(), "breaks a rule of the database"),
    )


def missing_parent_problem(source: str, table: str, row: str | None, parent: str | None) -> DatabaseProblem:
    record = f"the {table} record {row}" if row else f"a record in the {table} table"
    pointed = f"a {parent.replace('_', ' ')} record" if parent else "another record"
    return DatabaseProblem("db.missing_parent", source=source, record=record, parent=pointed)


def _as_uuid(value: object) -> str:
    """An id as records are written in files (stored as 32 hex digits)."""
    if isinstance(value, str) and len(value) == 32:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    return str(value)


def missing_parents(conn: sqlite3.Connection) -> tuple[str, str, str] | None:
    """The first record pointing to one that does not exist: (table, its id, the table pointed to)."""
    found = conn.execute("PRAGMA foreign_key_check").fetchone()
    if found is None:
        return None
    table, rowid, parent = found[0], found[1], found[2]
    row = conn.execute(f'SELECT id FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()  # noqa: S608
    return table, _as_uuid(row[0] if row else rowid), parent


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
    except (DBAPIError, OperationalError, *DRIVER_ERRORS) as exc:
        raise classify(exc, path) from exc
    except OSError as exc:
        if exc.errno == 28 and file_errors:
            raise DatabaseProblem("db.disk_full", path=str(path)) from exc
        raise


# PostgreSQL broke a deadlock, or a conflict between concurrent transactions, by rolling one
# back; its advice is to run that transaction again.
RETRY_STATES = frozenset({"40P01", "40001"})
T = TypeVar("T")


def again_if_rolled_back(work: Callable[[], T], *, tries: int = 3) -> T:
    """Run `work` (one whole transaction) again if the server rolled it back to break a
    deadlock: two team-server commands changing roles at once (a `server init` while a login
    is added or dropped) can meet so."""
    for attempt in range(1, tries + 1):
        try:
            return work()
        except DatabaseProblem as exc:
            cause = getattr(exc.__cause__, "orig", exc.__cause__)
            if attempt == tries or getattr(cause, "sqlstate", None) not in RETRY_STATES:
                raise
            time.sleep(0.1 * attempt)
    raise AssertionError("unreachable")


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


# --- reaching a team server -----------------------------------------------------------------
# libpq says why a connection failed in English text only (psycopg gives no SQLSTATE for most
# of these), so the text is read here, once, into one sentence per cause.
_AT_SERVER = re.compile(
    r'connection to server (?:at "([^"]+)"(?: \([^)]*\))?, port (\d+)|on socket "([^"]+)")'
)
_UNREACHABLE = (
    "connection refused",
    "no route to host",
    "network is unreachable",
    "could not connect",
    "is the server running",
    "server closed the connection unexpectedly",
    "connection reset",
    "no connection to the server",
)
_TLS_UNVERIFIED = (
    "root certificate",
    "certificate verify failed",
    "does not match host name",
    "certificate",
    "ssl error",
    "sslv3",
    "tlsv1",
)


def server_place(host: str, port: int | None) -> str:
    """A server as people name it: its host, and the port only when it is not PostgreSQL's own."""
    shown = f"[{host}]" if ":" in host else host
    return shown if port in (None, 5432) else f"{shown}:{port}"


def connection_problem(exc: BaseException, url: URL | None = None) -> DatabaseProblem | None:
    """The sentence for a team server that could not be reached or would not let the user in,
    naming the server, database and user from `url` (else from libpq's message); None when
    `exc` is not about connecting to a server."""
    orig = getattr(exc, "orig", None) or exc
    if not type(orig).__module__.startswith("psycopg"):
        return None
    text = str(orig)
    low = text.lower()
    found = _AT_SERVER.search(text)
    if url is not None and url.host:
        server = server_place(url.host, url.port)
    elif found is not None and found.group(1):
        server = server_place(found.group(1), int(found.group(2)))
    elif found is not None:
        server = "this computer"
    else:
        server = ""
    database = url.database if url is not None and url.database else _quoted(text, "database") or ""
    user = url.username if url is not None and url.username else _quoted(text, "user") or ""
    timeout = str(url.query.get("connect_timeout", "")) if url is not None else ""
    if "timeout expired" in low:
        return DatabaseProblem("server.timeout", server=server or "the server", seconds=timeout or "?")
    if "could not translate host name" in low or "failed to resolve host" in low:
        return DatabaseProblem("server.unknown_host", server=server or _quoted(text, "name") or "the server")
    if "password authentication failed" in low:
        return DatabaseProblem("server.wrong_password", server=server, user=user)
    if "no password supplied" in low:
        return DatabaseProblem("server.password_needed", server=server, user=user)
    if re.search(r'role "[^"]*" does not exist', low):
        return DatabaseProblem("server.unknown_user", server=server, user=_quoted(text, "role") or user)
    if re.search(r'database "[^"]*" does not exist', low):
        missing = _quoted(text, "database") or database
        return DatabaseProblem("server.no_database", server=server, database=missing)
    if "does not support ssl" in low:
        return DatabaseProblem("server.tls_unavailable", server=server)
    if found is not None and any(word in low for word in _TLS_UNVERIFIED):
        return DatabaseProblem("server.tls_unverified", server=server)
    if any(word in low for word in _UNREACHABLE):
        return DatabaseProblem("server.unreachable", server=server or "the server")
    if found is not None:
        reason = text.split("failed:", 1)[-1].replace("FATAL:", "").strip().splitlines()[0].strip()
        return DatabaseProblem("server.refused", server=server, reason=reason)
    return None


def _quoted(text: str, word: str) -> str | None:
    """The quoted name after `word` in libpq's message (`database "coprod"` gives coprod)."""
    found = re.search(rf'{word} "([^"]*)"', text)
    return found.group(1) if found else None
