"""Feedback actions: delete, and a recommendation made from selected items.

Quick capture goes through the pending-writes queue instead (coprod.ui.pending)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from coprod.domain.models import Feedback
from coprod.i18n import ntr, tr
from coprod.services.common import records
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit


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

    submit(
        ctx,
        work,
        undo=ntr("undo.delete_feedback", len(feedback_ids)),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def create_recommendation(
    ctx: AppContext,
    *,
    feedback_ids: list[uuid.UUID],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
    suggested_reference: str | None = None,
    **fields: Any,
) -> None:
    """A new recommendation, linked to the selected feedback if any; `fields` are
    services.recommendations.create_recommendation's. A reference left blank or as suggested
    becomes the next free one when it is saved (another officer may have taken the one
    suggested). Undo tombstones it and its links; `on_done` receives its id."""

    def work(session: Session) -> uuid.UUID:
        reference = (fields.get("reference") or "").strip()
        if not reference or reference == suggested_reference:
            fields["reference"] = recs.team_next_reference(session=session)
        return recs.create_recommendation(session=session, feedback_ids=feedback_ids, **fields)

    submit(
        ctx,
        work,
        undo=tr("undo.create_recommendation", title=fields.get("title", "")),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )
