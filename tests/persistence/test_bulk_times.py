"""Times written by the bulk path are stored exactly as SQLAlchemy stores them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from coprod.domain.models import Feedback
from coprod.persistence.bulk import _converter

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
    assert _converter(column, dialect)(value) == usual(value)


def test_a_time_without_a_zone_is_refused() -> None:
    dialect = sqlite.dialect()
    with pytest.raises(ValueError, match="timezone"):
        _converter(Feedback.__table__.c.recorded_at, dialect)(datetime(2026, 1, 1))  # type: ignore[attr-defined]
