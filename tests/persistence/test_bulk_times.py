"""Times written by the bulk path are stored exactly as SQLAlchemy stores them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from coprod.domain.models import Feedback
from coprod.persistence.bulk import converter

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 5, 1, 23, 30, 1, 5, tzinfo=timezone(timedelta(hours=2))),
        datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
def test_bulk_times_match_sqlalchemys(value: datetime) -> None:
    dialect = sqlite.dialect()
    column = Feedback.__table__.c.recorded_at  # type: ignore[attr-defined]
    usual = column.type.dialect_impl(dialect).bind_processor(dialect)
    assert converter(column, dialect)(value) == usual(value)


def test_a_time_without_a_zone_is_refused() -> None:
    dialect = sqlite.dialect()
    with pytest.raises(ValueError, match="timezone"):
        converter(Feedback.__table__.c.recorded_at, dialect)(datetime(2026, 1, 1))  # type: ignore[attr-defined]


def test_columns_of_unequal_length_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    from coprod.domain.models import Theme
    from coprod.persistence.bulk import column_names, insert_columns
    from coprod.persistence.database import open_database

    db = open_database(tmp_path / "t.db", create=True)
    table = Theme.__table__  # type: ignore[attr-defined]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    row = {"id": uuid.uuid4(), "created_at": now, "updated_at": now, "name": "Transport"}
    columns = [[row.get(name)] for name in column_names(table)]
    columns[-1] = []
    try:
        with pytest.raises(ValueError, match="equal length"), db.transaction() as session:
            insert_columns(session.connection(), table, columns)
        with db.reading() as session:
            assert session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one() == 0
    finally:
        db.close()
