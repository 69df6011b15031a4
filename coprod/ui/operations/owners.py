"""Owner actions: create, edit, deactivate (handing on open work) and reactivate."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from coprod.domain.models import Owner
from coprod.i18n import tr
from coprod.services.common import records
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations.owners import deactivate_owner
from coprod.ui.context import AppContext
from coprod.ui.operations.run import Done, Failed, submit


def create_owner(
    ctx: AppContext,
    *,
    values: dict[str, Any],
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    fields = {k: v for k, v in values.items() if k != "active"}
    submit(
        ctx,
        lambda s: engagement.create_owner(session=s, **fields),
        undo=tr("undo.create_owner", name=values.get("name", "")),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def edit_owner(
    ctx: AppContext,
    *,
    owner_id: uuid.UUID,
    values: dict[str, Any],
    expected_version: int | None = None,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """Edit fields other than `active` (use deactivate_owner, which hands on open work),
    refused if the owner was saved since `expected_version` was read."""
    values = {k: v for k, v in values.items() if k not in ("active", "version")}
    submit(
        ctx,
        lambda s: records.update_fields(s, Owner, owner_id, values, expected_version=expected_version),
        undo=tr("undo.edit_owner", name=values.get("name", "")),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def deactivate(
    ctx: AppContext,
    *,
    owner_id: uuid.UUID,
    name: str,
    reassign_to: uuid.UUID | None,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    """Make an owner inactive; their open recommendations go to `reassign_to` (or nobody)."""

    def work(session: Session) -> Any:
        return deactivate_owner(session=session, owner_id=owner_id, reassign_to=reassign_to, on=ctx.as_of)

    submit(
        ctx,
        work,
        undo=tr("undo.deactivate_owner", name=name),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )


def reactivate(
    ctx: AppContext,
    *,
    owner_id: uuid.UUID,
    name: str,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
) -> None:
    submit(
        ctx,
        lambda s: records.update_fields(s, Owner, owner_id, {"active": True}),
        undo=tr("undo.reactivate_owner", name=name),
        initiator=initiator,
        on_done=on_done,
        on_error=on_error,
    )
