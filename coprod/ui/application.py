"""Create the QApplication, open the database and show the main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from coprod import __version__
from coprod.domain.errors import DatabaseProblem
from coprod.i18n import tr
from coprod.persistence.database import Database, open_database


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("coprod")
    app.setOrganizationName("coprod")
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def ask_for_database(problem: DatabaseProblem) -> str | Path | None:
    """The database could not be opened: say why in one sentence and offer a way forward.

    Returns another file to try, or None to quit.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, tr("gui.problem"), str(problem))
    box.setInformativeText(tr("start.way_forward"))
    open_other = box.addButton(tr("start.open_other"), QMessageBox.ButtonRole.AcceptRole)
    new_file = box.addButton(tr("start.new_file"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("start.quit"), QMessageBox.ButtonRole.RejectRole)
    box.setAccessibleName(tr("gui.problem"))
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_other:
        path, _ = QFileDialog.getOpenFileName(
            None, tr("menu.open_db_title"), "", "coprod databases (*.db);;All files (*)"
        )
        return path or None
    if clicked is new_file:
        path, _ = QFileDialog.getSaveFileName(
            None, tr("menu.new_db_title"), "coprod.db", "coprod databases (*.db)"
        )
        return path or None
    return None


def open_with_recovery(db_target: str | Path | None) -> Database | None:
    target = db_target
    while True:
        try:
            return open_database(target)
        except DatabaseProblem as problem:
            target = ask_for_database(problem)
            if target is None:
                return None


def freeze_startup_objects() -> None:
    """Exclude everything made at start-up (modules, Qt wrappers, table metadata) from
    garbage collection. A full collection otherwise walks all of it while holding the GIL,
    which froze the window for 60-150 ms whenever the worker built a long list of ids."""
    gc.collect()
    gc.freeze()


def run(db_target: str | Path | None) -> int:
    app = make_app()
    db = open_with_recovery(db_target)
    if db is None:
        return 2
    from coprod.ui.context import AppContext
    from coprod.ui.main_window import MainWindow

    ctx = AppContext.create(db)
    window = MainWindow(ctx)
    window.show()
    freeze_startup_objects()
    try:
        return app.exec()
    finally:
        ctx.runner.wait()
        ctx.db.close()
