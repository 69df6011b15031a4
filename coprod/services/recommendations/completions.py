"""Recommendations implemented on a date nobody recorded.

Committee trackers seldom record when a recommendation was completed. Imported, such a
recommendation is implemented with no `implemented_on`: it counts as implemented but is
left out of time-to-implement figures, and is listed here so the date can be added.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from coprod.domain import workflow
from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import Recommendation
from coprod.i18n import ntr, tr


class Undated(NamedTuple):
    id: object
    reference: str | None
    title: str


def undated_completions(session: Session) -> list[Undated]:
    """Live implemented recommendations without a completion date, by reference."""
    query = (
        select(col(Recommendation.id), col(Recommendation.reference), col(Recommendation.title))
        .where(
            col(Recommendation.status) == Status.IMPLEMENTED,
            col(Recommendation.implemented_on).is_(None),
            col(Recommendation.deleted_at).is_(None),
        )
        .order_by(col(Recommendation.reference), col(Recommendation.raised_on))
    )
    return [Undated(*row) for row in session.execute(query)]


def record_completion_date(
    *, session: Session, recommendation_id: uuid.UUID, implemented_on: date, today: date | None = None
) -> Recommendation:
    """Add the completion date a tracker did not record; the status stays implemented.

    Only for an implemented recommendation without a date: a recorded date is changed by
    moving the status, never overwritten here.
    """
    rec = session.get(Recommendation, recommendation_id)
    if rec is None or rec.deleted_at is not None:
        raise RuleViolation("completions.gone")
    if rec.status is not Status.IMPLEMENTED or rec.implemented_on is not None:
        raise RuleViolation("completions.already_dated")
    workflow.check_implemented_on(implemented_on, raised_on=rec.raised_on, today=today)
    rec.implemented_on = implemented_on
    session.add(rec)
    return rec


def undated_sentence(found: list[Undated], *, shown: int = 10) -> str | None:
    """'3 completed recommendations have no completion date: R-1 (title), ...', or None."""
    if not found:
        return None
    named = ", ".join(f"{u.reference} ({u.title})" if u.reference else u.title for u in found[:shown])
    if len(found) > shown:
        named = tr("import.missing.more", items=named, more=len(found) - shown)
    return ntr("completions.undated", len(found), items=named)
