"""One date field for every date in the app: type it the way officers write dates.

Accepts 31/3/27, 31/03/2027, 31 Mar 2027, 31 March 2027 and 2027-03-31 (the same readings
as tracker import), shows the date it understood as "31 Mar 2027" when the field is left,
and says in one sentence under the field when the text is not a date. Tab leaves the field
(QDateEdit used Tab to step between day, month and year, so typing spilled into the wrong
part and Tab never left). A calendar is one click away, or Alt+Down / F4 from the keyboard.
"""

from __future__ import annotations

import datetime
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, tr
from coprod.i18n.dates import day
from coprod.services.data.importing.values import CellError, parse_date


def set_buddy(label: QLabel, widget: QWidget) -> None:
    """Make Alt+letter on `label` go to `widget`. A label only moves focus to a buddy that
    takes focus itself, so a composite field without focus hands over to the part that does
    (its focus proxy), which a field given a focus policy of its own would break Tab for."""
    target = widget
    while target.focusPolicy() == Qt.FocusPolicy.NoFocus and (proxy := target.focusProxy()) is not None:
        target = proxy
    label.setBuddy(target)


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateField(QWidget):
    dateChanged = Signal(QDate)  # noqa: N815 - the name QDateEdit users already connect to
    """Emitted with the new date when the date understood changes (an invalid QDate: cleared)."""

    sig_edited = Signal()
    """Emitted when the user types in the field or picks a day from the calendar."""

    def __init__(
        self, parent: QWidget | None = None, value: date | None = None, *, empty_text: str | None = None
    ) -> None:
        """`empty_text` allows an empty field (shown as that text; `value()` is then None)."""
        super().__init__(parent)
        self._empty_allowed = empty_text is not None
        self._value: date | None = None
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(empty_text or tr("ui.date_hint"))
        self.line.setToolTip(tr("ui.date_tip"))
        chars = max(len(tr("ui.date_hint")), len(empty_text or "")) + 2
        self.line.setMinimumWidth(self.line.fontMetrics().averageCharWidth() * chars)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setAccessibleName(tr("ui.calendar"))
        self.calendar_button.setToolTip(tr("ui.calendar_tip"))
        # Not a Tab stop of its own: Alt+Down or F4 in the field opens the calendar.
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.show_calendar)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName(tr("ui.problem"))
        bold = self.problem.font()
        bold.setBold(True)  # noticed without relying on colour; size stays the system's
        self.problem.setFont(bold)
        self.problem.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.line)  # setFocus() reaches the text; labels use set_buddy()
        self.line.editingFinished.connect(self._read_text)
        self.line.textEdited.connect(lambda _text: self.sig_edited.emit())
        self.line.installEventFilter(self)
        self.calendar: QCalendarWidget | None = None
        self.set_value(value)

    # --- reading and writing -------------------------------------------------------------
    def value(self) -> date | None:
        """The date typed; raises CoprodError with the sentence to show if it is not a date."""
        text = self.line.text().strip()
        if not text:
            if self._empty_allowed:
                return None
            raise CoprodError("ui.date_needed", name=self.accessibleName() or tr("ui.date_hint"))
        try:
            return parse_date(text)
        except CellError:
            raise CoprodError("ui.bad_date", value=text) from None

    def understood(self) -> date | None:
        """The last date understood (for filters, which keep working while a typo is fixed)."""
        return self._value

    def set_value(self, value: date | None) -> None:
        if value is None and not self._empty_allowed:
            value = date.today()
        self.line.setText(day(value))
        self._show_problem("")
        self._set_understood(value)

    # QDateEdit's names, so forms read and write dates as before.
    def date(self) -> QDate:
        value = self.value()
        return _to_qdate(value) if value is not None else QDate()

    def setDate(self, value: QDate | datetime.date) -> None:  # noqa: N802
        self.set_value(value.toPython() if isinstance(value, QDate) else value)  # type: ignore[arg-type]

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def _set_understood(self, value: datetime.date | None) -> None:
        if value != self._value:
            self._value = value
            self.dateChanged.emit(_to_qdate(value) if value is not None else QDate())

    def _read_text(self) -> None:
        try:
            value = self.value()
        except CoprodError as exc:
            self._show_problem(describe(exc))
            return
        self._show_problem("")
        shown = day(value)
        if self.line.text() != shown:
            self.line.setText(shown)  # say which date was understood
        self._set_understood(value)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.line.setAccessibleDescription(message)
        if message:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.line, message))

    # --- keyboard and calendar -----------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.show_calendar()
                return True
        return super().eventFilter(watched, event)

    def show_calendar(self) -> None:
        """A month calendar under the field; Enter or a click picks the day, Escape closes."""
        self._read_text()
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAccessibleName(tr("ui.calendar"))
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setSelectedDate(_to_qdate(self._value or date.today()))
        calendar.activated.connect(self._picked)
        calendar.clicked.connect(self._picked)
        calendar.move(self.mapToGlobal(self.line.geometry().bottomLeft()))
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.destroyed.connect(self._calendar_gone)
        self.calendar = calendar
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _calendar_gone(self) -> None:
        self.calendar = None

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.close()
        self.set_value(day.toPython())  # type: ignore[arg-type]
        self.sig_edited.emit()
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)
