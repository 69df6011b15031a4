"""The reads behind a report's scope: straight from the driver, past the ORM, yet showing what
the caller's session holds, and whole when others write between them."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from coprod.domain.enums import Status
from coprod.domain.models import Feedback
from coprod.persistence import encryption
from coprod.persistence.database import open_database
from coprod.services.recommendations import lifecycle as recs
from coprod.services.reports import scope as scope_module
from coprod.services.reports.scope import Scope, load
from tests.reports_scenario import AS_OF, Scenario


def _accepted(s: Session, reference: str, **extra: Any) -> uuid.UUID:
    """A recommendation raised from one comment, then accepted."""
    feedback = s.exec(select(Feedback.id).order_by(Feedback.text)).first()
    new = recs.create_recommendation(
        session=s,
        title=f"Print the carers' newsletter in large type ({reference})",
        raised_on=date(2025, 3, 1),
        reference=reference,
        feedback_ids=[feedback],  # type: ignore[list-item]
        **extra,  # type: ignore[arg-type]
    )
    recs.change_status(session=s, recommendation_id=new, new_status=Status.ACCEPTED, on=date(2025, 3, 2))
    return new


def test_a_report_made_where_records_were_just_written_shows_them(scenario: Scenario) -> None:
    """Written through the session and not yet sent to the database: the reads, which go past
    the ORM, see it all the same."""
    with scenario.db.transaction() as s:
        _accepted(s, "R-901")
        data = load(session=s, scope=Scope(), as_of=AS_OF)
    row = next(r for r in data.recs if r.reference == "R-901")
    assert row.status is Status.ACCEPTED
    assert row.feedback_count == 1


def test_a_recommendation_raised_while_a_report_reads_waits_for_the_next_report(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each read sees what was committed when it began. One raised and linked to feedback
    between the read of the recommendations and the reads of their history is left out,
    whole, instead of stopping the report."""
    real = scope_module.fetch_rows
    reads = 0

    def with_a_write_after_the_first(source: Any, statement: Any) -> list[tuple[Any, ...]]:
        nonlocal reads
        rows = real(source, statement)
        reads += 1
        if reads == 1:
            with scenario.db.transaction() as w:
                late = _accepted(w, "R-902", target_date=date(2025, 9, 1))
                recs.add_update(
                    session=w, recommendation_id=late, text="Started", on=date(2025, 3, 3), public=True
                )
        return rows

    with scenario.db.reading() as s:
        before = load(session=s, scope=Scope(), as_of=AS_OF)
    monkeypatch.setattr(scope_module, "fetch_rows", with_a_write_after_the_first)
    with scenario.db.reading() as s:
        data = load(session=s, scope=Scope(), as_of=AS_OF)
    assert data.recs == before.recs
    monkeypatch.undo()
    with scenario.db.reading() as s:
        assert "R-902" in [r.reference for r in load(session=s, scope=Scope(), as_of=AS_OF).recs]


@pytest.mark.sqlite_only
def test_a_report_reads_an_encrypted_file_as_it_reads_a_plain_one(
    scenario: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The encrypted file's driver (sqlcipher3) cannot say how many values one statement may
    bind; the report still reads, and reads the same."""
    assert scenario.db.path is not None
    with scenario.db.reading() as s:
        plain = load(session=s, scope=Scope(), as_of=AS_OF)
    scenario.db.close()
    locked = tmp_path / "locked.db"
    encryption.export_to(scenario.db.path, None, locked, "correct horse battery staple")
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "correct horse battery staple")
    db = open_database(locked, create=False)
    try:
        assert db.encrypted
        with db.reading() as s:
            data = load(session=s, scope=Scope(), as_of=AS_OF)
    finally:
        db.close()
    assert data.recs == plain.recs and data.sessions == plain.sessions
