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
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit

CHANGES = Changes.of("engagement_session", "session_strategy")


def create_session(
    ctx: AppContext, *, values: dict[str, Any], strategy_ids: list[uuid.UUID],
    initiator: object = None, on_done: Done = None, on_error: Failed = None,
) -> None:
    """`values` holds EngagementSession fields; `on_done` receives the new session's id."""

    def work(session: Session) -> uuid.UUID:
        return engagement.create_session(session=session, strategy_ids=strategy_ids, **values)

    def undo(sid: uuid.UUID) -> tuple[str, Any, Any]:
        return (
            tr("undo.create_session", title=values.get("title", "")),
            lambda s: records.soft_delete(s, EngagementSession, sid),
            lambda s: records.restore(s, EngagementSession, sid),
        )

    submit(ctx, work, changes=CHANGES, initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)


def edit_session(
    ctx: AppContext, *, session_id: uuid.UUID, values: dict[str, Any], strategy_ids: list[uuid.UUID],
    initiator: object = None, on_done: Done = None, on_error: Failed = None,
) -> None:
    def work(session: Session) -> tuple[dict[str, Any], list[uuid.UUID]]:
        old = records.update_fields(session, EngagementSession, session_id, values)
        before = records.set_session_strategies(session, session_id, strategy_ids)
        return old, before

    def undo(result: tuple[dict[str, Any], list[uuid.UUID]]) -> tuple[str, Any, Any]:
        old, before = result
        new = {k: values[k] for k in old}

        def back(s: Session) -> None:
            records.update_fields(s, EngagementSession, session_id, old)
            records.set_session_strategies(s, session_id, before)

        def again(s: Session) -> None:
            records.update_fields(s, EngagementSession, session_id, new)
            records.set_session_strategies(s, session_id, strategy_ids)

        return tr("undo.edit_session", title=values.get("title", "")), back, again

    submit(ctx, work, changes=CHANGES, initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)


def delete_session(
    ctx: AppContext, *, session_id: uuid.UUID, title: str,
    initiator: object = None, on_done: Done = None, on_error: Failed = None,
) -> None:
    """Soft delete: the session and its feedback leave the lists; undo brings them back."""

    def undo(_: None) -> tuple[str, Any, Any]:
        return (
            tr("undo.delete_session", title=title),
            lambda s: records.restore(s, EngagementSession, session_id),
            lambda s: records.soft_delete(s, EngagementSession, session_id),
        )

    submit(ctx, lambda s: records.soft_delete(s, EngagementSession, session_id), changes=CHANGES,
           initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)


def close_loop(
    ctx: AppContext, *, session_id: uuid.UUID, returned_on: date | None,
    initiator: object = None, on_done: Done = None, on_error: Failed = None,
) -> None:
    """Record (or with None, clear) the date residents were told what happened."""
    values = {"feedback_returned_on": returned_on}

    def undo(old: dict[str, Any]) -> tuple[str, Any, Any]:
        return (
            tr("undo.close_loop"),
            lambda s: records.update_fields(s, EngagementSession, session_id, old),
            lambda s: records.update_fields(s, EngagementSession, session_id, values),
        )

    submit(ctx, lambda s: records.update_fields(s, EngagementSession, session_id, values), changes=CHANGES,
           initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)
