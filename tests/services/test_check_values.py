"""`coprod check` reads each column's type from the file's schema: the same as the models'."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

import coprod.domain.models  # noqa: F401  (every table on the metadata)
from coprod.domain.types import UTCDateTime
from coprod.persistence.database import Database
from coprod.services.data.check_values import allowed_class, checked_tables

pytestmark = pytest.mark.sqlite_only  # about the types SQLite keeps in a file


def _models_class(column: sa.Column[object]) -> str | None:
    """What a model's column type must be stored as in SQLite (None: anything)."""
    kind = column.type
    if isinstance(kind, (sa.Boolean, sa.Integer)):
        return "integer"
    if isinstance(kind, (sa.Uuid, UTCDateTime, sa.Date, sa.Enum, sa.String)) or (
        isinstance(kind, sa.types.TypeDecorator) and isinstance(kind.impl_instance, sa.String)
    ):
        return "text"
    return None


def test_every_model_column_is_checked_for_its_own_type(db: Database) -> None:
    with db.engine.connect() as conn:
        tables = checked_tables(conn)
        assert set(tables) == {t.name for t in SQLModel.metadata.sorted_tables}
        for name in tables:
            declared = dict(conn.exec_driver_sql(f'SELECT name, type FROM pragma_table_info("{name}")').all())
            model = SQLModel.metadata.tables[name]
            assert set(declared) == {c.name for c in model.columns}, name
            for column in model.columns:
                assert allowed_class(declared[column.name]) == _models_class(column), (name, column.name)
