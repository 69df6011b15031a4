"""Review decisions over a database with known stalled items: what each decision stores,
and each rule that refuses one (refusals save nothing)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import select

from coprod.domain.enums import ReviewDecision, Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import Lesson, OwnerChange, Recommendation, Review, TargetChange
from coprod.persistence.database import Database
from coprod.services.figures.lag import recommendation_lags
from coprod.services.recommendations.lessons import lessons_log
from coprod.services.recommendations.review import LessonInput, boards, record_decision, review_queue
from coprod.services.recommendations.review_detail import (
    decisions_on,
    summary_text,
    timeline,
    what_residents_said,
)
from tests.prebuilt import Built, copy_into
from tests.review_data import AS_OF, Known

LESSON = LessonInput("Transport contract lapsed.", "Nobody owned the renewal.", "Name a contract owner.")


@pytest.fixture
def world(db: Database, review_file: Built[Known]) -> tuple[Database, Known]:
    """The test's own database, a copy of the one `build` filled once this run."""
    return db, copy_into(db, review_file)


def decide(db: Database, rid: object, decision: ReviewDecision, **kw: object) -> object:
    with db.transaction() as s:
        return record_decision(
            session=s,
            recommendation_id=rid,
            decision=decision,
            on=AS_OF,  # type: ignore[arg-type]
            reviewer="Chair",
            notes=kw.pop("notes", None),
            **kw,
        )  # type: ignore[arg-type]


def count(db: Database, model: type) -> int:
    with db.reading() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def refused(db: Database, rid: object, decision: ReviewDecision, code: str, **kw: object) -> str:
    before = (count(db, Review), count(db, Lesson), count(db, TargetChange), count(db, OwnerChange))
    with pytest.raises(RuleViolation) as info:
        decide(db, rid, decision, **kw)
    assert info.value.code == code
    assert (count(db, Review), count(db, Lesson), count(db, TargetChange), count(db, OwnerChange)) == before
    return str(info.value)


def test_queue_holds_stalled_overdue_untargeted_and_extended_items_worst_first(world) -> None:
    db, k = world
    with db.reading() as s:
        queue = review_queue(session=s, as_of=AS_OF)
        assert [i.lag.id for i in queue] == [k.a, k.b, k.d, k.c]
        assert queue[0].reasons == ("stalled", "overdue")
        assert queue[2].reasons == ("extended",) and queue[3].reasons == ("no_target",)
        assert [i.lag.id for i in review_queue(session=s, as_of=AS_OF, strategy_id=k.housing)] == [k.b, k.d]
        assert [i.lag.id for i in review_queue(session=s, as_of=AS_OF, owner_id=k.bob)] == [k.a, k.d, k.c]
        assert [i.lag.id for i in review_queue(session=s, as_of=AS_OF, board="Adults Committee")] == [
            k.b,
            k.d,
        ]
        assert boards(session=s) == ["Adults Committee", "Health and Wellbeing Board"]


def test_continue_sets_the_next_update_and_takes_the_item_out_of_the_stalled_list(world) -> None:
    db, k = world
    refused(db, k.b, ReviewDecision.CONTINUE, "review.continue_needs_date")
    said = refused(db, k.b, ReviewDecision.CONTINUE, "review.next_update_in_past", next_update_due=AS_OF)
    assert said.startswith(f"The next update date {AS_OF.day} {AS_OF:%B %Y} must be after the meeting date")
    decide(db, k.b, ReviewDecision.CONTINUE, next_update_due=date(2027, 1, 10), notes="Owner to report")
    with db.reading() as s:
        review = s.exec(select(Review)).one()
        assert (review.decision, review.next_update_due, review.notes) == (
            ReviewDecision.CONTINUE,
            date(2027, 1, 10),
            "Owner to report",
        )
        assert s.get(Recommendation, k.b).next_update_due == date(2027, 1, 10)
        assert not recommendation_lags(session=s, as_of=AS_OF, ids=[k.b])[0].stalled


def test_escalate_goes_to_the_owners_escalation_contact_or_is_refused(world) -> None:
    db, k = world
    message = refused(db, k.b, ReviewDecision.ESCALATE, "review.no_escalation_contact")
    assert "Cat Officer has no escalation contact" in message
    decide(db, k.d, ReviewDecision.ESCALATE)
    with db.reading() as s:
        assert s.exec(select(Review)).one().escalated_to_id == k.ann


def test_reassign_changes_the_owner_with_an_owner_change(world) -> None:
    db, k = world
    refused(db, k.b, ReviewDecision.REASSIGN, "review.reassign_needs_owner")
    refused(db, k.b, ReviewDecision.REASSIGN, "review.reassign_same_owner", new_owner_id=k.cat)
    decide(db, k.b, ReviewDecision.REASSIGN, new_owner_id=k.bob)
    with db.reading() as s:
        assert s.get(Recommendation, k.b).owner_id == k.bob
        change = s.exec(select(OwnerChange)).one()
        assert (change.from_owner_id, change.to_owner_id) == (k.cat, k.bob)
        assert s.exec(select(Review)).one().reassigned_to_id == k.bob


def test_revise_target_needs_reason_and_approver_and_counts_as_an_extension(world) -> None:
    db, k = world
    refused(db, k.b, ReviewDecision.REVISE_TARGET, "review.revise_needs_date")
    refused(
        db, k.b, ReviewDecision.REVISE_TARGET, "rule.target_change_needs_reason", new_target=date(2027, 3, 1)
    )
    refused(
        db,
        k.b,
        ReviewDecision.REVISE_TARGET,
        "rule.target_change_needs_approver",
        new_target=date(2027, 3, 1),
        reason="Budget",
    )
    decide(
        db, k.b, ReviewDecision.REVISE_TARGET, new_target=date(2027, 3, 1), reason="Budget", approved_by="Ann"
    )
    with db.reading() as s:
        rec = s.get(Recommendation, k.b)
        assert (rec.target_date, rec.revised_target_date) == (date(2026, 10, 1), date(2027, 3, 1))
        assert recommendation_lags(session=s, as_of=AS_OF, ids=[k.b])[0].extensions == 1


