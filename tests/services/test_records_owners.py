"""Edits that can be undone, and an owner leaving with open work."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import EngagementSession, Owner, OwnerChange, Recommendation, Strategy
from coprod.persistence.database import Database
from coprod.services.common import records
from coprod.services.engagement import capture as engagement
from coprod.services.engagement import sessions_view as session_repo
from coprod.services.recommendations import lifecycle as recs
from coprod.services.recommendations.owners import deactivate_owner, undo_deactivation


def test_update_fields_returns_old_values_that_put_it_back(db: Database) -> None:
    with db.transaction() as s:
        sid = engagement.create_session(session=s, title="Forum", held_on=date(2025, 1, 5), venue="Library")
    with db.transaction() as s:
        old = records.update_fields(
            s,
            EngagementSession,
            sid,
            {"title": "  Carers'   forum ", "venue": "Library", "participant_count": 12},
        )
    assert old == {"title": "Forum", "participant_count": 0}  # unchanged fields are not reported
    with db.transaction() as s:
        records.update_fields(s, EngagementSession, sid, old)
    with db.reading() as s:
        assert s.get(EngagementSession, sid).title == "Forum"


def test_a_blank_or_taken_name_is_refused(db: Database) -> None:
    with db.transaction() as s:
        first = engagement.create_strategy(session=s, name="Carers strategy")
        second = engagement.create_strategy(session=s, name="Housing strategy")
    with pytest.raises(RuleViolation, match="already used"), db.transaction() as s:
        records.update_fields(s, Strategy, second, {"name": "CARERS STRATEGY"})
    with pytest.raises(RuleViolation, match="Give a name"), db.transaction() as s:
        records.update_fields(s, Strategy, first, {"name": "  "})


def test_soft_delete_hides_a_session_and_restore_brings_it_back(db: Database) -> None:
    with db.transaction() as s:
        sid = engagement.create_session(session=s, title="Forum", held_on=date(2025, 1, 5))
        records.set_session_strategies(s, sid, [engagement.create_strategy(session=s, name="A")])
    with db.transaction() as s:
        records.soft_delete(s, EngagementSession, sid)
    with db.reading() as s:
        assert session_repo.session_ids(session=s) == []
    with db.transaction() as s:
        records.restore(s, EngagementSession, sid)
    with db.reading() as s:
        assert session_repo.session_ids(session=s) == [sid]
        assert len(session_repo.strategy_ids(session=s, session_id=sid)) == 1


def test_deactivating_an_owner_hands_on_only_open_work_and_can_be_undone(db: Database) -> None:
    with db.transaction() as s:
        leaving = engagement.create_owner(session=s, name="Amara")
        taking = engagement.create_owner(session=s, name="Tomasz")
        s.flush()
        open_rec = recs.create_recommendation(
            session=s, title="Open", raised_on=date(2025, 1, 1), owner_id=leaving
        )
        done_rec = recs.create_recommendation(
            session=s, title="Closed", raised_on=date(2025, 1, 1), owner_id=leaving
        )
        recs.change_status(
            session=s,
            recommendation_id=done_rec,
            new_status=Status.NOT_TAKEN_FORWARD,
            on=date(2025, 2, 1),
            reason="No budget",
        )
    with db.transaction() as s:
        done = deactivate_owner(session=s, owner_id=leaving, reassign_to=taking, on=date(2025, 3, 1))
    with db.reading() as s:
        assert not s.get(Owner, leaving).active
        assert s.get(Recommendation, open_rec).owner_id == taking
        assert s.get(Recommendation, done_rec).owner_id == leaving  # closed work keeps its history
        assert len(s.exec(select(OwnerChange)).all()) == 1
    with db.transaction() as s:
        undo_deactivation(session=s, done=done)
    with db.reading() as s:
        assert s.get(Owner, leaving).active
        assert s.get(Recommendation, open_rec).owner_id == leaving
        assert s.exec(select(OwnerChange).where(OwnerChange.deleted_at.is_(None))).all() == []
