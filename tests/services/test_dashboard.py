"""The dashboard's numbers are the lag engine's numbers for the same database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coprod.persistence.database import open_database
from coprod.services.figures.dashboard import (
    headline,
    km_curves,
    month_ends,
    overdue_by_month,
    status_by_strategy,
)
from coprod.services.figures.lag import recommendation_lags, team_figures
from tests.conftest import AS_OF
from tests.review_data import build


def test_headline_equals_the_engines_team_and_strategy_figures(demo_db_file: Path) -> None:
    db = open_database(demo_db_file, create=False)
    try:
        with db.reading() as s:
            head = headline(session=s, as_of=AS_OF)
            assert head.team == team_figures(session=s, as_of=AS_OF, by=None)[0]
            assert head.strategies == team_figures(session=s, as_of=AS_OF, by="strategy")
            lags = recommendation_lags(session=s, as_of=AS_OF)
            months = overdue_by_month(session=s, as_of=AS_OF)
    finally:
        db.close()
    open_lags = [x for x in lags if x.is_open]
    assert sum(b.count for b in head.lag_bins) == len(open_lags) == head.team.open
    assert head.lag_bins[0].count == sum(1 for x in open_lags if not x.lag_days)
    assert [k for k, _, _ in km_curves(head)] == [g.key for g in head.strategies]
    assert sum(sum(c.values()) for _, _, c in status_by_strategy(head)) == head.team.total
    # The running month is as of today, so it is the engine's own overdue count.
    assert months[-1].month_end == AS_OF and months[-1].overdue == head.team.overdue > 0
    assert len(months) == 12 and all(m.overdue >= 0 for m in months)


def test_overdue_by_month_uses_the_facts_as_they_stood() -> None:
    db = open_database("sqlite://")
    build(db)
    try:
        with db.reading() as s:
            points = {p.month_end: p.overdue for p in overdue_by_month(session=s, as_of=AS_OF)}
    finally:
        db.close()
    # A (target 1 Apr) is overdue from April; F was implemented on 1 May, before its target;
    # D's first target (1 Jun) had already been moved to 1 Jul in May, and then to January
    # in October, so D was overdue only at the end of July, August and September;
    # B (target 1 Oct) is overdue from October.
    assert points[date(2026, 3, 31)] == 0
    assert points[date(2026, 4, 30)] == 1
    assert points[date(2026, 6, 30)] == 1
    assert points[date(2026, 7, 31)] == 2
    assert points[date(2026, 9, 30)] == 2
    assert points[date(2026, 10, 31)] == 2
    assert points[AS_OF] == 2


def test_month_ends_are_the_last_days_of_the_previous_eleven_months_then_today() -> None:
    ends = month_ends(date(2026, 3, 15))
    assert ends[0] == date(2025, 4, 30) and ends[-2:] == [date(2026, 2, 28), date(2026, 3, 15)]
    assert len(ends) == 12


def test_overdue_by_month_stops_when_cancelled() -> None:
    from coprod.services.common.tasks import Cancelled, TaskState

    db = open_database("sqlite://")
    build(db)
    state = TaskState()
    state.cancel()
    try:
        with db.reading() as s, pytest.raises(Cancelled):
            overdue_by_month(session=s, as_of=AS_OF, state=state)
    finally:
        db.close()
