"""Implementation lag: how late each recommendation is against the target it was first given.

Pure rules over plain values. The service (services/lag.py) gathers each recommendation's
dates in one SQL query and hands them here; nothing in this module touches a database.
All figures are whole days as of a date A.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from coprod.domain.enums import OPEN_STATUSES, CqcStatement, Rag, Status
from coprod.domain.settings import TeamRules


@dataclass(frozen=True, slots=True)
class LagFacts:
    """What the engine needs to know about one recommendation (from one SQL row)."""

    id: uuid.UUID
    reference: str | None
    title: str
    strategy: str | None
    owner: str | None
    status: Status
    raised_on: date
    target_date: date | None
    revised_target_date: date | None
    implemented_on: date | None
    accepted_on: date | None
    decided_on: date | None
    imported_last_update_on: date | None
    last_status_change_on: date | None
    last_update_on: date | None
    last_target_change_on: date | None
    last_review_on: date | None
    target_changes: int
    strategy_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None
    cqc_statement: CqcStatement | None = None


@dataclass(frozen=True, slots=True)
class RecommendationLag:
    id: uuid.UUID
    reference: str | None
    title: str
    strategy: str | None
    owner: str | None
    status: Status
    raised_on: date
    target_date: date | None
    revised_target_date: date | None
    original_target: date
    effective_target: date
    implemented_on: date | None
    days_to_implement: int | None
    days_open: int | None
    lag_days: int | None
    lag_vs_original_days: int | None
    last_activity_on: date
    days_since_update: int | None
    extensions: int
    overdue: bool
    stalled: bool
    rag: Rag
    no_target: bool
    strategy_id: uuid.UUID | None
    owner_id: uuid.UUID | None
    session_id: uuid.UUID | None
    cqc_statement: CqcStatement | None
    decided_on: date | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


# The keys, in order, of `coprod lag --format json` rows.
JSON_KEYS = (
    "id", "reference", "title", "strategy", "owner", "status", "raised_on", "target_date",
    "revised_target_date", "original_target", "effective_target", "implemented_on",
    "days_to_implement", "days_open", "lag_days", "lag_vs_original_days", "days_since_update",
    "extensions", "overdue", "stalled", "rag", "no_target",
)


def compute(facts: LagFacts, *, as_of: date, rules: TeamRules) -> RecommendationLag:
    """Every lag figure for one recommendation as of `as_of`."""
    f = facts
    no_target = f.target_date is None
    original = f.target_date or f.raised_on + timedelta(days=rules.default_target_days)
    effective = f.revised_target_date or original
    is_open = f.status in OPEN_STATUSES
    implemented = f.status is Status.IMPLEMENTED and f.implemented_on is not None

    end: date | None = f.implemented_on if implemented else as_of if is_open else None
    lag = max(0, (end - effective).days) if end is not None else None
    lag_original = max(0, (end - original).days) if end is not None else None

    last_activity = f.raised_on
    for d in (f.accepted_on, f.last_status_change_on, f.last_update_on, f.last_target_change_on,
              f.last_review_on, f.imported_last_update_on):
        if d is not None and d > last_activity:
            last_activity = d
    since = (as_of - last_activity).days if is_open else None
    overdue = is_open and as_of > effective
    stalled = is_open and (
        f.status is Status.ON_HOLD or (since is not None and since >= rules.stall_threshold_days)
    )
    return RecommendationLag(
        id=f.id, reference=f.reference, title=f.title, strategy=f.strategy, owner=f.owner,
        status=f.status, raised_on=f.raised_on, target_date=f.target_date,
        revised_target_date=f.revised_target_date, original_target=original,
        effective_target=effective, implemented_on=f.implemented_on,
        days_to_implement=(f.implemented_on - f.raised_on).days if implemented else None,  # type: ignore[operator]
        days_open=(as_of - f.raised_on).days if is_open else None,
        lag_days=lag, lag_vs_original_days=lag_original, last_activity_on=last_activity,
        days_since_update=since, extensions=f.target_changes, overdue=overdue, stalled=stalled,
        rag=_rag(f.status, overdue=overdue, stalled=stalled, effective=effective, as_of=as_of,
                 extensions=f.target_changes, rules=rules),
        no_target=no_target, strategy_id=f.strategy_id, owner_id=f.owner_id,
        session_id=f.session_id, cqc_statement=f.cqc_statement, decided_on=f.decided_on,
    )


def _rag(status: Status, *, overdue: bool, stalled: bool, effective: date, as_of: date,
         extensions: int, rules: TeamRules) -> Rag:
    if status is Status.IMPLEMENTED:
        return Rag.COMPLETE
    if status is Status.NOT_TAKEN_FORWARD:
        return Rag.CLOSED
    if overdue or stalled:
        return Rag.RED
    if (effective - as_of).days <= rules.amber_window_days or extensions >= 1:
        return Rag.AMBER
    return Rag.GREEN


def review_order(lag: RecommendationLag) -> tuple[int, int]:
    """Worst first: the longest lag, then the longest since an update."""
    return (-(lag.lag_days or 0), -(lag.days_since_update or 0))


def as_json_row(lag: RecommendationLag) -> dict[str, object]:
    """The row `coprod lag --format json` prints: exactly JSON_KEYS, dates as ISO strings."""
    out: dict[str, object] = {}
    for key in JSON_KEYS:
        value = getattr(lag, key)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, uuid.UUID):
            value = str(value)
        elif isinstance(value, (Status, Rag)):
            value = value.value
        out[key] = value
    return out
