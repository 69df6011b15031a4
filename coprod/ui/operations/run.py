"""The one way an operation reaches the database: a service command on the worker thread.

Every write runs in one transaction and comes back with its change record (what the flush
hook saw it write). The record names the tables to announce, so pages refresh from what
was written, and the undo stack takes the record back with `ChangeCommand`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from sqlmodel import Session

from coprod.services.common.changes import ChangeRecord
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.undo import ChangeCommand, Report

T = TypeVar("T")
Done = Callable[[Any], None] | None
Failed = Callable[[BaseException], None] | None
UndoText = str | Callable[[Any], str] | None


def _guarded(callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    """A callback bound to a widget does nothing once that widget is gone (a dialog closed)."""
    owner = getattr(callback, "__self__", None)
    if callback is not None and isinstance(owner, QObject):
        return if_alive(owner, callback)
    return callback


def committed(
    ctx: AppContext,
    record: ChangeRecord,
    *,
    undo: str | None = None,
    initiator: object = None,
    report: Report | None = None,
) -> None:
    """After a command committed: make it undoable as `undo` (the text Undo shows), if given
    and if it wrote anything, and announce the tables it wrote."""
    if undo is not None and not record.empty:
        ctx.undo_stack.push(ChangeCommand(ctx, undo, record, report=report))
    ctx.bus.sig_changed.emit(Changes.written(record), initiator)


def submit(
    ctx: AppContext,
    work: Callable[[Session], T],
    *,
    undo: UndoText = None,
    initiator: object = None,
    on_done: Done = None,
    on_error: Failed = None,
    info: dict[str, Any] | None = None,
) -> None:
    """Run `work(session)` as one command (one transaction) on the worker.

    On success: push an undo step named `undo` (a text, or a function of the result giving
    it), announce the tables written, then call `on_done(result)`. On failure nothing was
    saved and `on_error(exc)` is called (or the bus reports it).
    """

    on_done, on_error = _guarded(on_done), _guarded(on_error)

    def done(outcome: tuple[T, ChangeRecord]) -> None:
        result, record = outcome
        text = undo(result) if callable(undo) else undo
        committed(ctx, record, undo=text, initiator=initiator)
        if on_done is not None:
            on_done(result)

    ctx.runner.run(
        lambda: ctx.workspace.command(work, **(info or {})),
        on_done=done,
        on_error=on_error or ctx.bus.sig_failed.emit,
    )


def read(
    ctx: AppContext,
    work: Callable[[Session], T],
    *,
    on_done: Callable[[T], None],
    on_error: Failed = None,
) -> None:
    """Run a read-only query on the worker and hand its plain result to `on_done`."""
    ctx.runner.run(
        lambda: ctx.workspace.read(work),
        on_done=_guarded(on_done),
        on_error=_guarded(on_error) or ctx.bus.sig_failed.emit,
    )
