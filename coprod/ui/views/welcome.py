"""The first steps, shown instead of an empty page when a database has nothing in it yet.

Also reached from Help > Getting started. Each step is a button that takes the user there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coprod.i18n import N_, tr

# (step, its button, what it is for); the button texts carry their Alt+letter.
STEPS = ("strategies", "owners", "import", "session")
# Each first step's button, and the sentence under it.
_STEP_TEXT = {
    "strategies": (N_("welcome.strategies"), N_("welcome.strategies_more")),
    "owners": (N_("welcome.owners"), N_("welcome.owners_more")),
    "import": (N_("welcome.import"), N_("welcome.import_more")),
    "session": (N_("welcome.session"), N_("welcome.session_more")),
}


class WelcomePage(QWidget):
    sig_step_chosen = Signal(str)
    """Emitted with the step chosen: "strategies", "owners", "import" or "session"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("welcome.page"))
        layout = QVBoxLayout(self)
        heading = QLabel(tr("welcome.heading"), self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(tr("welcome.intro"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for row, step in enumerate(STEPS):
            text = tr(_STEP_TEXT[step][0])
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            more = QLabel(tr(_STEP_TEXT[step][1]), self)
            more.setWordWrap(True)
            button.setAccessibleDescription(more.text())
            button.clicked.connect(lambda _checked=False, s=step: self.sig_step_chosen.emit(s))
            grid.addWidget(button, row, 0)
            grid.addWidget(more, row, 1)
            self.buttons[step] = button
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        later = QLabel(tr("welcome.later"), self)
        later.setWordWrap(True)
        layout.addWidget(later)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def focus_first_step(self) -> None:
        self.buttons[STEPS[0]].setFocus(Qt.FocusReason.OtherFocusReason)
