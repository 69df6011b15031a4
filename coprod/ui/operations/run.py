"""The one way an operation reaches the database: a transaction on the worker thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from sqlmodel import Session

from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.undo import DbCommand, Work

T = TypeVar("T")
Done = Callable[[Any], None] | None
Failed = Callable[[BaseException], None] | None


def _guarded(callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    """A callback bound to a widget does nothing once that widget is gone (a dialog closed)."""
    owner = getattr(callback, "__self__", None)
    if callback is not None and isinstance(owner, QObject):
        return if_alive(owner, callback)
    return callback


def submit(
    ctx: AppContext,
    work: Callable[[Session], T],
    *,
    changes: Changes,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
    undo: Callable[[T], tuple[str, Work, Work]] | None = None,
) -> None:
    """Run `work(session)` in one transaction on the worker.

    On success: push an undo command made by `undo(result)` -> (text, undo_work, redo_work),
    announce `changes`, then call `on_done(result)`. On failure nothing was saved and
    `on_error(exc)` is called (or the bus reports it).
    """

    on_done, on_error = _guarded(on_done), _guarded(on_error)

    def job() -> T:
        with ctx.db.transaction() as session:
            return work(session)

    def done(result: T) -> None:
        if undo is not None:
            text, undo_work, redo_work = undo(result)
            ctx.undo_stack.push(
                DbCommand(ctx, text, undo_work=undo_work, redo_work=redo_work, changes=changes)
            )
        ctx.bus.sig_changed.emit(changes, initiator)
        if on_done is not None:
            on_done(result)

    ctx.runner.run(job, on_done=done, on_error=on_error or ctx.bus.sig_failed.emit)


def read(
    ctx: AppContext,
    work: Callable[[Session], T],
    *,
    on_done: Callable[[T], None],
    on_error: Failed = None,
) -> None:
    """Run a read-only query on the worker and hand its plain result to `on_done`."""

    def job() -> T:
        with ctx.db.reading() as session:
            return work(session)

    ctx.runner.run(job, on_done=_guarded(on_done), on_error=_guarded(on_error) or ctx.bus.sig_failed.emit)
