"""The lag engine against the database: a property test against a plain reference version,
team figures, the stalled queue, and settings read from the database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod.domain.enums import OPEN_STATUSES, Rag, ReviewDecision, Status
from coprod.domain.models import (
    EngagementSession,
    Recommendation,
    RecommendationUpdate,
    Review,
    StatusChange,
    Strategy,
    TargetChange,
)
from coprod.domain.settings import TeamRules
from coprod.domain.types import utcnow
from coprod.persistence.database import Database, open_database
from coprod.persistence.repositories.settings import set_team_rules
from coprod.services.figures.lag import recommendation_lags, stalled_or_overdue, team_figures

BASE = date(2024, 1, 1)


@dataclass
class History:
    status: Status
    raised: int
    target: int | None
    revisions: list[tuple[int, int]]  # (changed_on, new target), oldest first
    implemented: int | None
    accepted: int | None
    decided: int | None
    imported_last: int | None
    status_changes: list[tuple[int, bool]]  # (day, deleted)
    updates: list[tuple[int, bool]]
    reviews: list[tuple[int, bool]]
    deleted_revision: int | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def d(offset: int | None) -> date | None:
    return None if offset is None else BASE + timedelta(days=offset)


@st.composite
def histories(draw: st.DrawFn) -> History:
    status = draw(st.sampled_from(list(Status)))
    raised = draw(st.integers(0, 300))
    later = st.integers(raised, raised + 500)
    events = st.lists(st.tuples(later, st.booleans()), max_size=4)
    return History(
        status=status,
        raised=raised,
        target=draw(st.none() | st.integers(raised, raised + 300)),
        revisions=sorted(draw(st.lists(st.tuples(later, later), max_size=3))),
        implemented=draw(later) if status is Status.IMPLEMENTED else None,
        accepted=draw(st.none() | later),
        decided=draw(later) if status is Status.NOT_TAKEN_FORWARD else None,
        imported_last=draw(st.none() | later),
        status_changes=draw(events),
        updates=draw(events),
        reviews=draw(events),
        deleted_revision=draw(st.none() | later),
    )


def reference(h: History, as_of: date, rules: TeamRules) -> dict[str, object]:
    """The rules written out plainly from the issue, over the whole history."""
    original = (
        d(h.target) if h.target is not None else d(h.raised) + timedelta(days=rules.default_target_days)
    )
    effective = d(h.revisions[-1][1]) if h.revisions else original
    is_open = h.status in OPEN_STATUSES
    if h.status is Status.IMPLEMENTED:
        end = d(h.implemented)
    elif is_open:
        end = as_of
    else:
        end = None
    activity = [d(h.raised)]
    activity += [d(x) for x in (h.accepted, h.imported_last) if x is not None]
    activity += [d(day) for day, deleted in h.status_changes + h.updates + h.reviews if not deleted]
    activity += [d(day) for day, _ in h.revisions]
    last = max(activity)
    since = (as_of - last).days if is_open else None
    overdue = is_open and as_of > effective
    stalled = is_open and (h.status is Status.ON_HOLD or since >= rules.stall_threshold_days)
    if h.status is Status.IMPLEMENTED:
        rag = Rag.COMPLETE
    elif h.status is Status.NOT_TAKEN_FORWARD:
        rag = Rag.CLOSED
    elif overdue or stalled:
        rag = Rag.RED
    elif (effective - as_of).days <= rules.amber_window_days or len(h.revisions) >= 1:
        rag = Rag.AMBER
    else:
        rag = Rag.GREEN
    return {
        "original_target": original,
        "effective_target": effective,
        "days_to_implement": (d(h.implemented) - d(h.raised)).days
        if h.status is Status.IMPLEMENTED
        else None,
        "days_open": (as_of - d(h.raised)).days if is_open else None,
        "lag_days": None if end is None else max(0, (end - effective).days),
        "lag_vs_original_days": None if end is None else max(0, (end - original).days),
        "last_activity_on": last,
        "days_since_update": since,
        "extensions": len(h.revisions),
        "overdue": overdue,
        "stalled": stalled,
        "rag": rag,
        "no_target": h.target is None,
    }


def store(session, h: History) -> None:  # type: ignore[no-untyped-def]
    session.add(
        Recommendation(
            id=h.id,
            title="t",
            raised_on=d(h.raised),
            status=h.status,
            target_date=d(h.target),
            revised_target_date=d(h.revisions[-1][1]) if h.revisions else None,
            implemented_on=d(h.implemented),
            accepted_on=d(h.accepted),
            decided_on=d(h.decided),
            last_update_on=d(h.imported_last),
        )
    )
    session.flush()
    gone = utcnow()
    for day, deleted in h.status_changes:
        session.add(
            StatusChange(
                recommendation_id=h.id,
                to_status=h.status,
                changed_on=d(day),
                deleted_at=gone if deleted else None,
            )
        )
    for day, deleted in h.updates:
        session.add(
            RecommendationUpdate(
                recommendation_id=h.id, update_on=d(day), text="u", deleted_at=gone if deleted else None
            )
        )
    for day, deleted in h.reviews:
        session.add(
            Review(
                recommendation_id=h.id,
                reviewed_on=d(day),
                decision=ReviewDecision.CONTINUE,
                deleted_at=gone if deleted else None,
            )
        )
    for changed, new in h.revisions:
        session.add(TargetChange(recommendation_id=h.id, new_date=d(new), reason="r", changed_on=d(changed)))
    if h.deleted_revision is not None:  # an undone extension must not count
        session.add(
            TargetChange(
                recommendation_id=h.id,
                new_date=d(h.deleted_revision),
                reason="undone",
                changed_on=d(h.deleted_revision),
                deleted_at=gone,
            )
        )


@pytest.fixture(scope="module")
def shared_db() -> Iterator[Database]:
    db = open_database("sqlite://")
    yield db
    db.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hs=st.lists(histories(), min_size=1, max_size=5),
    as_of_offset=st.integers(0, 900),
    threshold=st.integers(1, 120),
)
def test_engine_matches_the_plain_rules(
    shared_db: Database, hs: list[History], as_of_offset: int, threshold: int
) -> None:
    rules = TeamRules(default_target_days=90, stall_threshold_days=threshold, amber_window_days=30)
    as_of = BASE + timedelta(days=as_of_offset)
    with shared_db.session(audit=False) as session:
        session.begin()
        for h in hs:
            store(session, h)
        session.flush()
        got = {x.id: x for x in recommendation_lags(session=session, as_of=as_of, rules=rules)}
        session.rollback()
    assert set(got) == {h.id for h in hs}
    for h in hs:
        want = reference(h, as_of, rules)
        have = {k: getattr(got[h.id], k) for k in want}
        assert have == want, h


def _seed(db: Database) -> dict[str, uuid.UUID]:
    """Three recommendations in one strategy, a known picture as of 2025-06-01."""
    with db.transaction() as s:
        strategy = Strategy(name="Carers strategy")
        session = EngagementSession(
            title="Carers' forum", held_on=date(2025, 1, 1), feedback_returned_on=date(2025, 3, 1)
        )
        s.add_all([strategy, session])
        s.flush()
        done = Recommendation(
            title="Respite",
            raised_on=date(2025, 1, 10),
            status=Status.IMPLEMENTED,
            target_date=date(2025, 3, 1),
            implemented_on=date(2025, 2, 20),
            strategy_id=strategy.id,
            source_session_id=session.id,
        )
        late = Recommendation(
            title="Carers card",
            raised_on=date(2025, 1, 10),
            status=Status.IN_PROGRESS,
            target_date=date(2025, 4, 1),
            strategy_id=strategy.id,
            source_session_id=session.id,
        )
        idle = Recommendation(
            title="Letters",
            raised_on=date(2025, 1, 10),
            status=Status.ACCEPTED,
            target_date=date(2025, 12, 1),
            strategy_id=strategy.id,
        )
        s.add_all([done, late, idle])
        s.flush()
        s.add(RecommendationUpdate(recommendation_id=late.id, update_on=date(2025, 5, 20), text="Printing"))
        return {"done": done.id, "late": late.id, "idle": idle.id, "strategy": strategy.id}


def test_team_figures_for_a_known_database(db: Database) -> None:
    ids = _seed(db)
    with db.reading() as s:
        (team,) = team_figures(session=s, as_of=date(2025, 6, 1))
        (carers,) = team_figures(session=s, as_of=date(2025, 6, 1), by="strategy")
        sessions = team_figures(session=s, as_of=date(2025, 6, 1), by="session")
    assert team.total == 3 and team.open == 2 and team.implemented == 1
    assert team.on_time_original == 1 and team.pct_on_time_original == 100.0
    assert team.median_days_to_implement == 41 and team.p90_days_to_implement == 41
    assert team.overdue == 1 and team.mean_overdue_lag == 61  # 1 April -> 1 June
    assert team.stalled == 1  # "Letters": no activity since 10 January
    assert team.median_days_since_update == (12 + 142) / 2
    assert team.loop_closed_pct == 100.0
    assert carers.key == str(ids["strategy"]) and carers.name == "Carers strategy"
    assert carers.total == 3 and carers.loop_closed_pct == 100.0
    assert {g.name for g in sessions} == {"Carers' forum (2025-01-01)", "No session"}
    # Kaplan-Meier: one implemented at 41 days out of three -> the curve stops at 2/3.
    assert team.km.events == 1 and team.km.median is None


def test_stalled_queue_is_worst_lag_first(db: Database) -> None:
    ids = _seed(db)
    with db.reading() as s:
        queue = stalled_or_overdue(session=s, as_of=date(2025, 6, 1))
    assert [x.id for x in queue] == [ids["late"], ids["idle"]]
    assert queue[0].lag_days == 61 and queue[1].lag_days == 0 and queue[1].stalled


def test_rules_are_read_from_the_database(db: Database) -> None:
    ids = _seed(db)
    with db.transaction() as s:
        set_team_rules(
            session=s, rules=TeamRules(default_target_days=90, stall_threshold_days=200, amber_window_days=30)
        )
    with db.reading() as s:
        (idle,) = recommendation_lags(session=s, as_of=date(2025, 6, 1), ids=[ids["idle"]])
    assert not idle.stalled and idle.rag is Rag.GREEN
