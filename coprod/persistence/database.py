"""Opening a coprod database: one SQLite file by default, migrated and checked on open.

SQL that only SQLite understands stays in this package (see `dialect.py`) so that a shared
PostgreSQL server can take over when a team outgrows one laptop.

Every ORM session is made here (`Database.session`), and the first one loads the models
with the hooks that audit and record every write (`_orm`). A command that only reads figures
through Core (`Database.reading_rows`) never pays for SQLModel and its models at start-up.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool, StaticPool

from coprod.domain.errors import DatabaseProblem, Phrase
from coprod.persistence import credentials, encryption, migrate
from coprod.persistence.backup import take_backup
from coprod.persistence.errors import (
    SQLITE_HEADER,
    classify,
    connection_problem,
    missing_parent_problem,
    missing_parents,
    translated,
)
from coprod.persistence.permissions import (
    has_wal,
    new_private_file,
    private_folder,
    read_as_it_stands,
)
from coprod.persistence.presence import Presence, announce

if TYPE_CHECKING:
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 10  # a server that does not answer in this long is said to be unreachable
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def default_db_path() -> Path:
    return platformdirs.user_data_path("coprod", appauthor=False) / "coprod.db"


@dataclass
class Database:
    """An open coprod database. Hand out short sessions; never keep ORM objects across them."""

    url: str
    path: Path | None
    engine: Engine
    read_only: bool = False
    presence: Presence | None = field(default=None, repr=False)
    identity: tuple[int, int] | None = None  # the file's device and inode when it was opened
    encrypted: bool = False  # an SQLCipher file, opened with its key

    @property
    def label(self) -> str:
        """How the database is named to people: its file, or the server's URL without a password."""
        return str(self.path) if self.path is not None else display_url(self.url)

    @property
    def database(self) -> Database:
        """Itself: what services that work on the engine take from any store (services.common.store)."""
        return self

    def session(self, *, bind: Connection | None = None, **info: Any) -> Session:
        """An ORM session on the engine, or on `bind` (one connection set up by the caller),
        with the audit and sync hooks installed."""
        orm_session = _orm()
        return orm_session(bind if bind is not None else self.engine, expire_on_commit=False, info=info)

    @contextmanager
    def transaction(self, **info: Any) -> Iterator[Session]:
        """One unit of work: committed whole on success, rolled back whole on any error."""
        self.check_still_there()
        with translated(self.path, file_errors=False), self.session(**info) as session, session.begin():
            yield session
            _check_deferred_keys(session, self.label)

    def check_still_there(self) -> None:
        """Refuse to write if the file was replaced since it was opened (a restore or a copy by
        another program): the connection would write into the old file, which nobody will see."""
        if self.path is None or self.identity is None:
            return
        if _identity(self.path) != self.identity:
            raise DatabaseProblem("db.replaced", path=str(self.path))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with translated(self.path, file_errors=False), self.session() as session:
            yield session

    @contextmanager
    def reading_rows(self) -> Iterator[Connection]:
        """A read through Core alone, for commands that print figures: no ORM is loaded."""
        with translated(self.path, file_errors=False), self.engine.connect() as conn:
            yield conn

    def compact(self) -> None:
        """Rewrite the file with every page full and in order (SQLite's VACUUM), after a bulk
        fill: the unique indexes, kept up to date row by row, are left with pages part empty
        (even in id order, a page split leaves both halves part full). A server manages its
        own space: nothing to do there."""
        if self.path is None:
            return
        self.check_still_there()
        with translated(self.path, file_errors=False), self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            # The copy VACUUM builds first is kept in memory rather than in a temporary file
            # written and read back (0.81-1.11 s against 1.05-1.21 s for a 120 MiB demo file).
            store = raw.execute("PRAGMA temp_store").fetchone()[0]
            raw.execute("PRAGMA temp_store = MEMORY")
            try:
                raw.execute("VACUUM")
            finally:
                raw.execute(f"PRAGMA temp_store = {int(store)}")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.engine.dispose()
        if self.presence is not None:
            self.presence.release()
            self.presence = None


def _orm() -> type[Session]:
    """The ORM's session class, once every model is registered and the hooks that audit and
    record each write for sync are installed (importing their modules installs them)."""
    from sqlmodel import Session

    import coprod.domain.models  # noqa: F401  (every table registered before use)
    import coprod.persistence.audit  # noqa: F401  (installs the audit hook)
    import coprod.persistence.sync  # noqa: F401  (records a laptop copy's changes for sync)

    return Session


