"""Recommendation actions that other pages share: create from feedback, change status.

Undo works from snapshots: the recommendation's fields before and after, and the rows the
service added (status change, public update), which undo tombstones and redo revives.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from coprod.domain.enums import Status
from coprod.domain.models import (
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    StatusChange,
    TableBase,
)
from coprod.i18n import label, tr
from coprod.services import recommendations as recs
from coprod.services import records
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit

CHANGES = Changes.of("recommendation", "recommendation_feedback", "status_change", "recommendation_update")
_STATUS_FIELDS = ("status", "implemented_on", "progress", "decision_reason", "decided_on", "accepted_on")


@dataclass(frozen=True)
class _Snapshot:
    before: dict[str, Any]
    after: dict[str, Any]
    added: tuple[tuple[type[TableBase], uuid.UUID], ...]


def _undo_pair(rid: uuid.UUID, snap: _Snapshot) -> tuple[Any, Any]:
    def back(s: Session) -> None:
        for model, row_id in snap.added:
            records.soft_delete(s, model, row_id)
        records.update_fields(s, Recommendation, rid, snap.before)

    def again(s: Session) -> None:
        for model, row_id in snap.added:
            records.restore(s, model, row_id)
        records.update_fields(s, Recommendation, rid, snap.after)

    return back, again


def create_from_feedback(
    ctx: AppContext, *, feedback_ids: list[uuid.UUID], initiator: object = None,
    on_done: Done = None, on_error: Failed = None, **fields: Any,
) -> None:
    """Create a recommendation linked to `feedback_ids`; `fields` are create_recommendation's."""

    def work(session: Session) -> tuple[uuid.UUID, list[tuple[type[TableBase], uuid.UUID]]]:
        rid = recs.create_recommendation(session=session, feedback_ids=feedback_ids, **fields)
        session.flush()
        children: list[tuple[type[TableBase], uuid.UUID]] = [
            (RecommendationFeedback, i) for i in session.exec(
                select(RecommendationFeedback.id).where(RecommendationFeedback.recommendation_id == rid))
        ]
        children += [(StatusChange, i) for i in session.exec(
            select(StatusChange.id).where(StatusChange.recommendation_id == rid))]
        return rid, children

    def undo(result: tuple[uuid.UUID, list[tuple[type[TableBase], uuid.UUID]]]) -> tuple[str, Any, Any]:
        rid, children = result

        def back(s: Session) -> None:
            for model, row_id in children:
                records.soft_delete(s, model, row_id)
            records.soft_delete(s, Recommendation, rid)

        def again(s: Session) -> None:
            records.restore(s, Recommendation, rid)
            for model, row_id in children:
                records.restore(s, model, row_id)

        return tr("undo.create_recommendation", title=fields.get("title", "")), back, again

    submit(ctx, work, changes=CHANGES | Changes.of("feedback"), initiator=initiator,
           on_done=lambda r: on_done(r[0]) if on_done else None, on_error=on_error, undo=undo)


def change_status(
    ctx: AppContext, *, recommendation_id: uuid.UUID, new_status: Status, on: date,
    initiator: object = None, on_done: Done = None, on_error: Failed = None, **details: Any,
) -> None:
    """Move a recommendation on; `details` are change_status's (implemented_on, reason...)."""
    rid = recommendation_id

    def work(session: Session) -> _Snapshot:
        rec = recs.get(session=session, recommendation_id=rid)
        before = {name: getattr(rec, name) for name in _STATUS_FIELDS}
        updates = set(
            session.exec(select(RecommendationUpdate.id).where(RecommendationUpdate.recommendation_id == rid))
        )
        change_id = recs.change_status(
            session=session, recommendation_id=rid, new_status=new_status, on=on, today=ctx.as_of, **details
        )
        session.flush()
        after = {name: getattr(rec, name) for name in _STATUS_FIELDS}
        added: list[tuple[type[TableBase], uuid.UUID]] = [(StatusChange, change_id)]
        added += [
            (RecommendationUpdate, i)
            for i in session.exec(
                select(RecommendationUpdate.id).where(RecommendationUpdate.recommendation_id == rid)
            )
            if i not in updates
        ]
        return _Snapshot(before, after, tuple(added))

    def undo(snap: _Snapshot) -> tuple[str, Any, Any]:
        back, again = _undo_pair(rid, snap)
        return tr("undo.change_status", status=label(Status(new_status))), back, again

    submit(ctx, work, changes=CHANGES, initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)
