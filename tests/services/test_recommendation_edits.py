from datetime import date

import pytest
from sqlmodel import select

from coprod.domain.enums import AuditAction, Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import AuditEvent, Recommendation, RecommendationUpdate, StatusChange
from coprod.persistence.database import Database
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations import detail as repo
from coprod.services.recommendations import edits
from coprod.services.recommendations import lifecycle as recs


def _new(db: Database) -> object:
    with db.transaction() as s:
        sid = engagement.create_session(session=s, title="Carers' forum", held_on=date(2025, 1, 5))
        fid = engagement.add_feedback(
            session=s, session_id=sid, text="No respite at weekends", themes=["Carers"]
        )
        rid = recs.create_recommendation(
            session=s,
            title="Expand respite",
            raised_on=date(2025, 1, 10),
            source_session_id=sid,
            feedback_ids=[fid],
        )
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2025, 1, 20))
        recs.change_status(
            session=s, recommendation_id=rid, new_status=Status.IN_PROGRESS, on=date(2025, 2, 1)
        )
        return rid


def test_undo_implemented_restores_status_and_hides_the_public_update(db: Database) -> None:
    rid = _new(db)
    with db.transaction() as s:
        _, edit = edits.recorded(
            session=s,
            recommendation_id=rid,
            change=lambda: recs.change_status(
                session=s,
                recommendation_id=rid,
                new_status=Status.IMPLEMENTED,
                on=date(2025, 3, 1),
                implemented_on=date(2025, 3, 1),
                public_update="Respite now runs every weekend.",
            ),
        )
    assert {t for t, _ in edit.added} == {"status_change", "recommendation_update"}
    with db.transaction() as s:
        edits.undo(session=s, edit=edit)
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec.status is Status.IN_PROGRESS and rec.implemented_on is None and rec.progress == 0
        assert not recs.has_public_update(session=s, recommendation_id=rid)
        kinds = [e.new for e in repo.timeline(session=s, recommendation_id=rid)]
        assert kinds == ["proposed", "accepted", "in_progress"]
        deletes = s.exec(
            select(AuditEvent).where(
                AuditEvent.action == AuditAction.DELETE, AuditEvent.table_name == "status_change"
            )
        ).all()
        assert len(deletes) == 1
    with db.transaction() as s:
        edits.redo(session=s, edit=edit)
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec.status is Status.IMPLEMENTED and rec.implemented_on == date(2025, 3, 1)
        assert len(s.exec(select(StatusChange).where(StatusChange.recommendation_id == rid)).all()) == 4
        assert [u.text for u in s.exec(select(RecommendationUpdate))] == ["Respite now runs every weekend."]


def test_undo_refuses_when_the_recommendation_changed_since(db: Database) -> None:
    rid = _new(db)
    with db.transaction() as s:
        _, edit = edits.recorded(
            session=s,
            recommendation_id=rid,
            change=lambda: recs.add_update(
                session=s, recommendation_id=rid, text="Met providers", on=date(2025, 2, 10), progress=30
            ),
        )
    with db.transaction() as s:
        recs.add_update(
            session=s, recommendation_id=rid, text="Signed contract", on=date(2025, 2, 20), progress=60
        )
    with pytest.raises(RuleViolation, match="changed"), db.transaction() as s:
        edits.undo(session=s, edit=edit)
    with db.reading() as s:
        assert s.get(Recommendation, rid).progress == 60
        live = select(RecommendationUpdate).where(RecommendationUpdate.deleted_at.is_(None))
        assert len(s.exec(live).all()) == 2


def test_detail_and_timeline_in_date_order(db: Database) -> None:
    rid = _new(db)
    with db.transaction() as s:
        owner = engagement.create_owner(session=s, name="Sam Patel")
        other = engagement.create_owner(session=s, name="Jo Reid")
        strategy = engagement.create_strategy(session=s, name="Carers strategy")
        s.flush()
        edits.edit_details(
            session=s,
            recommendation_id=rid,
            title="Expand weekend respite",
            reference="R-7",
            strategy_id=strategy,
        )
        recs.reassign_owner(session=s, recommendation_id=rid, owner_id=owner, on=date(2025, 1, 11))
        recs.set_target(session=s, recommendation_id=rid, new_date=date(2025, 4, 1), on=date(2025, 1, 12))
        recs.set_target(
            session=s,
            recommendation_id=rid,
            new_date=date(2025, 6, 1),
            on=date(2025, 3, 15),
            reason="Provider delayed",
            approved_by="Director",
        )
        recs.add_update(
            session=s,
            recommendation_id=rid,
            text="Met providers",
            on=date(2025, 2, 10),
            public=True,
            progress=40,
        )
        recs.reassign_owner(session=s, recommendation_id=rid, owner_id=other, on=date(2025, 3, 20))
    with db.reading() as s:
        d = repo.recommendation_detail(session=s, recommendation_id=rid)
    assert d is not None and d.strategy == "Carers strategy" and d.owner == "Jo Reid" and d.reference == "R-7"
    assert d.target_date == date(2025, 4, 1) and d.effective_target == date(2025, 6, 1)
    assert [f.text for f in d.feedback] == ["No respite at weekends"] and d.feedback[0].themes == ("Carers",)
    assert [(e.on, e.kind.value) for e in d.timeline] == [
        (date(2025, 1, 10), "status"),
        (date(2025, 1, 11), "owner"),
        (date(2025, 1, 20), "status"),
        (date(2025, 2, 1), "status"),
        (date(2025, 2, 10), "update"),
        (date(2025, 3, 15), "target"),
        (date(2025, 3, 20), "owner"),
    ]
    assert (d.timeline[-1].old, d.timeline[-1].new) == ("Sam Patel", "Jo Reid")
    assert d.timeline[5].text == "Provider delayed" and d.timeline[5].approved_by == "Director"


def test_the_session_a_recommendation_came_from_is_named_with_its_date_in_words(db: Database) -> None:
    """As every other date in the detail pane: "Carers' forum (5 January 2025)", not 2025-01-05."""
    rid = _new(db)
    with db.reading() as s:
        shown = repo.recommendation_detail(session=s, recommendation_id=rid)
    assert shown is not None and shown.source_session == "Carers' forum (5 January 2025)"
