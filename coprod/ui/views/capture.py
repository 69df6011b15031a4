"""Quick capture: type what residents said, one item after another, at the venue.

Enter keeps the item in the pending queue on disk and writes it to the database straight
away (its own committed transaction), then clears the box for the next; closing the lid, a
crash or a database locked by another program loses nothing already entered.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
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
from coprod.i18n import describe, tr
from coprod.services.engagement import pending
from coprod.services.engagement.feedback_view import SessionFeedback, session_feedback
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.numbers import number
from coprod.ui.operations.run import read
from coprod.ui.pending import waiting_text

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

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return self.with_theme(str(super().pathFromIndex(index)))

    def with_theme(self, name: str) -> str:
        """The box's text with the theme being typed replaced by `name`."""
        done = [t.strip() for t in self.box.text().split(",")[:-1] if t.strip()]
        return ", ".join([*done, name])


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
        self.waiting_label = QLabel(self)
        self.waiting_label.setAccessibleName(tr("pending.name"))
        self.waiting_label.setWordWrap(True)
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
        layout.addWidget(self.waiting_label)
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
        popup = self.themes_box.completer().popup()
        assert popup is not None  # a completer makes its popup when first asked for it
        popup.installEventFilter(self)
        ctx.pending.sig_applied.connect(self._applied)
        ctx.pending.sig_waiting.connect(self._waiting)
        ctx.pending.sig_count_changed.connect(self._show_waiting)
        self._show_waiting(ctx.pending.shown_count())
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

        read(
            self.ctx,
            lambda s: session_feedback(s, session_id=session_id, recent=RECENT_SHOWN),
            on_done=if_alive(self, lambda loaded: self._loaded(session_id, loaded)),
        )

    def _loaded(self, session_id: uuid.UUID, loaded: SessionFeedback) -> None:
        if session_id != self.session_id:
            return
        self.count = loaded.count
        self.theme_names.setStringList(loaded.theme_names)
        for row in loaded.recent:
            self.recent.addItem(row.text)
        self._show_count()

    def _show_count(self) -> None:
        typing = bool(self.text_box.text().strip())
        self.count_label.setText(
            tr("capture.count", count=number(self.count)) + (tr("capture.typing") if typing else "")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a suggested theme takes the theme and saves the item, in one key press.

        The suggestion list sees the key before the box does; left to itself it would only
        close the list, and the next item typed would be appended to the themes.
        """
        completer = self.themes_box.completer()
        popup = completer.popup()
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and popup.isVisible()
        ):
            current = popup.currentIndex()
            if current.isValid() and isinstance(completer, ThemeCompleter):
                self.themes_box.setText(completer.with_theme(str(current.data())))
            popup.hide()
            if self.text_box.text().strip():
                self.save()
            return True
        return super().eventFilter(watched, event)

    def save(self) -> None:
        text = self.text_box.text().strip()
        if self.session_id is None:
            return
        if not text:
            self.message.setText(tr("rule.text_required"))
            self.text_box.setFocus()
            return
        entry = pending.feedback_entry(
            session_id=self.session_id,
            text=text,
            themes=split_themes(self.themes_box.text()),
            verbatim=self.verbatim.isChecked(),
            participant_code=self.participant_box.text().strip() or None,
        )
        self.message.clear()
        self.ctx.pending.add(entry)  # on disk first; written now, or as soon as it can be
        # Clear at once so the next item can be typed while this one is written.
        for box in (self.text_box, self.themes_box, self.participant_box):
            box.clear()
        self.verbatim.setChecked(False)
        self.text_box.setFocus()

    def _applied(self, entry: pending.Entry, fid: uuid.UUID) -> None:
        if entry.kind != pending.FEEDBACK:
            return
        themes = entry.data["themes"]
        known = self.theme_names.stringList()
        new = [t for t in themes if t.lower() not in {k.lower() for k in known}]
        if new:
            self.theme_names.setStringList(sorted([*known, *new], key=str.lower))
        if entry.data["session_id"] == str(self.session_id):
            self.count += 1
            self.recent.insertItem(0, entry.data["text"])
            self._show_count()
        if not self.ctx.pending.count():
            self.message.clear()
        self.sig_saved.emit(fid)

    def _waiting(self, exc: BaseException) -> None:
        if isinstance(exc, CoprodError) and exc.code in ("db.locked", "pending.read_only"):
            self.message.setText(tr("pending.locked") if exc.code == "db.locked" else describe(exc))
            return
        reason = describe(exc) if isinstance(exc, CoprodError) else tr("ui.unexpected", reason=exc)
        self.message.setText(tr("pending.kept", reason=reason))

    def _show_waiting(self, count: int) -> None:
        self.waiting_label.setText(waiting_text(count))
        self.waiting_label.setVisible(count > 0)
