"""The reads behind a report's scope: side by side on an SQLite file, yet what they show is
what one read after another on the caller's own connection shows."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session, select

from coprod.domain.enums import Status
from coprod.domain.models import Feedback, Recommendation, Theme
from coprod.persistence import encryption
from coprod.persistence.database import open_database
from coprod.persistence.raw import fetch_many, fetch_rows
from coprod.services.recommendations import lifecycle as recs
from coprod.services.reports import scope as scope_module
from coprod.services.reports.scope import Scope, load
from tests.reports_scenario import AS_OF, Scenario


def _checkouts(scenario: Scenario) -> list[object]:
    """Every connection handed out by the database's pool from now on."""
    seen: list[object] = []
    event.listen(scenario.db.engine, "checkout", lambda conn, record, proxy: seen.append(conn))
    return seen


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


def test_reads_side_by_side_return_what_reads_one_after_another_return(scenario: Scenario) -> None:
    statements: list[Any] = [
        sa.select(Recommendation.reference, Recommendation.title).order_by(Recommendation.reference),
        sa.select(Feedback.text).order_by(Feedback.text),
        sa.select(Theme.name).order_by(Theme.name),
    ]
    with scenario.db.reading() as s:
        one_by_one = [fetch_rows(s, statement) for statement in statements]
        seen = _checkouts(scenario)
        together = fetch_many(s, statements)
    assert together == one_by_one
    assert [r[0] for r in together[0]][:3] == ["R-001", "R-002", "R-003"]
    if scenario.db.engine.dialect.name == "sqlite":
        assert len(seen) == len(statements)  # each read on a connection of its own


def test_a_report_made_where_records_were_just_written_shows_them(scenario: Scenario) -> None:
    """A transaction that has written reads on its own connection: the others would not see
    what it has not committed yet."""
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
    real: Callable[..., list[list[tuple[Any, ...]]]] = fetch_many

    def with_a_write_between(source: Any, statements: list[Any], **kw: Any) -> list[list[tuple[Any, ...]]]:
        first = real(source, statements[:1], **kw)
        with scenario.db.transaction() as w:
            late = _accepted(w, "R-902", target_date=date(2025, 9, 1))
            recs.add_update(
                session=w, recommendation_id=late, text="Started", on=date(2025, 3, 3), public=True
            )
        return first + real(source, statements[1:], **kw)

    with scenario.db.reading() as s:
        before = load(session=s, scope=Scope(), as_of=AS_OF)
    monkeypatch.setattr(scope_module, "fetch_many", with_a_write_between)
    with scenario.db.reading() as s:
        data = load(session=s, scope=Scope(), as_of=AS_OF)
    assert data.recs == before.recs
    monkeypatch.undo()
    with scenario.db.reading() as s:
        assert "R-902" in [r.reference for r in load(session=s, scope=Scope(), as_of=AS_OF).recs]


@pytest.mark.sqlite_only
def test_an_encrypted_file_is_read_on_the_reports_own_connection(
    scenario: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each new connection to an encrypted file derives its key again, which costs more than
    the reads it would share: the reads stay on the one connection, and read the same."""
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
        seen: list[object] = []
        event.listen(db.engine, "checkout", lambda conn, record, proxy: seen.append(conn))
        with db.reading() as s:
            data = load(session=s, scope=Scope(), as_of=AS_OF)
    finally:
        db.close()
    assert data.recs == plain.recs
    assert len(seen) == 1
