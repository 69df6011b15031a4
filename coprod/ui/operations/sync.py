"""Sync and conflicts for the app: the same services as `coprod sync` and `coprod conflicts`.

A sync first checks, on the general pool, that the server answers, so that a laptop away
from the network never holds the database thread for the connection's time limit; then it
runs on the database thread (the laptop's file is written) with progress and cancel. Reading
and settling conflicts talk only to the server, so they run on the pool too.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coprod.domain.errors import CoprodError
from coprod.i18n import tr
from coprod.services.common.tasks import Cancelled, TaskState
from coprod.services.data.opening import open_workspace
from coprod.services.sync import SyncReport, SyncStatus, sync, sync_status
from coprod.services.sync.conflicts import UNREACHABLE, Conflict, Keep, Settled, settle, unsettled
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.tasks import run_steps

Failed = Callable[[BaseException], None]

__all__ = ["is_unreachable", "load_conflicts", "load_status", "settle_conflict", "sync_now"]


def is_unreachable(exc: BaseException) -> bool:
    """Whether `exc` says the server could not be reached (no network), not that it refused."""
    return isinstance(exc, CoprodError) and exc.code in UNREACHABLE


def load_status(ctx: AppContext, *, on_done: Callable[[SyncStatus | None], None]) -> None:
    """When the open database last synced and what waits; None when it is not a laptop copy."""
    workspace = ctx.workspace

    def work() -> SyncStatus | None:
        try:
            return sync_status(workspace)
        except CoprodError as exc:
            if exc.code == "sync.not_a_copy":
                return None
            raise

    ctx.runner.run(work, on_done=on_done, on_error=lambda _exc: on_done(None))


def sync_now(
    ctx: AppContext,
    *,
    server: str,
    parent: QWidget | None,
    quiet: bool,
    on_done: Callable[[SyncReport], None],
    on_error: Failed,
    on_cancelled: Callable[[], None],
) -> TaskState:
    """Sync the open laptop copy with `server` (its own, or its own at a new address): with a
    progress dialog (after ~600 ms) and Cancel, or `quiet`ly (the automatic sync). Pages
    refresh after a pull that brought rows."""
    workspace = ctx.workspace

    def reach(state: TaskState) -> None:
        state.check()
        open_workspace(server, create=False, migrate_schema=False).close()

    def work(state: TaskState, _reached: Any) -> SyncReport:
        return sync(workspace, server, task=state)

    def done(report: SyncReport) -> None:
        if report.received:
            ctx.bus.sig_changed.emit(Changes.all(), None)
        on_done(report)

    if not quiet:
        return run_steps(
            [(ctx.pool, reach), (ctx.runner, work)],
            parent=parent,
            title=tr("sync.ui.syncing"),
            on_done=done,
            on_error=on_error,
            on_cancelled=on_cancelled,
        )
    state = TaskState()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            on_cancelled()
        else:
            on_error(exc)

    ctx.pool.run(
        lambda: reach(state),
        on_done=lambda _none: ctx.runner.run(lambda: work(state, None), on_done=done, on_error=failed),
        on_error=failed,
    )
    return state


def load_conflicts(ctx: AppContext, *, on_done: Callable[[list[Conflict]], None], on_error: Failed) -> None:
    """The server's unsettled conflicts (the laptop's server, for a laptop copy)."""
    workspace = ctx.workspace
    ctx.pool.run(lambda: unsettled(workspace), on_done=on_done, on_error=on_error)


def settle_conflict(
    ctx: AppContext,
    conflict_id: uuid.UUID,
    *,
    keep: Keep,
    on_done: Callable[[Settled], None],
    on_error: Failed,
) -> None:
    """Settle one conflict on the server; what it wrote is announced so pages refresh."""
    workspace = ctx.workspace

    def done(settled: Settled) -> None:
        if settled.changed:
            ctx.bus.sig_changed.emit(Changes.of(settled.table), None)
        on_done(settled)

    ctx.pool.run(lambda: settle(workspace, conflict_id, keep=keep), on_done=done, on_error=on_error)
