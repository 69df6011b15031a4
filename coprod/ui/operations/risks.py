"""Risk register operations for the GUI: each one undoable with Ctrl+Z."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session

from coprod.i18n import tr
from coprod.services.risks import register
from coprod.ui.context import AppContext
from coprod.ui.operations.run import submit


def record_review(
    ctx: AppContext,
    *,
    risk_id: uuid.UUID,
    reference: str,
    on: date,
    likelihood: int,
    impact: int,
    reviewer: str | None,
    note: str | None,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    def work(session: Session) -> uuid.UUID:
        return register.record_review(
            session=session,
            risk_id=risk_id,
            on=on,
            likelihood=likelihood,
            impact=impact,
            reviewer=reviewer,
            note=note,
        )

    submit(ctx, work, undo=tr("risk.undo.review", reference=reference), on_done=on_done, on_error=on_error)


def escalate(
    ctx: AppContext,
    *,
    risk_id: uuid.UUID,
    reference: str,
    on: date,
    by: str,
    reason: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    def work(session: Session) -> uuid.UUID:
        return register.escalate(session=session, risk_id=risk_id, on=on, by=by, reason=reason)

    submit(ctx, work, undo=tr("risk.undo.escalate", reference=reference), on_done=on_done, on_error=on_error)


def set_mitigations(
    ctx: AppContext,
    *,
    risk_id: uuid.UUID,
    reference: str,
    recommendation_ids: list[uuid.UUID],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    def work(session: Session) -> None:
        register.set_mitigations(session=session, risk_id=risk_id, recommendation_ids=recommendation_ids)

    submit(ctx, work, undo=tr("risk.undo.link", reference=reference), on_done=on_done, on_error=on_error)


def create_risk(
    ctx: AppContext,
    *,
    risk_in: register.RiskIn,
    owner: str | None,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    def work(session: Session) -> uuid.UUID:
        register.check(risk_in)  # before an owner is made for a risk that will not be saved
        owner_id = register.owner_named(session=session, name=owner)
        values = {f: getattr(risk_in, f) for f in risk_in.__dataclass_fields__} | {"owner_id": owner_id}
        return register.create_risk(session=session, risk_in=register.RiskIn(**values), closing_day=ctx.as_of)

    submit(
        ctx,
        work,
        undo=tr("risk.undo.create", reference=risk_in.reference),
        on_done=on_done,
        on_error=on_error,
    )


def update_risk(
    ctx: AppContext,
    *,
    risk_id: uuid.UUID,
    risk_in: register.RiskIn,
    owner: str | None,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Save an edited risk. Its current rating and next review stay as they are: those change
    by recording a review, so the history says when."""

    def work(session: Session) -> None:
        register.check(risk_in)
        before = register.risk_in_of(session=session, risk_id=risk_id)
        owner_id = register.owner_named(session=session, name=owner)
        values = {f: getattr(risk_in, f) for f in risk_in.__dataclass_fields__}
        values |= {"owner_id": owner_id, "current": before.current, "next_review_on": before.next_review_on}
        after = register.RiskIn(**values)
        register.update_risk(session=session, risk_id=risk_id, risk_in=after, closing_day=ctx.as_of)

    submit(
        ctx, work, undo=tr("risk.undo.edit", reference=risk_in.reference), on_done=on_done, on_error=on_error
    )
