"""Two officers' laptops, offline, then synced with the team server: nothing lost, one conflict."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.models import Feedback, Recommendation
from coprod.persistence.database import open_database
from coprod.persistence.sync import CONFLICT
from coprod.services.common.records import soft_delete
from coprod.services.engagement.capture import add_feedback
from coprod.services.recommendations.edits import edit_details
from coprod.services.recommendations.lifecycle import change_status, set_target
from tests.command import run
from tests.server.sync_team import Team, content_hash, lag_json, team_server


@pytest.fixture
def team(pg_server: str, pg_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_url) as made:
        yield made


def _copy(team: Team, who: str, path: Path) -> None:
    ran = run("sync", "--first", "--db", str(path), "--server", team.server_as(who))
    assert ran.returncode == 0, ran.stderr
    assert "A new laptop copy" in ran.stdout


def _sync(team: Team, who: str, path: Path) -> str:
    ran = run("sync", "--db", str(path), "--server", team.server_as(who))
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


def _edit(path: Path, work: object) -> None:
    db = open_database(path, create=False)
    try:
        with db.transaction() as s:
            work(s)  # type: ignore[operator]
    finally:
        db.close()


def _conflicts(url: str) -> list[dict[str, object]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(CONFLICT))]
    finally:
        engine.dispose()


def test_two_offline_laptops_converge_with_one_conflict(team: Team, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _copy(team, "a", a)
    _copy(team, "b", b)
    assert content_hash(a) == content_hash(b) == content_hash(team.url)
    rec = team.ids["rec"]

    def a_works(s: object) -> None:
        r = s.get(Recommendation, rec)  # type: ignore[attr-defined]
        edit_details(
            session=s,
            recommendation_id=rec,
            title="Book respite online",
            reference=r.reference,
            description=r.description,
            strategy_id=r.strategy_id,
            success_measure=r.success_measure,
            cqc_statement=r.cqc_statement,
            you_said=r.you_said,
        )
        change_status(session=s, recommendation_id=rec, new_status=Status.ACCEPTED, on=date(2026, 4, 1))
        add_feedback(
            session=s, session_id=team.ids["session"], text="Evening slots please", themes=["Respite"]
        )
        soft_delete(s, Feedback, team.ids["spare"])

    def b_works(s: object) -> None:
        set_target(session=s, recommendation_id=rec, new_date=date(2026, 9, 30), on=date(2026, 4, 2))
        change_status(
            session=s,
            recommendation_id=rec,
            new_status=Status.NOT_TAKEN_FORWARD,
            on=date(2026, 4, 3),
            reason="No budget this year",
        )
        add_feedback(session=s, session_id=team.ids["session"], text="Phone booking works for me", themes=[])

    _edit(a, a_works)
    _edit(b, b_works)
    status = run("sync", "--status", "--db", str(a))
    assert status.returncode == 0 and "changes waiting to be sent" in status.stdout

    for _round in range(2):
        _sync(team, "a", a)
        _sync(team, "b", b)

    assert content_hash(a) == content_hash(b) == content_hash(team.url)
    assert lag_json(a) == lag_json(b) == lag_json(team.url)
    conflicts = _conflicts(team.url)
    assert [(c["table_name"], c["field"]) for c in conflicts] == [("recommendation", "status")]
    assert conflicts[0]["kept_value"] == "not_taken_forward" and conflicts[0]["other_value"] == "accepted"
    assert conflicts[0]["kept_by"] == team.logins["b"] and conflicts[0]["other_by"] == team.logins["a"]

    db = open_database(b, create=False)
    try:
        with db.reading() as s:
            r = s.get(Recommendation, rec)
            assert r is not None
            assert (r.title, r.target_date, r.status) == (
                "Book respite online",
                date(2026, 9, 30),
                Status.NOT_TAKEN_FORWARD,
            )
            texts = {f.text for f in s.exec(select(Feedback).where(Feedback.deleted_at.is_(None)))}  # type: ignore[union-attr]
            assert {"Evening slots please", "Phone booking works for me"} <= texts
            assert "The leaflet was out of date" not in texts
    finally:
        db.close()
    status = run("sync", "--status", "--db", str(b))
    assert "0 changes waiting to be sent" in status.stdout and "Last synced with" in status.stdout
