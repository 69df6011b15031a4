from datetime import date

import pytest
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import Recommendation, RecommendationUpdate, StatusChange, TargetChange
from coprod.persistence.database import Database
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations import lifecycle as recs


def _new(db: Database, **kw: object) -> object:
    with db.transaction() as s:
        sid = engagement.create_session(session=s, title="Carers' forum", held_on=date(2025, 1, 5))
        fid = engagement.add_feedback(session=s, session_id=sid, text="No respite", themes=["Carers"])
        return recs.create_recommendation(
            session=s,
            title="Expand respite",
            raised_on=date(2025, 1, 10),
            source_session_id=sid,
            feedback_ids=[fid],
            target_date=date(2025, 4, 10),
            **kw,
        )


def test_full_journey_writes_every_status_change(db: Database) -> None:
    rid = _new(db, reference="R-001")
    with db.transaction() as s:
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2025, 1, 20))
        recs.change_status(
            session=s, recommendation_id=rid, new_status=Status.IN_PROGRESS, on=date(2025, 2, 1)
        )
        recs.change_status(
            session=s,
            recommendation_id=rid,
            new_status=Status.IMPLEMENTED,
            on=date(2025, 3, 1),
            implemented_on=date(2025, 3, 1),
            public_update="Weekend respite now runs every month.",
        )
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec.status is Status.IMPLEMENTED and rec.accepted_on == date(2025, 1, 20)
        assert rec.implemented_on == date(2025, 3, 1) and rec.progress == 100
        moves = [
            (c.from_status, c.to_status)
            for c in s.exec(
                select(StatusChange)
                .where(StatusChange.recommendation_id == rid)
                .order_by(StatusChange.changed_on)
            )
        ]
        assert moves == [
            (None, Status.PROPOSED),
            (Status.PROPOSED, Status.ACCEPTED),
            (Status.ACCEPTED, Status.IN_PROGRESS),
            (Status.IN_PROGRESS, Status.IMPLEMENTED),
        ]
        public = s.exec(select(RecommendationUpdate).where(RecommendationUpdate.is_public)).all()
        assert [u.text for u in public] == ["Weekend respite now runs every month."]


def test_refused_change_saves_nothing(db: Database) -> None:
    rid = _new(db)
    with db.transaction() as s:
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2025, 1, 20))
        recs.change_status(
            session=s, recommendation_id=rid, new_status=Status.IN_PROGRESS, on=date(2025, 1, 21)
        )
    with pytest.raises(RuleViolation, match="public update"), db.transaction() as s:
        recs.add_update(
            session=s, recommendation_id=rid, text="Private note", on=date(2025, 2, 1), progress=50
        )
        recs.change_status(
            session=s,
            recommendation_id=rid,
            new_status=Status.IMPLEMENTED,
            on=date(2025, 3, 1),
            implemented_on=date(2025, 3, 1),
        )
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec.status is Status.IN_PROGRESS and rec.progress == 0
        assert s.exec(select(RecommendationUpdate)).all() == []


def test_revising_a_target_keeps_the_original(db: Database) -> None:
    rid = _new(db)
    with db.transaction() as s:
        recs.set_target(
            session=s,
            recommendation_id=rid,
            new_date=date(2025, 6, 1),
            on=date(2025, 4, 1),
            reason="Procurement slipped",
            approved_by="Head of Commissioning",
        )
        recs.set_target(
            session=s,
            recommendation_id=rid,
            new_date=date(2025, 8, 1),
            on=date(2025, 5, 20),
            reason="Provider changed",
            approved_by="Director",
        )
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec.target_date == date(2025, 4, 10)
        assert rec.revised_target_date == date(2025, 8, 1)
        changes = s.exec(select(TargetChange).order_by(TargetChange.changed_on)).all()
        assert [(c.old_date, c.new_date) for c in changes] == [
            (date(2025, 4, 10), date(2025, 6, 1)),
            (date(2025, 6, 1), date(2025, 8, 1)),
        ]
        assert changes[0].reason == "Procurement slipped"


def test_revision_without_reason_is_refused_and_target_unchanged(db: Database) -> None:
    rid = _new(db)
    with pytest.raises(RuleViolation, match="reason"), db.transaction() as s:
        recs.set_target(
            session=s,
            recommendation_id=rid,
            new_date=date(2025, 6, 1),
            on=date(2025, 4, 1),
            approved_by="Director",
        )
    with db.reading() as s:
        assert s.get(Recommendation, rid).revised_target_date is None


def test_not_taken_forward_records_reason_and_date(db: Database) -> None:
    rid = _new(db)
    with db.transaction() as s:
        recs.change_status(
            session=s,
            recommendation_id=rid,
            new_status=Status.NOT_TAKEN_FORWARD,
            on=date(2025, 2, 2),
            reason="The NHS is doing this instead.",
        )
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec.decision_reason == "The NHS is doing this instead." and rec.decided_on == date(2025, 2, 2)


def test_duplicate_reference_is_refused(db: Database) -> None:
    _new(db, reference="R-009")
    with pytest.raises(RuleViolation, match="R-009 is already used"):
        _new(db, reference="R-009")


def test_blank_title_is_refused(db: Database) -> None:
    with pytest.raises(RuleViolation, match="title"), db.transaction() as s:
        recs.create_recommendation(session=s, title="  ", raised_on=date(2025, 1, 1))


def test_next_reference_follows_the_highest_with_the_prefix(db: Database) -> None:
    with db.transaction() as s:
        assert recs.next_reference(session=s, prefix="R-") == "R-0001"
        for ref in ("R-0039", "R-0040", "R-12a", "ADULTS-7", "r_0100", None):
            recs.create_recommendation(
                session=s, title=f"Rec {ref}", raised_on=date(2025, 1, 1), reference=ref
            )
        assert recs.next_reference(session=s, prefix="R-") == "R-0041"
        assert recs.next_reference(session=s, prefix="ADULTS-") == "ADULTS-0008"
        assert recs.next_reference(session=s, prefix="R_") == "R_0001"  # "_" is not a wildcard
