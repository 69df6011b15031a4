"""Quick capture: type what residents said, one item after another, at the venue.

Enter saves the item to the database straight away (its own committed transaction) and
clears the box for the next, so closing the lid or a crash loses nothing already entered.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import tr
from coprod.persistence.repositories import feedback as repo
from coprod.persistence.repositories.sessions import feedback_count
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.operations import feedback as ops
from coprod.ui.operations.run import read

RECENT_SHOWN = 8
VERBATIM_KEY = "Alt+V"


class ThemeCompleter(QCompleter):
    """Completes the theme being typed after the last comma, keeping the ones before it."""

    def __init__(self, names: QStringListModel, box: QLineEdit) -> None:
        super().__init__(names, box)
        self.box = box
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: object) -> str:
        done = [t.strip() for t in self.box.text().split(",")[:-1] if t.strip()]
        return ", ".join([*done, str(super().pathFromIndex(index))])  # type: ignore[arg-type]


def split_themes(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class QuickCapturePane(QWidget):
    sig_saved = Signal(object)
    """Emitted with the new feedback id once an item is safely in the database."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id: uuid.UUID | None = None
        self.count = 0
        self.heading = QLabel(tr("capture.pick_session"), self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.text_box = QLineEdit(self)
        self.text_box.setAccessibleName(tr("capture.said_name"))
        self.text_box.setPlaceholderText(tr("capture.said_hint"))
        self.themes_box = QLineEdit(self)
        self.themes_box.setAccessibleName(tr("capture.themes_name"))
        self.themes_box.setPlaceholderText(tr("capture.themes_hint"))
        self.theme_names = QStringListModel(self)
        self.themes_box.setCompleter(ThemeCompleter(self.theme_names, self.themes_box))
        self.verbatim = QCheckBox(tr("capture.verbatim"), self)
        self.verbatim.setAccessibleName(tr("capture.verbatim_name"))
        # A shortcut that works while typing in any box of the pane, without leaving it.
        toggle = QShortcut(
            QKeySequence(VERBATIM_KEY), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        toggle.activated.connect(self._toggle_verbatim)
        self.participant_box = QLineEdit(self)
        self.participant_box.setAccessibleName(tr("capture.participant_name"))
        self.participant_box.setMaxLength(20)
        self.save_button = QPushButton(tr("capture.save"), self)
        self.save_button.setAccessibleName(tr("capture.save_name"))
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(tr("capture.count_name"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("capture.message_name"))
        self.recent = QListWidget(self)
        self.recent.setAccessibleName(tr("capture.recent_name"))
        self.recent.setWordWrap(True)
        self.recent.setAlternatingRowColors(True)
        self.recent.setSpacing(2)

        form = QFormLayout()
        for text, box in (
            (tr("capture.said_label"), self.text_box),
            (tr("capture.themes_label"), self.themes_box),
            (tr("capture.participant_label"), self.participant_box),
        ):
            lab = QLabel(text, self)
            lab.setBuddy(box)
            form.addRow(lab, box)
        form.addRow("", self.verbatim)
        recent_label = QLabel(tr("capture.recent_label"), self)
        recent_label.setBuddy(self.recent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addWidget(self.count_label)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)
        self.setTabOrder(self.text_box, self.themes_box)
        self.setTabOrder(self.themes_box, self.participant_box)
        self.setTabOrder(self.participant_box, self.verbatim)
        self.setTabOrder(self.verbatim, self.save_button)

        for box in (self.text_box, self.themes_box, self.participant_box):
            box.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.text_box.textChanged.connect(lambda _t: self._show_count())
        self.set_session(None, "")

    def _toggle_verbatim(self) -> None:
        if self.verbatim.isEnabled():
            self.verbatim.toggle()

    def set_session(self, session_id: uuid.UUID | None, title: str) -> None:
        if session_id == self.session_id and session_id is not None:
            return
        self.session_id = session_id
        enabled = session_id is not None
        for widget in (self.text_box, self.themes_box, self.participant_box, self.verbatim, self.save_button):
            widget.setEnabled(enabled)
        self.heading.setText(tr("capture.heading", title=title) if enabled else tr("capture.pick_session"))
        self.recent.clear()
        self.message.clear()
        self.count = 0
        self._show_count()
        if session_id is None:
            return

        def load(s: object) -> tuple[int, list[str], list[repo.FeedbackRow]]:
            ids = repo.feedback_ids(session=s, filters=repo.FeedbackFilter(session_id=session_id))  # type: ignore[arg-type]
            rows = repo.feedback_rows(session=s, ids=ids[:RECENT_SHOWN])  # type: ignore[arg-type]
            names = [t.name for t in repo.themes(session=s)]  # type: ignore[arg-type]
            return feedback_count(session=s, session_id=session_id), names, rows  # type: ignore[arg-type]

        read(self.ctx, load, on_done=if_alive(self, lambda r: self._loaded(session_id, *r)))

    def _loaded(
        self, session_id: uuid.UUID, count: int, names: list[str], rows: Sequence[repo.FeedbackRow]
    ) -> None:
        if session_id != self.session_id:
            return
        self.count = count
        self.theme_names.setStringList(names)
        for row in rows:
            self.recent.addItem(row.text)
        self._show_count()

    def _show_count(self) -> None:
        typing = bool(self.text_box.text().strip())
        self.count_label.setText(
            tr("capture.count", count=self.count) + (tr("capture.typing") if typing else "")
        )

    def save(self) -> None:
        completer = self.themes_box.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            return  # this Enter picks a theme from the list (the line edit sees it first)
        text = self.text_box.text().strip()
        if self.session_id is None:
            return
        if not text:
            self.message.setText(tr("rule.text_required"))
            self.text_box.setFocus()
            return
        themes = split_themes(self.themes_box.text())
        verbatim = self.verbatim.isChecked()
        code = self.participant_box.text().strip() or None
        session_id = self.session_id
        # Clear at once so the next item can be typed while this one is written.
        for box in (self.text_box, self.themes_box, self.participant_box):
            box.clear()
        self.verbatim.setChecked(False)
        self.message.clear()
        self.text_box.setFocus()

        def done(fid: uuid.UUID) -> None:
            known = self.theme_names.stringList()
            new = [t for t in themes if t.lower() not in {k.lower() for k in known}]
            if new:
                self.theme_names.setStringList(sorted([*known, *new], key=str.lower))
            if session_id == self.session_id:
                self.count += 1
                self.recent.insertItem(0, text)
                self._show_count()
            self.sig_saved.emit(fid)

        def failed(exc: BaseException) -> None:
            if not self.text_box.text():
                self.text_box.setText(text)  # give the words back so nothing typed is lost
            self.message.setText(
                str(exc) if isinstance(exc, CoprodError) else tr("gui.unexpected", reason=exc)
            )

        ops.add_feedback(
            self.ctx,
            session_id=session_id,
            text=text,
            themes=themes,
            verbatim=verbatim,
            participant_code=code,
            initiator=self,
            on_done=if_alive(self, done),
            on_error=if_alive(self, failed),
        )
