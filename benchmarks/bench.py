"""The registry of benchmark steps and the context each step receives."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

AS_OF = date(2026, 11, 26)


@dataclass
class Bench:
    """What a step gets: the database (already built: a file, or with --server a URL), the
    scale and a scratch folder."""

    db_path: Path
    scale: int
    workdir: Path
    as_of: date = AS_OF
    extra: dict[str, object] = field(default_factory=dict)
    server: Server | None = None

    def new_database(self, name: str) -> Path:
        """An empty database for a step: a file in the scratch folder, or one on the server."""
        if self.server is not None:
            return self.server.create()  # type: ignore[return-value]  # a URL: open_database takes both
        return self.workdir / f"{name}.db"


class Server:
    """With --server: the benchmark's databases on a PostgreSQL server, dropped at the end."""

    def __init__(self, admin_url: str) -> None:
        url = make_url(admin_url)
        self.base = url.set(drivername="postgresql+psycopg")
        self.admin = sa.create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.made: list[str] = []

    def create(self) -> str:
        name = f"coprod_bench_{uuid.uuid4().hex[:10]}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.base.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made.clear()
        self.admin.dispose()


StepFn = Callable[[Bench], "str | None"]
_STEPS: list[tuple[str, StepFn, int]] = []


def step(name: str, *, repeat: int = 1) -> Callable[[StepFn], StepFn]:
    """Register a timed step. With `repeat` > 1 the median of that many runs is reported."""

    def register(fn: StepFn) -> StepFn:
        _STEPS.append((name, fn, repeat))
        return fn

    return register
