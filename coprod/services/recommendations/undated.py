"""Implemented recommendations with no completion date, and the sentence that lists them.

Committee trackers seldom record when a recommendation was completed. Imported, such a
recommendation is implemented with no `implemented_on`: it counts as implemented but is
left out of time-to-implement figures, and is listed so the date can be added
(`completions.record_completion_date`). Read through Core, so `coprod check` lists them
without loading the models.
"""

from __future__ import annotations

import uuid
from typing import NamedTuple

import sqlalchemy as sa

from coprod.domain.enums import Status
from coprod.i18n import ntr, tr
from coprod.persistence import figure_tables as T
from coprod.persistence.raw import Parsers, Source, fetch_rows


class Undated(NamedTuple):
    id: uuid.UUID
    reference: str | None
    title: str


def undated_completions(source: Source) -> list[Undated]:
    """Live implemented recommendations without a completion date, by reference."""
    r = T.RECOMMENDATION
    query = (
        sa.select(r.c.id, r.c.reference, r.c.title)
        .where(
            r.c.status == Status.IMPLEMENTED.value,
            r.c.implemented_on.is_(None),
            r.c.deleted_at.is_(None),
        )
        .order_by(r.c.reference, r.c.raised_on)
    )
    parse = Parsers(source)
    return [Undated(parse.uuid(i), reference, title) for i, reference, title in fetch_rows(source, query)]


def undated_sentence(found: list[Undated], *, shown: int = 10) -> str | None:
    """'3 completed recommendations have no completion date: R-1 (title), ...', or None."""
    if not found:
        return None
    named = ", ".join(f"{u.reference} ({u.title})" if u.reference else u.title for u in found[:shown])
    if len(found) > shown:
        named = tr("import.missing.more", items=named, more=f"{len(found) - shown:,}")
    return ntr("completions.undated", len(found), items=named)
