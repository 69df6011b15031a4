"""File -> Export and File -> Merge for the menus: the same services as `coprod export/merge`.

Each runs on the database thread with a progress dialog (shown only if it takes a while)
and reports one plain sentence through `report` (a message box unless the caller passes
its own, e.g. the status bar).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, ntr, tr
from coprod.services.data.export import export_tracker
from coprod.services.data.interchange import (
    SUFFIX,
    MassDelete,
    MergeReport,
    export_interchange,
    is_interchange,
    merge_interchange,
)
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.numbers import number

Report = Callable[[str], None]


def _box(parent: QWidget | None) -> Report:
    def report(text: str) -> None:
        QMessageBox.information(parent, "coprod", text)

    return report


def _failed(report: Report) -> Callable[[BaseException], None]:
    return lambda exc: report(
        describe(exc) if isinstance(exc, CoprodError) else tr("cli.unexpected", reason=exc)
    )


def export_to(
    ctx: AppContext, path: Path, *, parent: QWidget | None = None, report: Report | None = None
) -> None:
    """Export to `path`: a tracker (.xlsx, .csv) or the full interchange (.coprod.json)."""
    report = report or _box(parent)
    workspace = ctx.workspace

    def work(state: object) -> str:
        if is_interchange(path):
            return ntr("ui.data.exported_all", export_interchange(workspace, path), path=str(path))
        result = export_tracker(workspace, path)
        return ntr("ui.data.exported", result.rows, path=str(result.path))

    ctx.runner.run_with_progress(
        work, parent=parent, title=tr("ui.data.exporting"), on_done=report, on_error=_failed(report)
    )


def merge_from(
    ctx: AppContext,
    path: Path,
    *,
    parent: QWidget | None = None,
    report: Report | None = None,
    on_merged: Callable[[MergeReport], None] | None = None,
    allow_mass_delete: bool = False,
) -> None:
    """Merge another copy's interchange file; conflicts are counted here and listed in the audit log.

    A file that would delete many records is merged only after the user says so.
    """
    report = report or _box(parent)
    workspace = ctx.workspace

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, MassDelete):
            _failed(report)(exc)
            return
        question = tr("ui.data.mass_delete", **exc.params)
        asked = QMessageBox.question(parent, tr("ui.data.merge_title"), question)
        if asked == QMessageBox.StandardButton.Yes:
            merge_from(ctx, path, parent=parent, report=report, on_merged=on_merged, allow_mass_delete=True)

    def done(result: MergeReport) -> None:
        ctx.bus.sig_changed.emit(Changes.all(), None)  # a merge may write any table, in bulk
        merged = tr(
            "ui.data.merged",
            added=ntr("count.records", result.total_inserted),
            updated=number(result.total_updated),
        )
        if result.conflicts:
            merged += " " + ntr("ui.data.merged_conflicts", len(result.conflicts))
        report(merged)
        if on_merged:
            on_merged(result)

    ctx.runner.run_with_progress(
        lambda state: merge_interchange(workspace, path, state=state, allow_mass_delete=allow_mass_delete),
        parent=parent,
        title=tr("ui.data.merging"),
        on_done=done,
        on_error=failed,
    )


def choose_and_export(ctx: AppContext, parent: QWidget | None = None) -> None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, tr("ui.data.export_title"), "tracker.xlsx", tr("ui.data.export_filter")
    )
    if chosen:
        export_to(ctx, Path(chosen), parent=parent)


def choose_and_merge(ctx: AppContext, parent: QWidget | None = None) -> None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, tr("ui.data.merge_title"), "", tr("ui.data.merge_filter", suffix=SUFFIX)
    )
    if chosen:
        merge_from(ctx, Path(chosen), parent=parent)
