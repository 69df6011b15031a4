"""Two officers editing one recommendation on a PostgreSQL server: the second save is stopped."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from coprod.domain.errors import EditConflict
from coprod.domain.models import Recommendation
from coprod.persistence.database import Database, open_database
from coprod.services.recommendations import edits
from coprod.services.recommendations import lifecycle as recs


@pytest.fixture
def pg_url(pg_migrated_url: str) -> str:
    """Here the test's database starts at the newest schema (tests/postgres.py): these tests
    are about what is done with a database, not about making one."""
    return pg_migrated_url


def _title(db: Database, rid: uuid.UUID) -> str:
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec is not None
        return rec.title


def test_two_connections_the_second_save_is_stopped(pg_url: str) -> None:
    first, second = open_database(pg_url), open_database(pg_url)
    try:
        with first.transaction() as s:
            rid = recs.create_recommendation(session=s, title="Expand respite", raised_on=date(2025, 1, 10))
        with first.reading() as s:
            mine = recs.get(session=s, recommendation_id=rid).version
        with second.reading() as s:
            theirs = recs.get(session=s, recommendation_id=rid).version
        with first.transaction(actor="priya") as s:
            edits.edit_details(
                session=s, recommendation_id=rid, title="Respite at weekends", expected_version=mine
            )
        with pytest.raises(EditConflict) as caught, second.transaction(actor="sam") as s:
            edits.edit_details(
                session=s, recommendation_id=rid, title="Respite every day", expected_version=theirs
            )
        assert caught.value.params["actor"] == "priya"
        assert caught.value.version == mine + 1
        assert _title(first, rid) == _title(second, rid) == "Respite at weekends"
    finally:
        first.close()
        second.close()


def test_a_save_landing_between_the_check_and_the_write_is_stopped(pg_url: str) -> None:
    """The second save read version 1 and passed its check; the first committed before the
    second's UPDATE ran: the UPDATE's "AND version = 1" matches nothing and nothing is lost."""
    first, second = open_database(pg_url), open_database(pg_url)
    try:
        with first.transaction() as s:
            rid = recs.create_recommendation(session=s, title="Expand respite", raised_on=date(2025, 1, 10))
        with pytest.raises(EditConflict) as caught, second.transaction(actor="sam") as s:
            rec = recs.get(session=s, recommendation_id=rid)
            assert rec.version == 1
            with first.transaction(actor="priya") as other:
                edits.edit_details(
                    session=other, recommendation_id=rid, title="Respite at weekends", expected_version=1
                )
            edits.edit_details(
                session=s, recommendation_id=rid, title="Respite every day", expected_version=1
            )
        assert caught.value.params["actor"] == "priya"
        assert _title(first, rid) == "Respite at weekends"
    finally:
        first.close()
        second.close()
