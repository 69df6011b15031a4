"""Team figures: how a group of recommendations is doing, from their lag figures.

Groups are a strategy, an owner, a source session, a CQC quality statement, or the whole
team. Pure functions; the service supplies group names and session loop-closure facts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from statistics import mean, median
from typing import TypeVar

from coprod.domain.enums import Status
from coprod.domain.lag import RecommendationLag
from coprod.domain.survival import KaplanMeier, kaplan_meier

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class GroupFigures:
    key: str | None
    name: str
    total: int
    by_status: dict[Status, int]
    open: int
    implemented: int
    on_time_original: int
    pct_on_time_original: float | None  # of those implemented
    on_time_effective: int
    pct_on_time_effective: float | None
    median_days_to_implement: float | None
    p90_days_to_implement: float | None
    overdue: int
    mean_overdue_lag: float | None
    stalled: int
    extensions: int
    median_days_since_update: float | None  # of open ones
    loop_closed_pct: float | None  # sessions whose residents were told the outcome
    km: KaplanMeier
    undated: int = 0  # implemented, but the tracker they came from never said when

    @property
    def implemented_dated(self) -> int:
        """The implemented ones whose time can be measured: on-time shares are of these."""
        return self.implemented - self.undated


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default), q in [0, 100]."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def time_to_implement(lags: Iterable[RecommendationLag]) -> KaplanMeier:
    """Kaplan-Meier of raised -> implemented; open ones censored at the as-of date, closed ones
    at their decision date."""
    durations: list[int] = []
    observed: list[bool] = []
    for lag in lags:
        if lag.status is Status.IMPLEMENTED and lag.days_to_implement is not None:
            durations.append(lag.days_to_implement)
            observed.append(True)
        elif lag.status is Status.IMPLEMENTED:
            continue  # done, but the tracker never said when: no time to count
        elif lag.days_open is not None:
            durations.append(lag.days_open)
            observed.append(False)
        else:
            decided = lag.decided_on or lag.last_activity_on
            durations.append(max(0, (decided - lag.raised_on).days))
            observed.append(False)
    return kaplan_meier(durations, observed)


def figures_for(
    key: str | None, name: str, lags: Sequence[RecommendationLag], *, loop_closed_pct: float | None
) -> GroupFigures:
    by_status = {s: 0 for s in Status}
    for lag in lags:
        by_status[lag.status] += 1
    # Completions without a recorded date count as implemented but have no time to measure.
    done = [x for x in lags if x.status is Status.IMPLEMENTED and x.implemented_on is not None]
    open_ = [x for x in lags if x.is_open]
    overdue = [x for x in open_ if x.overdue]
    on_time_original = len([x for x in done if x.implemented_on and x.implemented_on <= x.original_target])
    on_time_effective = len([x for x in done if x.implemented_on and x.implemented_on <= x.effective_target])
    days = [float(x.days_to_implement) for x in done if x.days_to_implement is not None]
    idle = [float(x.days_since_update) for x in open_ if x.days_since_update is not None]
    return GroupFigures(
        key=key,
        name=name,
        total=len(lags),
        by_status=by_status,
        open=len(open_),
        implemented=by_status[Status.IMPLEMENTED],
        on_time_original=on_time_original,
        pct_on_time_original=_pct(on_time_original, len(done)),
        on_time_effective=on_time_effective,
        pct_on_time_effective=_pct(on_time_effective, len(done)),
        median_days_to_implement=median(days) if days else None,
        p90_days_to_implement=percentile(days, 90),
        overdue=len(overdue),
        mean_overdue_lag=round(mean(x.lag_days or 0 for x in overdue), 1) if overdue else None,
        stalled=sum(1 for x in open_ if x.stalled),
        extensions=sum(x.extensions for x in lags),
        median_days_since_update=median(idle) if idle else None,
        loop_closed_pct=loop_closed_pct,
        km=time_to_implement(lags),
        undated=by_status[Status.IMPLEMENTED] - len(done),
    )


def group(
    lags: Iterable[RecommendationLag],
    key_of: Callable[[RecommendationLag], K | None],
    name_of: Callable[[K | None], str],
    loop_closed: Callable[[K | None], float | None] = lambda _key: None,
) -> list[GroupFigures]:
    """Figures per group, ordered by group name (the unassigned group last).

    Keys may be any hashable value (ids, codes); each group's `key` is its text form.
    """
    buckets: dict[K | None, list[RecommendationLag]] = {}
    for lag in lags:
        buckets.setdefault(key_of(lag), []).append(lag)
    out = [
        figures_for(None if k is None else str(k), name_of(k), v, loop_closed_pct=loop_closed(k))
        for k, v in buckets.items()
    ]
    return sorted(out, key=lambda g: (g.key is None, g.name.lower()))


def as_json_group(g: GroupFigures) -> dict[str, object]:
    """One group's figures as plain JSON values (status counts by code)."""
    return {
        "key": g.key,
        "name": g.name,
        "total": g.total,
        "by_status": {s.value: n for s, n in g.by_status.items()},
        "open": g.open,
        "implemented": g.implemented,
        "on_time_original": g.on_time_original,
        "pct_on_time_original": g.pct_on_time_original,
        "on_time_effective": g.on_time_effective,
        "pct_on_time_effective": g.pct_on_time_effective,
        "median_days_to_implement": g.median_days_to_implement,
        "p90_days_to_implement": g.p90_days_to_implement,
        "overdue": g.overdue,
        "mean_overdue_lag": g.mean_overdue_lag,
        "stalled": g.stalled,
        "extensions": g.extensions,
        "median_days_since_update": g.median_days_since_update,
        "loop_closed_pct": g.loop_closed_pct,
        "km_median_days": g.km.median,
        "km_median_ci_low": g.km.median_ci_low,
        "km_median_ci_high": g.km.median_ci_high,
        "km_subjects": g.km.subjects,
        "km_events": g.km.events,
    }
