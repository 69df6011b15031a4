"""Owner actions: create, edit, deactivate (handing on open work) and reactivate."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from coprod.domain.models import Owner
from coprod.i18n import tr
from coprod.services.common import records
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations.owners import Deactivation, deactivate_owner, undo_deactivation
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit

CHANGES = Changes.of("owner", "recommendation", "owner_change")


def create_owner(
    ctx: AppContext, *, values: dict[str, Any], initiator: object = None,
    on_done: Done = None, on_error: Failed = None,
) -> None:
    fields = {k: v for k, v in values.items() if k != "active"}

    def undo(oid: uuid.UUID) -> tuple[str, Any, Any]:
        return (
            tr("undo.create_owner", name=values.get("name", "")),
            lambda s: records.soft_delete(s, Owner, oid),
            lambda s: records.restore(s, Owner, oid),
        )

    submit(ctx, lambda s: engagement.create_owner(session=s, **fields), changes=CHANGES,
           initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)


def edit_owner(
    ctx: AppContext, *, owner_id: uuid.UUID, values: dict[str, Any], initiator: object = None,
    on_done: Done = None, on_error: Failed = None,
) -> None:
    """Edit fields other than `active` (use deactivate_owner, which hands on open work)."""
    values = {k: v for k, v in values.items() if k != "active"}

    def undo(old: dict[str, Any]) -> tuple[str, Any, Any]:
        new = {k: values[k] for k in old}
        return (
            tr("undo.edit_owner", name=values.get("name", "")),
            lambda s: records.update_fields(s, Owner, owner_id, old),
            lambda s: records.update_fields(s, Owner, owner_id, new),
        )

    submit(ctx, lambda s: records.update_fields(s, Owner, owner_id, values), changes=CHANGES,
           initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)


def deactivate(
    ctx: AppContext, *, owner_id: uuid.UUID, name: str, reassign_to: uuid.UUID | None,
    initiator: object = None, on_done: Done = None, on_error: Failed = None,
) -> None:
    """Make an owner inactive; their open recommendations go to `reassign_to` (or nobody)."""

    def work(session: Session) -> Deactivation:
        return deactivate_owner(session=session, owner_id=owner_id, reassign_to=reassign_to, on=ctx.as_of)

    def undo(done: Deactivation) -> tuple[str, Any, Any]:
        def again(s: Session) -> None:
            deactivate_owner(session=s, owner_id=owner_id, reassign_to=reassign_to, on=ctx.as_of)

        return (
            tr("undo.deactivate_owner", name=name),
            lambda s: undo_deactivation(session=s, done=done),
            again,
        )

    submit(ctx, work, changes=CHANGES, initiator=initiator, on_done=on_done, on_error=on_error, undo=undo)


def reactivate(
    ctx: AppContext,
    *,
    owner_id: uuid.UUID,
    name: str,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    def undo(old: dict[str, Any]) -> tuple[str, Any, Any]:
        return (
            tr("undo.reactivate_owner", name=name),
            lambda s: records.update_fields(s, Owner, owner_id, {"active": False}),
            lambda s: records.update_fields(s, Owner, owner_id, {"active": True}),
        )

    submit(
        ctx,
        lambda s: records.update_fields(s, Owner, owner_id, {"active": True}),
        changes=CHANGES,
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
        undo=undo,
    )
