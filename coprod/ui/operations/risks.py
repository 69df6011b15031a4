"""Risk register operations for the GUI: each one undoable with Ctrl+Z."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session

from coprod.domain.models import RiskEscalation, RiskReview
from coprod.i18n import tr
from coprod.services.risks import register
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.operations.run import submit

CHANGES = Changes.of("risk", "risk_review", "risk_escalation")


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
    def work(session: Session) -> tuple[uuid.UUID, register.RiskState, register.RiskState]:
        before = register.state_of(session=session, risk_id=risk_id)
        review_id = register.record_review(
            session=session,
            risk_id=risk_id,
            on=on,
            likelihood=likelihood,
            impact=impact,
            reviewer=reviewer,
            note=note,
        )
        session.flush()
        return review_id, before, register.state_of(session=session, risk_id=risk_id)

    def undo(result: tuple[uuid.UUID, register.RiskState, register.RiskState]):  # type: ignore[no-untyped-def]
        row_id, before, after = result
        return (
            tr("risk.undo.review", reference=reference),
            lambda s: register.withdraw(session=s, model=RiskReview, row_id=row_id, state=before),
            lambda s: register.reinstate(session=s, model=RiskReview, row_id=row_id, state=after),
        )

    submit(ctx, work, changes=CHANGES, on_done=on_done, on_error=on_error, undo=undo)


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
    def work(session: Session) -> tuple[uuid.UUID, register.RiskState, register.RiskState]:
        before = register.state_of(session=session, risk_id=risk_id)
        row_id = register.escalate(session=session, risk_id=risk_id, on=on, by=by, reason=reason)
        session.flush()
        return row_id, before, register.state_of(session=session, risk_id=risk_id)

    def undo(result: tuple[uuid.UUID, register.RiskState, register.RiskState]):  # type: ignore[no-untyped-def]
        row_id, before, after = result
        return (
            tr("risk.undo.escalate", reference=reference),
            lambda s: register.withdraw(session=s, model=RiskEscalation, row_id=row_id, state=before),
            lambda s: register.reinstate(session=s, model=RiskEscalation, row_id=row_id, state=after),
        )

    submit(ctx, work, changes=CHANGES, on_done=on_done, on_error=on_error, undo=undo)


def set_mitigations(
    ctx: AppContext,
    *,
    risk_id: uuid.UUID,
    reference: str,
    recommendation_ids: list[uuid.UUID],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    def work(session: Session) -> list[uuid.UUID]:
        before = register.mitigation_ids(session=session, risk_id=risk_id)
        register.set_mitigations(session=session, risk_id=risk_id, recommendation_ids=recommendation_ids)
        return before

    def undo(before: list[uuid.UUID]):  # type: ignore[no-untyped-def]
        return (
            tr("risk.undo.link", reference=reference),
            lambda s: register.set_mitigations(session=s, risk_id=risk_id, recommendation_ids=before),
            lambda s: register.set_mitigations(
                session=s, risk_id=risk_id, recommendation_ids=recommendation_ids
            ),
        )

    submit(ctx, work, changes=Changes.of("risk_mitigation"), on_done=on_done, on_error=on_error, undo=undo)


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
        return register.create_risk(session=session, risk_in=register.RiskIn(**values))  # type: ignore[arg-type]

    def undo(risk_id: uuid.UUID):  # type: ignore[no-untyped-def]
        return (
            tr("risk.undo.create", reference=risk_in.reference),
            lambda s: register.withdraw_risk(session=s, risk_id=risk_id),
            lambda s: register.reinstate_risk(session=s, risk_id=risk_id),
        )

    submit(ctx, work, changes=CHANGES | Changes.of("owner"), on_done=on_done, on_error=on_error, undo=undo)


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

    def work(session: Session) -> tuple[register.RiskIn, register.RiskIn]:
        register.check(risk_in)
        before = register.risk_in_of(session=session, risk_id=risk_id)
        owner_id = register.owner_named(session=session, name=owner)
        values = {f: getattr(risk_in, f) for f in risk_in.__dataclass_fields__}
        values |= {"owner_id": owner_id, "current": before.current, "next_review_on": before.next_review_on}
        after = register.RiskIn(**values)  # type: ignore[arg-type]
        register.update_risk(session=session, risk_id=risk_id, risk_in=after)
        return before, after

    def undo(result: tuple[register.RiskIn, register.RiskIn]):  # type: ignore[no-untyped-def]
        before, after = result
        return (
            tr("risk.undo.edit", reference=after.reference),
            lambda s: register.update_risk(session=s, risk_id=risk_id, risk_in=before),
            lambda s: register.update_risk(session=s, risk_id=risk_id, risk_in=after),
        )

    submit(ctx, work, changes=CHANGES | Changes.of("owner"), on_done=on_done, on_error=on_error, undo=undo)
