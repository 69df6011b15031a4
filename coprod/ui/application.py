"""Create the QApplication, open the database and show the main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coprod import __version__
from coprod.domain.errors import DatabaseProblem
from coprod.i18n import describe, set_language, tr
from coprod.ui import settings, smoke
from coprod.ui.collector import collect_on_gui_thread

if TYPE_CHECKING:
    from coprod.ui.context import AppContext


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("coprod")
    app.setOrganizationName("coprod")
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def freeze_startup_objects() -> None:
    """Exclude everything made at start-up (modules, Qt wrappers, table metadata) from
    garbage collection, then collect on the GUI thread from now on (coprod/ui/collector.py):
    `coprod.app.main` starts every process with the collector off. A full collection otherwise
    walks all of it while holding the GIL, which froze the window for 60-150 ms whenever the
    worker built a long list of ids.

    Nothing is collected first: start-up leaves under a thousand unreachable objects (classes
    that libraries make and drop while they load, about 150 kB), and finding them meant
    walking the 120,000 objects start-up keeps, a seventh to a fifth of a second of the
    window's start. They stay, frozen with the rest, for the session."""
    gc.freeze()
    collect_on_gui_thread(make_app())


def offer_merge(window: QWidget, ctx: AppContext, path: Path) -> None:
    """Ask whether to merge the interchange file coprod was opened with, and merge it if so."""
    from coprod.ui.operations.data_files import merge_from

    question = tr("ui.data.merge_opened", path=str(path), db=ctx.workspace.label)
    if QMessageBox.question(window, tr("ui.data.merge_title"), question) == QMessageBox.StandardButton.Yes:
        merge_from(ctx, path, parent=window)


def run(db_target: str | Path | None, *, read_only: bool = False, merge: Path | None = None) -> int:
    app = make_app()
    set_language(settings.LANGUAGE.get() or None)  # before any window is built
    from coprod.services.data.backup import daily_backup
    from coprod.ui.dialogs.open_problem import open_with_way_forward

    workspace = open_with_way_forward(db_target, read_only=read_only)
    if workspace is None:
        return 2
    try:
        daily_backup(workspace)
    except DatabaseProblem as exc:
        # Work can go on without today's copy; say so once rather than refuse to start.
        QMessageBox.warning(None, "coprod", describe(exc))
    from coprod.ui.context import AppContext
    from coprod.ui.main_window import MainWindow

    ctx = AppContext.create(workspace)
    window = MainWindow(ctx)
    window.show()
    if smoke.requested():  # a build's start-up check: close once the window shows rows
        smoke.arm(window)
    if merge is not None:
        QTimer.singleShot(0, lambda: offer_merge(window, ctx, merge))
    freeze_startup_objects()
    try:
        return app.exec()
    finally:
        ctx.pool.wait()
        ctx.runner.wait()
        ctx.workspace.close()
