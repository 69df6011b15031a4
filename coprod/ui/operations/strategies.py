"""Strategy actions: create and edit (including making one inactive), each undoable."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from coprod.domain.models import Strategy
from coprod.i18n import tr
from coprod.services.common import records
from coprod.services.engagement import capture as engagement
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit


def create_strategy(
    ctx: AppContext,
    *,
    values: dict[str, Any],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    active = values.get("active", True)
    fields = {k: v for k, v in values.items() if k != "active"}

    def work(session: Session) -> uuid.UUID:
        sid = engagement.create_strategy(session=session, **fields)
        if not active:
            session.flush()
            records.update_fields(session, Strategy, sid, {"active": False})
        return sid

    submit(
        ctx,
        work,
        undo=tr("undo.create_strategy", name=values.get("name", "")),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def edit_strategy(
    ctx: AppContext,
    *,
    strategy_id: uuid.UUID,
    values: dict[str, Any],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: records.update_fields(s, Strategy, strategy_id, values),
        undo=tr("undo.edit_strategy", name=values.get("name", "")),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )
