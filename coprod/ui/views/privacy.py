"""Personal data, for the lead: participants and consent, erasure, subject access, retention.

Opened from Tools, in its own window, so the page the officer was on stays in view.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from coprod.i18n import tr
from coprod.ui.context import AppContext
from coprod.ui.views.participants import ParticipantsPage


class PersonalDataWindow(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("privacy.window_title"))
        self.setAccessibleName(tr("privacy.window_title"))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("privacy.window_title"))
        self.participants = ParticipantsPage(ctx, self.tabs)
        self.tabs.addTab(self.participants, tr("page.participants"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(tr("gui.close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)


def show_personal_data(window: QWidget, ctx: AppContext) -> PersonalDataWindow:
    """Open the personal data window over `window` (kept on it so it is not collected)."""
    dialog = PersonalDataWindow(ctx, window)
    dialog.resize(window.width() * 4 // 5, window.height() * 4 // 5)
    dialog.open()
    window.personal_data_window = dialog  # type: ignore[attr-defined]
    return dialog
