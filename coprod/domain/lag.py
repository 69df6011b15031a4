"""Implementation lag: how late each recommendation is against the target it was first given.

Pure rules over plain values. The service (services/lag.py) gathers each recommendation's
dates in one SQL query and hands them here; nothing in this module touches a database.
All figures are whole days as of a date A.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from coprod.domain.enums import OPEN_STATUSES, CqcStatement, Rag, Status
from coprod.domain.settings import TeamRules


class LagFacts(NamedTuple):
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


class RecommendationLag(NamedTuple):
    """Every lag figure of one recommendation as of a date.

    A NamedTuple, not a frozen dataclass: the engine builds 10,000 of these each time a board
    view opens, and a frozen dataclass's per-field setattr made that three times slower.
    """

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
    "id",
    "reference",
    "title",
    "strategy",
    "owner",
    "status",
    "raised_on",
    "target_date",
    "revised_target_date",
    "original_target",
    "effective_target",
    "implemented_on",
    "days_to_implement",
    "days_open",
    "lag_days",
    "lag_vs_original_days",
    "days_since_update",
    "extensions",
    "overdue",
    "stalled",
    "rag",
    "no_target",
)


def compute(facts: LagFacts, *, as_of: date, rules: TeamRules) -> RecommendationLag:
    """Every lag figure for one recommendation as of `as_of`."""
    return compute_many([facts], as_of=as_of, rules=rules)[0]


def compute_many(facts: Iterable[LagFacts], *, as_of: date, rules: TeamRules) -> list[RecommendationLag]:
    """Every lag figure for each recommendation as of `as_of`.

    Written as one loop with the rules' constants hoisted, because it runs over every
    recommendation each time a board view opens.
    """
    default_target = timedelta(days=rules.default_target_days)
    stall_days = rules.stall_threshold_days
    amber_days = rules.amber_window_days
    implemented_status, on_hold, closed_status = Status.IMPLEMENTED, Status.ON_HOLD, Status.NOT_TAKEN_FORWARD
    out: list[RecommendationLag] = []
    append = out.append
    for f in facts:
        status, raised = f.status, f.raised_on
        original = f.target_date or raised + default_target
        effective = f.revised_target_date or original
        is_open = status in OPEN_STATUSES
        implemented = status is implemented_status and f.implemented_on is not None
        end = f.implemented_on if implemented else as_of if is_open else None
        if end is None:
            lag = lag_original = None
        else:
            lag = max(0, (end - effective).days)
            lag_original = max(0, (end - original).days)
        last = raised
        for d in (
            f.accepted_on,
            f.last_status_change_on,
            f.last_update_on,
            f.last_target_change_on,
            f.last_review_on,
            f.imported_last_update_on,
        ):
            if d is not None and d > last:
                last = d
        since = (as_of - last).days if is_open else None
        overdue = is_open and as_of > effective
        stalled = is_open and (status is on_hold or since >= stall_days)  # type: ignore[operator]
        if status is implemented_status:
            rag = Rag.COMPLETE
        elif status is closed_status:
            rag = Rag.CLOSED
        elif overdue or stalled:
            rag = Rag.RED
        elif (effective - as_of).days <= amber_days or f.target_changes >= 1:
            rag = Rag.AMBER
        else:
            rag = Rag.GREEN
        append(
            RecommendationLag(
                f.id,
                f.reference,
                f.title,
                f.strategy,
                f.owner,
                status,
                raised,
                f.target_date,
                f.revised_target_date,
                original,
                effective,
                f.implemented_on,
                (f.implemented_on - raised).days if implemented else None,  # type: ignore[operator]
                (as_of - raised).days if is_open else None,
                lag,
                lag_original,
                last,
                since,
                f.target_changes,
                overdue,
                stalled,
                rag,
                f.target_date is None,
                f.strategy_id,
                f.owner_id,
                f.session_id,
                f.cqc_statement,
                f.decided_on,
            )
        )
    return out


def review_order(lag: RecommendationLag) -> tuple[int, int, str, str]:
    """Worst first: the longest lag, then the longest since an update; ties by reference (those
    without one last), so the order never depends on the order rows were read in."""
    return (-(lag.lag_days or 0), -(lag.days_since_update or 0), lag.reference or "\uffff", lag.id.hex)


_VALUES = attrgetter(*JSON_KEYS)


def _plain(value: object) -> str:
    if isinstance(value, date | uuid.UUID):
        return str(value)  # a date's str is its ISO form
    raise TypeError(f"{type(value).__name__} is not a lag figure")


def json_text(lags: Iterable[RecommendationLag]) -> str:
    """What `coprod lag --format json` prints: a list of `as_json_row` objects, one
    recommendation a line. Each line goes through the C encoder (an `indent` would take the
    pure-Python one: half as fast again over 10,000 rows); statuses are str enums already."""
    encode = json.JSONEncoder(ensure_ascii=False, default=_plain).encode
    lines = [encode(dict(zip(JSON_KEYS, _VALUES(x), strict=True))) for x in lags]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


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