def _check_deferred_keys(session: Session, label: str) -> None:
    """Where foreign keys were deferred to the commit (a merge), find the record that would make
    it fail, so the sentence can name it instead of 'FOREIGN KEY constraint failed'."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or not conn.exec_driver_sql("PRAGMA defer_foreign_keys").scalar():
        return
    session.flush()
    found = missing_parents(conn.connection.driver_connection)  # type: ignore[arg-type]
    if found is not None:
        table, row, parent = found
        raise missing_parent_problem(label, table.replace("_", " "), row, parent)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def resolve(target: str | Path | None) -> tuple[str, Path | None]:
    """The SQLAlchemy URL and, for an SQLite file, its path."""
    if target is None:
        path = default_db_path()
        return f"sqlite:///{path}", path
    text = str(target)
    if "://" in text:
        url = make_url(text)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            return text, Path(url.database)
        if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2", "psycopg"):
            # `postgresql://` as people write it: coprod talks to the server through psycopg 3.
            url = _server_defaults(url.set(drivername="postgresql+psycopg"))
            return url.render_as_string(hide_password=False), None
        return text, None
    path = Path(text).expanduser()
    return f"sqlite:///{path}", path


def _server_defaults(url: URL) -> URL:
    """What a server URL leaves out, filled in safely: the password kept in the credential store
    for this login (else libpq's own PGPASSWORD and .pgpass apply), TLS that checks the server's
    certificate and name (sslmode=verify-full, against the system's trusted roots unless
    ~/.postgresql/root.crt names the team's own), and a time limit on reaching the server.
    Whatever the URL or libpq's PG* variables say wins. A server on this computer (localhost
    or a socket) is reached as libpq would: its traffic never leaves the machine."""
    query: dict[str, Any] = dict(url.query)
    host = url.host or str(query.get("host") or "")
    if url.password is None and url.username and url.database:
        login = credentials.login_name(url.username, host, url.port, url.database)
        stored = credentials.stored_password(login)
        if stored is not None:
            url = url.set(password=stored)
    local = not host or host.startswith("/") or host.lower() in LOCAL_HOSTS
    if "sslmode" not in query and not os.environ.get("PGSSLMODE") and not local:
        query["sslmode"] = "verify-full"
    if (
        query.get("sslmode") == "verify-full"
        and "sslrootcert" not in query
        and not os.environ.get("PGSSLROOTCERT")
        and not _own_root_certificate().exists()
    ):
        query["sslrootcert"] = "system"
    if "connect_timeout" not in query and not os.environ.get("PGCONNECT_TIMEOUT"):
        query["connect_timeout"] = str(CONNECT_TIMEOUT_S)
    return url.set(query=query)


def _own_root_certificate() -> Path:
    """Where libpq looks for the certificate authority a team's IT put there for it."""
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", "")) / "postgresql" / "root.crt"
    return Path.home() / ".postgresql" / "root.crt"


def display_url(url: str) -> str:
    """`url` as people write it: a server's without its password, driver name or options
    (`postgresql://priya@db/coprod`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    shown = URL.create("postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database)
    return shown.render_as_string()


def without_password(url: str) -> str:
    """`url` as it may be kept to reach the same database again: a server's without its
    password (the credential store keeps that), with its options (`sslmode=require`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    kept = URL.create(
        "postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
    )
    return kept.render_as_string(hide_password=False)


def _reach(engine: Engine, url: str) -> None:
    """Connect to a server once, so that not reaching it is said in one sentence about it."""
    if engine.dialect.name != "postgresql":
        return
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        raise connection_problem(exc, make_url(url)) or classify(exc, display_url(url)) from exc


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    """Per-connection settings only: nothing here writes to the file."""
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")
    finally:
        cur.close()


def make_engine(
    url: str, *, read_only: bool = False, immutable: bool = False, key: str | None = None
) -> Engine:
    """An engine for `url`. `immutable` (read only, on a file nobody can be writing) reads
    without the -shm index and locks, so nothing is made beside a file coprod cannot write.
    With `key`, the file is an SQLCipher one, opened through `sqlcipher3`."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url)
    memory = parsed.database in (None, "", ":memory:")
    read_url = f"sqlite:///file:{parsed.database}?mode=ro{'&immutable=1' if immutable else ''}&uri=true"
    if key is not None and not memory:
        # The URL only names the file (code reading `engine.url` sees the same as for a plain
        # one); the connections come from sqlcipher3, keyed.
        make = encryption.creator(Path(parsed.database or ""), key, read_only=read_only, immutable=immutable)
        engine = create_engine(
            read_url if read_only else url,
            module=encryption.cipher_module(),
            creator=make,
            poolclass=QueuePool,
        )
    elif memory:
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    elif read_only:
        engine = create_engine(read_url, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: object) -> None:
        _set_pragmas(dbapi_conn, record)

    return engine


def _clear_stale_sidecars(path: Path) -> None:
    """An earlier read-only open may have left -shm and an empty -wal that this user cannot
    write (SQLite gives them the mode the file had then); they would stop every writable
    open. The -shm is only an index SQLite rebuilds, so an unwritable one goes, with its
    empty -wal. A -wal holding changes is never touched."""
    shm, wal = Path(f"{path}-shm"), Path(f"{path}-wal")
    stale = [p for p in (shm, wal) if p.exists() and not os.access(p, os.W_OK)]
    if not stale or has_wal(path):
        return
    for sidecar in (shm, wal):
        try:
            sidecar.unlink(missing_ok=True)
        except OSError:
            return  # the folder cannot be written either: SQLite will say the file is read-only


def _check_file(path: Path, *, create: bool) -> bool:
    """Refuse what is plainly not a database before SQLite touches it. True if it exists (and,
    for an encrypted file, only once a key that opens it is known: see `key_for`).

    A missing or empty file becomes a database only when `create` is asked for: only
    `coprod demo`, `coprod init` and the window's "New database" make one.
    """
    if path.is_dir():
        raise DatabaseProblem("db.directory", path=str(path))
    if not path.exists():
        if not create:
            raise DatabaseProblem("db.not_found", path=str(path))
        try:
            private_folder(path.parent)
            new_private_file(path)
        except OSError as exc:
            raise DatabaseProblem("db.cannot_create", path=str(path), reason=exc.strerror) from exc
        return False
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise DatabaseProblem("db.error", path=str(path), reason=Phrase("db.reason.no_permission")) from exc
    if not header:
        if not create:
            raise DatabaseProblem("db.empty", path=str(path))
        return False  # an empty file the user asked to make a database
    return True  # an encrypted file (no SQLite header) is checked with its key: see `key_for`


def key_for(path: Path) -> str | None:
    """None for a plain SQLite file; the key of an encrypted one, or one sentence saying why not."""
    if encryption.is_plain(path):
        return None
    if not encryption.looks_encrypted(path):
        raise DatabaseProblem("db.not_sqlite", path=str(path))
    key, tried = encryption.find_key(path)
    if key is None and tried:
        raise DatabaseProblem("db.wrong_key", path=str(path))
    if key is None:
        raise DatabaseProblem("db.needs_key", path=str(path))
    return key


def open_database(
    target: str | Path | None = None,
    *,
    create: bool = True,
    read_only: bool = False,
    migrate_schema: bool = True,
) -> Database:
    """Open (creating and migrating as needed) the coprod database at `target`.

    Raises DatabaseProblem with a plain sentence for every way a file can be unusable.
    Before upgrading an existing file's schema, a backup is taken.
    """
    url, path = resolve(target)
    existed = _check_file(path, create=create and not read_only) if path is not None else False
    if path is not None and existed and not read_only:
        _clear_stale_sidecars(path)
    # Where this user cannot write, nobody else is writing through a -wal either (there is
    # none), so read the file as it stands rather than leave an unwritable -shm beside it.
    immutable = read_only and path is not None and read_as_it_stands(path)
    key = key_for(path) if existed and path is not None else None
    engine = make_engine(url, read_only=read_only, immutable=immutable, key=key)
    db = Database(url=url, path=path, engine=engine, read_only=read_only, encrypted=key is not None)
    opened_as = _identity(path) if path is not None else None
    try:
        if path is None:
            _reach(engine, url)
        with translated(path), engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = migrate.current_revision(conn) if "alembic_version" in tables else None
        _check_revision(path, tables, revision, create=create, where=db.label)
        if path is not None and not read_only:
            # Only now is the file known to be coprod's, so only now is anything put beside it.
            db.presence = announce(path)
            if _identity(path) != opened_as:  # a restore finished while this open was waiting
                raise DatabaseProblem("db.replaced", path=str(path))
        if migrate_schema and revision != migrate.head_revision():
            if read_only:
                raise DatabaseProblem("db.read_only", path=str(path))
            if existed and revision is not None and path is not None:
                with translated(path):
                    take_backup(path, "pre-migration")
            with translated(path), engine.begin() as conn:
                migrate.upgrade_to_head(conn)
        if path is not None and not read_only:
            _use_wal(engine, path)
    except DatabaseProblem:
        db.close()
        raise
    except Exception as exc:
        db.close()
        raise classify(exc, path) from exc
    db.identity = opened_as
    return db


def _use_wal(engine: Engine, path: Path) -> None:
    """Write-ahead logging, set once the file is known to be coprod's (the mode is stored in it)."""
    if engine.dialect.name != "sqlite":
        return
    with translated(path), engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA journal_mode").scalar() != "wal":
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")


def _check_revision(
    path: Path | None, tables: set[str], revision: str | None, *, create: bool, where: str
) -> None:
    if path is None and where.startswith("sqlite"):
        where = "in memory"
    if revision is None:
        if tables - {"alembic_version"}:
            raise DatabaseProblem("db.not_coprod", path=where)
        if path is not None and not create:
            raise DatabaseProblem("db.empty", path=where)  # an SQLite file with nothing in it
        return
    if revision not in migrate.known_revisions():
        raise DatabaseProblem("db.newer", path=where, revision=revision)
