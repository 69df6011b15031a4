"""Create the QApplication, open the database and show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from coprod import __version__
from coprod.domain.errors import DatabaseProblem
from coprod.persistence.database import open_database


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("coprod")
    app.setOrganizationName("coprod")
    app.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


def run(db_target: str | Path | None) -> int:
    app = make_app()
    try:
        db = open_database(db_target)
    except DatabaseProblem as exc:
        QMessageBox.critical(None, "coprod", str(exc))
        return 2
    from coprod.ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
