"""What importing each checked row would do, given what the database already holds.

A row whose reference matches a recommendation updates it; other rows create one. The
status history is walked through the same workflow rules as a change made by hand, so a
tracker cannot bring in a move the app would refuse.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import select
from sqlmodel import Session, col

from coprod.domain import workflow
from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import Feedback, Recommendation, RecommendationFeedback, RecommendationUpdate
from coprod.i18n import label, tr
from coprod.services.data.importing.rows import Problem, TrackerRow

CHUNK = 500


@dataclass(slots=True)
class Existing:
    rec: Recommendation
    public_texts: set[str] = field(default_factory=set)
    feedback_texts: list[str] = field(default_factory=list)
    latest_update: date | None = None  # the newest progress update's date, public or not


@dataclass(slots=True)
class Planned:
    row: TrackerRow
    steps: list[tuple[Status, Status, date]]
    existing: Existing | None = None

    @property
    def accepted_on(self) -> date | None:
        if self.row.accepted_on:
            return self.row.accepted_on
        return next((on for _, to, on in self.steps if to is Status.ACCEPTED), None)


@lru_cache(maxsize=64)
def _path(current: Status, target: Status) -> tuple[Status, ...] | None:
    """The shortest run of allowed moves from `current` to `target` (forward moves first)."""
    if current == target:
        return ()
    order = {s: i for i, s in enumerate(Status)}
    seen = {current}
    queue: deque[tuple[Status, tuple[Status, ...]]] = deque([(current, ())])
    while queue:
        status, path = queue.popleft()
        for nxt in sorted(workflow.allowed_next(status), key=order.__getitem__):
            if nxt in seen:
                continue
            if nxt == target:
                return (*path, nxt)
            seen.add(nxt)
            queue.append((nxt, (*path, nxt)))
    return None


def path_between(current: Status, target: Status) -> list[Status] | None:
    """The shortest run of allowed moves from `current` to `target` (forward moves first)."""
    found = _path(current, target)
    return None if found is None else list(found)


def _step_date(row: TrackerRow, to: Status, previous: date, default: date) -> date:
    if to is Status.ACCEPTED and row.accepted_on:
        return max(row.accepted_on, previous)
    if to is Status.IMPLEMENTED and row.implemented_on:
        return row.implemented_on
    return max(default, previous)


def _steps(
    row: TrackerRow, current: Status, *, start: date, default: date
) -> list[tuple[Status, Status, date]]:
    """Status changes from `current` to the row's status, along moves the workflow allows."""
    statuses: list[Status] = []
    beyond_acceptance = row.status not in (Status.PROPOSED, Status.ACCEPTED)
    if current is Status.PROPOSED and row.accepted_on and beyond_acceptance:
        statuses.append(Status.ACCEPTED)  # an acceptance date says it was accepted on the way
    path = path_between(statuses[-1] if statuses else current, row.status)
    if path is None:
        raise RuleViolation("import.status_unreachable", old=label(current), new=label(row.status))
    statuses += path
    out = []
    previous, status = start, current
    for to in statuses:
        # Only the order of moves is checked: missing history (a completion date, a "we did",
        # a reason) is reported after the import, not refused; see rows.py.
        if to not in workflow.allowed_next(status):
            raise RuleViolation("import.status_unreachable", old=label(status), new=label(to))
        on = _step_date(row, to, previous, default)
        out.append((status, to, on))
        previous, status = on, to
    return out


Key = str | tuple[str, date]


def row_key(row: TrackerRow) -> Key:
    """How a row finds its recommendation: by reference; without one, by title and date raised
    (so a tracker that has no reference column can still be imported again without duplicates)."""
    return row.reference or (row.title.casefold(), row.raised_on)


def load_existing(session: Session, rows: list[TrackerRow]) -> dict[Key, Existing]:
    refs = [r.reference for r in rows if r.reference]
    found: dict[Key, Existing] = {}
    for i in range(0, len(refs), CHUNK):
        query = select(Recommendation).where(col(Recommendation.reference).in_(refs[i : i + CHUNK]))
        for rec in session.scalars(query):
            found[rec.reference] = Existing(rec)  # type: ignore[index]
    unreferenced = {(r.title.casefold(), r.raised_on) for r in rows if not r.reference}
    days = sorted({day for _, day in unreferenced})
    for i in range(0, len(days), CHUNK):
        query = select(Recommendation).where(
            col(Recommendation.reference).is_(None), col(Recommendation.raised_on).in_(days[i : i + CHUNK])
        )
        for rec in session.scalars(query):
            key = (rec.title.casefold(), rec.raised_on)
            if key in unreferenced:
                found.setdefault(key, Existing(rec))
    by_id = {e.rec.id: e for e in found.values()}
    ids = list(by_id)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        updates = select(
            col(RecommendationUpdate.recommendation_id),
            col(RecommendationUpdate.text),
            col(RecommendationUpdate.is_public),
            col(RecommendationUpdate.update_on),
        ).where(
            col(RecommendationUpdate.recommendation_id).in_(chunk),
            col(RecommendationUpdate.deleted_at).is_(None),
        )
        for rid, text, public, on in session.execute(updates):
            known = by_id[rid]
            if public:
                known.public_texts.add(text)
            if known.latest_update is None or on > known.latest_update:
                known.latest_update = on
        said = (
            select(col(RecommendationFeedback.recommendation_id), col(Feedback.text))
            .join(Feedback, col(Feedback.id) == RecommendationFeedback.feedback_id)
            .where(
                col(RecommendationFeedback.recommendation_id).in_(chunk),
                col(RecommendationFeedback.deleted_at).is_(None),
                col(Feedback.deleted_at).is_(None),
            )
            .order_by(col(Feedback.recorded_at))
        )
        for rid, text in session.execute(said):
            by_id[rid].feedback_texts.append(text)
    return found


def plan_rows(
    session: Session, rows: list[TrackerRow], column: dict[str, str], *, today: date
) -> tuple[list[Planned], list[Problem]]:
    """Rows ready to write and the problems of those that cannot be; `column` names each field."""
    existing = load_existing(session, rows)
    planned: list[Planned] = []
    problems: list[Problem] = []
    for row in rows:
        match = existing.get(row_key(row))
        try:
            if match is None:
                steps = _steps(row, Status.PROPOSED, start=row.raised_on, default=row.raised_on)
            else:
                rec = match.rec
                steps = _steps(row, rec.status, start=row.raised_on, default=row.activity_on)
                if rec.target_date and row.target_date and rec.target_date != row.target_date:
                    problems.append(
                        Problem(
                            row.row,
                            column["target_date"],
                            tr(
                                "import.target_changed",
                                old=rec.target_date,
                                new=row.target_date,
                            ),
                        )
                    )
                    continue
        except RuleViolation as exc:
            problems.append(Problem(row.row, column["status"], str(exc)))
            continue
        planned.append(Planned(row=row, steps=steps, existing=match))
    return planned, problems
