"""Feedback actions: delete, and a recommendation made from selected items.

Quick capture goes through the pending-writes queue instead (coprod.ui.pending)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, select

from coprod.domain.models import Feedback, Recommendation, RecommendationFeedback, StatusChange, TableBase
from coprod.i18n import ntr, tr
from coprod.services.common import records
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit

CHANGES = Changes.of("feedback", "feedback_theme", "theme", "participant")
REC_CHANGES = Changes.of("recommendation", "recommendation_feedback", "status_change")


def delete_feedback(
    ctx: AppContext,
    *,
    feedback_ids: list[uuid.UUID],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    def work(session: Session) -> None:
        for fid in feedback_ids:
            records.soft_delete(session, Feedback, fid)

    def restore_all(session: Session) -> None:
        for fid in feedback_ids:
            records.restore(session, Feedback, fid)

    def undo(_: None) -> tuple[str, Any, Any]:
        return ntr("undo.delete_feedback", len(feedback_ids)), restore_all, work

    submit(ctx, work, changes=CHANGES, initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)


def create_recommendation(
    ctx: AppContext, *, feedback_ids: list[uuid.UUID], initiator: object = None,
    on_done: Done = None, on_error: Failed = None, suggested_reference: str | None = None, **fields: Any,
) -> None:
    """A new recommendation, linked to the selected feedback if any; `fields` are
    services.recommendations.create_recommendation's. A reference left blank or as suggested
    becomes the next free one when it is saved (another officer may have taken the one
    suggested). Undo tombstones it and its links."""

    def work(session: Session) -> tuple[uuid.UUID, list[tuple[type[TableBase], uuid.UUID]]]:
        reference = (fields.get("reference") or "").strip()
        if not reference or reference == suggested_reference:
            fields["reference"] = recs.team_next_reference(session=session)
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

    submit(ctx, work, changes=CHANGES | REC_CHANGES, initiator=initiator,
           on_done=lambda r: on_done(r[0]) if on_done else None, on_error=on_error, undo=undo)
