"""Session actions: create, edit, delete and close the loop, each undoable."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from coprod.domain.models import EngagementSession
from coprod.i18n import tr
from coprod.services.common import records
from coprod.services.engagement import capture as engagement
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit


def create_session(
    ctx: AppContext,
    *,
    values: dict[str, Any],
    strategy_ids: list[uuid.UUID],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """`values` holds EngagementSession fields; `on_done` receives the new session's id."""

    def work(session: Session) -> uuid.UUID:
        return engagement.create_session(session=session, strategy_ids=strategy_ids, **values)

    submit(
        ctx,
        work,
        undo=tr("undo.create_session", title=values.get("title", "")),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def edit_session(
    ctx: AppContext,
    *,
    session_id: uuid.UUID,
    values: dict[str, Any],
    strategy_ids: list[uuid.UUID],
    expected_version: int | None = None,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """Save an edited session, refused if it was saved since `expected_version` was read."""

    def work(session: Session) -> None:
        fields = {k: v for k, v in values.items() if k != "version"}
        records.update_fields(
            session, EngagementSession, session_id, fields, expected_version=expected_version
        )
        records.set_session_strategies(session, session_id, strategy_ids)

    submit(
        ctx,
        work,
        undo=tr("undo.edit_session", title=values.get("title", "")),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def delete_session(
    ctx: AppContext,
    *,
    session_id: uuid.UUID,
    title: str,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """Soft delete: the session and its feedback leave the lists; undo brings them back."""
    submit(
        ctx,
        lambda s: records.soft_delete(s, EngagementSession, session_id),
        undo=tr("undo.delete_session", title=title),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def close_loop(
    ctx: AppContext,
    *,
    session_id: uuid.UUID,
    returned_on: date | None,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """Record (or with None, clear) the date residents were told what happened."""
    values = {"feedback_returned_on": returned_on}
    submit(
        ctx,
        lambda s: records.update_fields(s, EngagementSession, session_id, values),
        undo=tr("undo.close_loop"),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )
