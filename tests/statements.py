"""One cache of compiled SQL for every database a test process opens.

SQLAlchemy compiles each statement once per engine and keeps the result in the engine's own
cache, keyed by the engine's dialect. coprod opens one database and keeps it, so its
statements are compiled once. A test process opens a new database for nearly every test, so
it compiled every statement of every page, report and sync again in each: about a tenth of
the suite's time, and more on the server.

`share_compiled_statements` makes every engine of the process that talks to the same kind of
database the same way (one driver, one isolation level) use one dialect and one cache, so a
statement is compiled once per process. The dialect is shared only once a connection has set
it up (`initialize` reads the SQLite library's or the server's version): every test of a run
talks to the same library and the same server. What each engine connects to, and how
(connect arguments, pragmas, keys), stays the engine's own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.default import DefaultDialect
from sqlalchemy.util import LRUCache

_CACHE: LRUCache[Any, Any] = LRUCache(10_000)
_READY: dict[tuple[object, ...], DefaultDialect] = {}


def _kind(dialect: DefaultDialect) -> tuple[object, ...]:
    """What must be the same for two engines to share a dialect."""
    return (
        type(dialect),
        dialect.loaded_dbapi,
        getattr(dialect, "_on_connect_isolation_level", None),
        dialect.paramstyle,
    )


def share_compiled_statements() -> None:
    for cls in (SQLiteDialect_pysqlite, PGDialect_psycopg):
        created = cls.engine_created.__func__  # type: ignore[attr-defined]
        initialize = cls.initialize

        def engine_created(cls_: type[DefaultDialect], engine: Engine, _created: Any = created) -> None:
            _created(cls_, engine)
            shared = _READY.get(_kind(engine.dialect))
            if shared is not None:
                engine.dialect = shared
                engine._compiled_cache = _CACHE

        def ready(self: DefaultDialect, connection: Connection, _initialize: Any = initialize) -> None:
            _initialize(self, connection)
            _READY.setdefault(_kind(self), self)

        cls.engine_created = classmethod(engine_created)  # type: ignore[method-assign,assignment]
        cls.initialize = ready  # type: ignore[method-assign]
