"""The dashboard's figures and chart series, all from the lag engine.

Two steps so the window can show something at once: `headline` (team and strategy figures,
lag distribution, Kaplan-Meier curves, status by strategy) from one pass of the engine, and
`overdue_by_month`, which re-runs the engine as of the end of each of the last twelve months.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from coprod.domain.enums import Status
from coprod.domain.figures import GroupFigures
from coprod.domain.lag import LagFacts, RecommendationLag, compute
from coprod.domain.models import TargetChange
from coprod.domain.settings import TeamRules
from coprod.i18n import tr
from coprod.persistence.raw import Parsers, fetch_rows
from coprod.persistence.repositories.settings import get_team_rules
from coprod.services.common.tasks import TaskState
from coprod.services.figures.lag import load_facts, recommendation_lags, team_figures

# Upper bounds (days late) of the lag distribution's bins; the last bin is open-ended.
LAG_BINS: tuple[int, ...] = (0, 30, 90, 180, 365)


@dataclass(frozen=True, slots=True)
class LagBin:
    label: str
    low: int
    high: int | None  # None: no upper bound
    count: int


@dataclass(frozen=True, slots=True)
class Headline:
    as_of: date
    team: GroupFigures
    strategies: list[GroupFigures]
    lag_bins: list[LagBin]


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month_end: date  # the as-of date: a month's last day, or today for the current month
    overdue: int
    ids: tuple[uuid.UUID, ...] = ()  # the recommendations overdue then


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def lag_bins(lags: Sequence[RecommendationLag]) -> list[LagBin]:
    """How late the open recommendations are, against their current target."""
    counts = [0] * (len(LAG_BINS) + 1)
    for lag in lags:
        if lag.is_open:
            counts[bisect.bisect_left(LAG_BINS, lag.lag_days or 0)] += 1
    out = [LagBin(tr("dashboard.bin.none"), 0, 0, counts[0])]
    for i in range(1, len(LAG_BINS)):
        low, high = LAG_BINS[i - 1] + 1, LAG_BINS[i]
        out.append(LagBin(tr("dashboard.bin.range", low=low, high=high), low, high, counts[i]))
    out.append(LagBin(tr("dashboard.bin.over", low=LAG_BINS[-1]), LAG_BINS[-1] + 1, None, counts[-1]))
    return out


def headline(*, session: Session, as_of: date, rules: TeamRules | None = None) -> Headline:
    """Whole-team and per-strategy figures and the lag distribution, from one engine pass.

    The figures are `services.lag.team_figures` (by None and by "strategy") over one set of
    lag rows, so the recommendations are loaded once.
    """
    rules = rules or get_team_rules(session=session)
    lags = recommendation_lags(session=session, as_of=as_of, rules=rules)
    (team,) = team_figures(session=session, as_of=as_of, lags=lags)
    strategies = team_figures(session=session, as_of=as_of, by="strategy", lags=lags)
    return Headline(as_of=as_of, team=team, strategies=strategies, lag_bins=lag_bins(lags))


def status_by_strategy(head: Headline) -> list[tuple[str | None, str, dict[Status, int]]]:
    """(strategy key, name, count per status) for the stacked bars."""
    return [(g.key, g.name, dict(g.by_status)) for g in head.strategies]


def km_curves(head: Headline) -> list[tuple[str | None, str, list[tuple[int, float]]]]:
    """(strategy key, name, step points (day, share still open)) per strategy."""
    return [(g.key, g.name, g.km.points()) for g in head.strategies]


def month_ends(as_of: date, months: int = 12) -> list[date]:
    """The last `months` as-of dates, oldest first: each earlier month's last day, then `as_of`
    itself for the month still running."""
    out = [as_of]
    first = as_of.replace(day=1)
    for _ in range(months - 1):
        end = first - timedelta(days=1)
        out.append(end)
        first = end.replace(day=1)
    return out[::-1]


def _revisions(session: Session) -> dict[uuid.UUID, list[tuple[date, date]]]:
    t = TargetChange.__table__  # type: ignore[attr-defined]
    query = select(t.c.recommendation_id, t.c.changed_on, t.c.new_date).where(t.c.deleted_at.is_(None))
    parse = Parsers(session)
    out: dict[uuid.UUID, list[tuple[date, date]]] = {}
    for rid, changed, new in fetch_rows(session, query):
        out.setdefault(parse.shared_uuid(rid), []).append((parse.date(changed), parse.date(new)))  # type: ignore[arg-type]
    for changes in out.values():
        changes.sort()
    return out


def _revised_at(f: LagFacts, day: date, revisions: list[tuple[date, date]]) -> tuple[date | None, int]:
    """The revised target in force at the end of `day`, and how many extensions by then."""
    if not revisions:
        return f.revised_target_date, f.target_changes  # imported without a history: as stored
    made = bisect.bisect_right(revisions, (day, date.max))
    return (revisions[made - 1][1] if made else None), made


def facts_at(f: LagFacts, day: date, revisions: list[tuple[date, date]]) -> LagFacts | None:
    """The facts as they stood at the end of `day` (None if not yet raised): not yet
    implemented or closed if that came later, and only the target revisions made by then."""
    if f.raised_on > day:
        return None
    status = f.status
    closed_on = {Status.IMPLEMENTED: f.implemented_on, Status.NOT_TAKEN_FORWARD: f.decided_on}
    if status is Status.IMPLEMENTED and f.implemented_on is None:
        pass  # done on a date the tracker never recorded: not counted open, or overdue, at any time
    elif status in closed_on and (closed_on[status] is None or closed_on[status] > day):  # type: ignore[operator]
        status = Status.IN_PROGRESS
    revised, count = _revised_at(f, day, revisions)
    return f._replace(status=status, revised_target_date=revised, target_changes=count)


def overdue_by_month(
    *,
    session: Session,
    as_of: date,
    rules: TeamRules | None = None,
    months: int = 12,
    state: TaskState | None = None,
) -> list[MonthPoint]:
    """Open-and-overdue count as of each of the last `months` month ends (the current month:
    as of `as_of`), by the engine, over the facts as they stood at each date."""
    rules = rules or get_team_rules(session=session)
    facts = load_facts(session=session)
    revisions = _revisions(session)
    default = timedelta(days=rules.default_target_days)
    out = []
    ends = month_ends(as_of, months)
    for n, day in enumerate(ends):
        if state is not None:
            state.check()
            state.set_progress(n, len(ends))
        overdue: list[uuid.UUID] = []
        for f in facts:
            if f.raised_on > day:
                continue
            history = revisions.get(f.id, [])
            # Only a recommendation past its target can be overdue: skip the engine for the rest.
            revised, _ = _revised_at(f, day, history)
            if day <= (revised or f.target_date or f.raised_on + default):
                continue
            then = facts_at(f, day, history)
            if then is not None and compute(then, as_of=day, rules=rules).overdue:
                overdue.append(f.id)
        out.append(MonthPoint(day, len(overdue), tuple(overdue)))
    return out
