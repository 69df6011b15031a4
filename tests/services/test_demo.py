import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel

from coprod.domain.enums import Status
from coprod.domain.errors import CoprodError
from coprod.domain.models import (
    Feedback,
    Recommendation,
    RecommendationUpdate,
    StatusChange,
    TargetChange,
)
from coprod.persistence.database import open_database
from coprod.services.demo.scenario import generate, write_demo
from tests.engines import copy_database

AS_OF = date(2026, 6, 30)


def _dump(path: Path) -> dict[str, list[tuple]]:
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            return {
                t.name: sorted(tuple(map(str, r)) for r in conn.execute(select(t)))
                for t in SQLModel.metadata.sorted_tables
                if t.name != "audit_event"
            }
    finally:
        db.close()


def _build(path: Path, seed: int) -> Path:
    db = open_database(path)
    with db.transaction() as s:
        generate(session=s, scale=1, seed=seed, as_of=AS_OF)
    db.close()
    return path


def test_same_seed_gives_the_same_database(tmp_path: Path) -> None:
    a = _dump(_build(tmp_path / "a.db", 11))
    b = _dump(_build(tmp_path / "b.db", 11))
    c = _dump(_build(tmp_path / "c.db", 12))
    assert a == b
    assert a["recommendation"] != c["recommendation"]


def test_demo_ids_come_in_the_order_rows_are_written(tmp_path: Path) -> None:
    """As an import's do (version 7): each table's unique indexes fill from the end."""
    path = _build(tmp_path / "ids.db", 11)
    with sqlite3.connect(path) as conn:
        for table in ("feedback", "feedback_theme", "recommendation", "recommendation_feedback"):
            ids = [row[0] for row in conn.execute(f"SELECT id FROM {table} ORDER BY rowid")]
            assert ids == sorted(ids), table
            assert {i[12] for i in ids} == {"7"}, table


def test_demo_covers_every_status_and_keeps_every_rule(demo_db_file: Path) -> None:
    db = open_database(demo_db_file)
    with db.reading() as s:
        recs = s.exec(select(Recommendation)).scalars().all()
        assert {r.status for r in recs} == set(Status)
        assert 30 <= len(recs) <= 50
        assert s.execute(select(func.count()).select_from(Feedback)).scalar_one() == 400
        public = {u.recommendation_id for u in s.exec(select(RecommendationUpdate)).scalars() if u.is_public}
        for r in recs:
            assert r.raised_on <= date(2026, 11, 26)
            if r.status is Status.IMPLEMENTED:
                assert r.implemented_on is not None and r.implemented_on >= r.raised_on
                assert r.id in public
            if r.status is Status.NOT_TAKEN_FORWARD:
                assert r.decision_reason and r.decided_on
            if r.revised_target_date is not None:
                assert r.target_date is not None and r.revised_target_date != r.target_date
            changes = (
                s.exec(select(StatusChange).where(StatusChange.recommendation_id == r.id)).scalars().all()
            )
            assert changes and max(changes, key=lambda c: c.changed_on).to_status is r.status
        assert s.execute(select(func.count()).select_from(TargetChange)).scalar_one() > 0
    db.close()


def test_demo_refuses_a_database_that_already_has_recommendations(demo_db_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy = copy_database(demo_db_file, copy)  # type: ignore[assignment]
    db = open_database(copy)
    with pytest.raises(CoprodError, match="already holds recommendations"), db.transaction() as s:
        generate(session=s, scale=1, seed=1, as_of=AS_OF)
    db.close()


def test_the_demo_file_is_left_compact(tmp_path: Path) -> None:
    """A bulk fill leaves index pages part empty; the demo rewrites its file once filled."""
    path = tmp_path / "demo.db"
    db = open_database(path, create=True)
    try:
        counts = write_demo(db, scale=2, seed=3, as_of=AS_OF)
    finally:
        db.close()
    assert counts.tables["feedback"] == 800
    conn = sqlite3.connect(path)
    try:
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
        assert pages * size == path.stat().st_size  # all in the file, none left in its log
        conn.execute("VACUUM")
        assert conn.execute("PRAGMA page_count").fetchone() == (pages,)  # nothing left to gain
    finally:
        conn.close()