def test_a_third_extension_needs_a_lesson(world) -> None:
    db, k = world
    kw = {"new_target": date(2027, 4, 30), "reason": "Panel postponed", "approved_by": "Ann"}
    message = refused(db, k.d, ReviewDecision.REVISE_TARGET, "review.lesson_required", **kw)
    assert "third extension" in message
    decide(db, k.d, ReviewDecision.REVISE_TARGET, lesson=LESSON, **kw)
    with db.reading() as s:
        assert (
            s.execute(
                select(func.count()).select_from(TargetChange).where(TargetChange.recommendation_id == k.d)
            ).scalar_one()
            == 3
        )
        lesson = s.exec(select(Lesson)).one()
        assert lesson.review_id == s.exec(select(Review)).one().id
        assert (lesson.recommendation_id, lesson.why) == (k.d, "Nobody owned the renewal.")


def test_closing_needs_a_reason_and_a_lesson(world) -> None:
    db, k = world
    refused(db, k.b, ReviewDecision.CLOSE, "review.close_needs_reason")
    refused(db, k.b, ReviewDecision.CLOSE, "review.lesson_required", reason="Service decommissioned")
    incomplete = LessonInput("It stopped.", "", "Check funding first.")
    refused(
        db,
        k.b,
        ReviewDecision.CLOSE,
        "review.lesson_needs_why",
        reason="Service decommissioned",
        lesson=incomplete,
    )
    decide(
        db,
        k.b,
        ReviewDecision.CLOSE,
        reason="Service decommissioned",
        lesson=LessonInput("It stopped.", "Funding ended.", "Check funding first.", k.ann),
    )
    with db.reading() as s:
        rec = s.get(Recommendation, k.b)
        assert (rec.status, rec.decision_reason, rec.decided_on) == (
            Status.NOT_TAKEN_FORWARD,
            "Service decommissioned",
            AS_OF,
        )
        assert s.exec(select(Lesson)).one().learning_owner_id == k.ann
    refused(db, k.b, ReviewDecision.CONTINUE, "review.not_open", next_update_due=date(2027, 1, 1))


def test_an_item_stalled_over_twice_the_threshold_needs_a_lesson_whatever_the_decision(world) -> None:
    db, k = world
    message = refused(
        db, k.a, ReviewDecision.CONTINUE, "review.lesson_required", next_update_due=date(2027, 1, 1)
    )
    assert "twice the stall threshold" in message
    decide(db, k.a, ReviewDecision.CONTINUE, next_update_due=date(2027, 1, 1), lesson=LESSON)
    assert count(db, Lesson) == 1


def test_lessons_log_searches_and_filters(world) -> None:
    db, k = world
    decide(db, k.a, ReviewDecision.CONTINUE, next_update_due=date(2027, 1, 1), lesson=LESSON)
    decide(
        db,
        k.b,
        ReviewDecision.CLOSE,
        reason="Gone",
        lesson=LessonInput("Advice line closed.", "Funding ended.", "Check funding first."),
    )
    with db.reading() as s:
        assert {r.reference for r in lessons_log(session=s)} == {"R-A", "R-B"}
        assert [r.reference for r in lessons_log(session=s, text="FUNDING")] == ["R-B"]
        assert [r.reference for r in lessons_log(session=s, text="contract owner")] == ["R-A"]
        assert lessons_log(session=s, text="%") == lessons_log(session=s, text="_") == []  # as typed
        assert [r.reference for r in lessons_log(session=s, strategy_id=k.carers)] == ["R-A"]
        assert lessons_log(session=s, since=date(2026, 11, 27)) == []
        assert len(lessons_log(session=s, since=AS_OF, until=AS_OF)) == 2
        assert lessons_log(session=s, text="100%") == []


def test_meeting_summary_lists_the_days_decisions_for_the_minutes(world) -> None:
    db, k = world
    decide(db, k.d, ReviewDecision.ESCALATE, notes="Needs the director")
    decide(db, k.b, ReviewDecision.CLOSE, reason="Gone", lesson=LESSON)
    with db.reading() as s:
        rows = decisions_on(session=s, on=AS_OF, reviewer="Chair")
        assert decisions_on(session=s, on=date(2026, 11, 25)) == []
    assert [r.reference for r in rows] == ["R-D", "R-B"]
    text = summary_text(rows, on=AS_OF, reviewer="Chair")
    assert "Review meeting, 26 Nov 2026" in text and "Decisions recorded: 2" in text
    assert "1. R-D Easy read tenancy letters" in text and "Escalated to Ann Lead." in text
    assert "Closed: Gone" in text and "Lessons learnt recorded." in text


def test_timeline_and_what_residents_said(world) -> None:
    db, k = world
    decide(db, k.d, ReviewDecision.ESCALATE)
    with db.reading() as s:
        entries = timeline(session=s, recommendation_id=k.d)
        said = what_residents_said(session=s, recommendation_id=k.a)
    assert [e.kind for e in entries] == ["review", "target", "target", "status", "status"]
    assert "Waiting for tenants' panel" in entries[1].text and "Escalated to Ann Lead." in entries[0].text
    assert [x.text for x in said] == ["The day centre bus leaves before carers finish work."]
