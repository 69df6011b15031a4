"""The main window: navigation down the side, one page per part of the loop."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from coprod.persistence.database import Database

PAGES = ("Dashboard", "Sessions", "Feedback", "Recommendations", "Strategies", "Owners", "Review", "Reports")


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"coprod - {db.label}")
        self.resize(1200, 800)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        self.nav = QListWidget(central)
        self.nav.setAccessibleName("Pages")
        self.nav.addItems(list(PAGES))
        self.nav.setMaximumWidth(200)
        self.pages = QStackedWidget(central)
        self.pages.setAccessibleName("Current page")
        for name in PAGES:
            placeholder = QLabel(f"{name}: coming soon.", self.pages)
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            placeholder.setAccessibleName(name)
            self.pages.addWidget(placeholder)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Database: {db.label}    As of: {date.today():%d %B %Y}")
