"""Review meeting actions: record one decision, undoable like any other change."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from coprod.i18n import tr
from coprod.services.recommendations.review import record_decision as record
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit


def record_decision(
    ctx: AppContext,
    *,
    recommendation_id: uuid.UUID,
    name: str,
    on: date,
    reviewer: str | None,
    values: dict[str, Any],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """`values` are the decision form's (services.recommendations.review.record_decision's);
    `on_done` receives the Review's id."""

    def work(session: Session) -> uuid.UUID:
        return record(
            session=session, recommendation_id=recommendation_id, on=on, reviewer=reviewer, **values
        )

    submit(
        ctx,
        work,
        undo=tr("undo.review_decision", name=name),
        initiator=initiator,
        info={"action": "review"},
        on_done=on_done,
        on_error=on_error,
    )
