"""Recommendations implemented on a date nobody recorded.

Committee trackers seldom record when a recommendation was completed. Imported, such a
recommendation is implemented with no `implemented_on`: it counts as implemented but is
left out of time-to-implement figures, and is listed (`undated.py`) so the date can be
added here.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from coprod.domain import workflow
from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import Recommendation


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
