"""Recommendations implemented on a date nobody recorded.

Committee trackers seldom record when a recommendation was completed. Imported, such a
recommendation is implemented with no `implemented_on`: it counts as implemented but is
left out of time-to-implement figures, and is listed here so the date can be added.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from coprod.domain.enums import Status
from coprod.domain.models import Recommendation
from coprod.i18n import tr


class Undated(NamedTuple):
    id: object
    reference: str | None
    title: str


def undated_completions(session: Session) -> list[Undated]:
    """Live implemented recommendations without a completion date, by reference."""
    query = (
        select(col(Recommendation.id), col(Recommendation.reference), col(Recommendation.title))
        .where(col(Recommendation.status) == Status.IMPLEMENTED, col(Recommendation.implemented_on).is_(None),
               col(Recommendation.deleted_at).is_(None))
        .order_by(col(Recommendation.reference), col(Recommendation.raised_on))
    )
    return [Undated(*row) for row in session.execute(query)]


def undated_sentence(found: list[Undated], *, shown: int = 10) -> str | None:
    """'3 completed recommendations have no completion date: R-1 (title), ...', or None."""
    if not found:
        return None
    named = ", ".join(f"{u.reference} ({u.title})" if u.reference else u.title for u in found[:shown])
    if len(found) > shown:
        named = tr("import.missing.more", items=named, more=len(found) - shown)
    key = "completions.undated.one" if len(found) == 1 else "completions.undated"
    return tr(key, count=len(found), items=named)
