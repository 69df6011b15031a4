"""Create the QApplication, open the database and show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from coprod import __version__
from coprod.domain.errors import DatabaseProblem


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("coprod")
    app.setOrganizationName("coprod")
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def run(db_target: str | Path | None) -> int:
    app = make_app()
    from coprod.services.backup import daily_backup
    from coprod.ui.dialogs.open_problem import open_with_way_forward

    db = open_with_way_forward(db_target)
    if db is None:
        return 2
    try:
        daily_backup(db)
    except DatabaseProblem as exc:
        # Work can go on without today's copy; say so once rather than refuse to start.
        QMessageBox.warning(None, "coprod", str(exc))
    from coprod.ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
