"""A focus ring that can be seen: 3 px around whichever control has the keyboard.

The styles' own focus marks are a 1 px dotted line or a faint frame, hard to find on a
laptop screen in a meeting room. One overlay per window draws a solid ring just outside the
focused control, in the highlight colour when it stands out from the window background by
at least 3:1 (WCAG 2.2 non-text contrast), otherwise in the text colour. It follows the
control as it moves, and lets every click through.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

RING = 3  # pixels
GAP = 1  # between the control and the ring
MIN_CONTRAST = 3.0


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = channel(colour.redF()), channel(colour.greenF()), channel(colour.blueF())
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 (none) to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ring_colour(palette: QPalette) -> QColor:
    background = palette.color(QPalette.ColorRole.Window)
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.WindowText):
        colour = palette.color(role)
        if contrast(colour, background) >= MIN_CONTRAST:
            return colour
    return QColor(Qt.GlobalColor.black) if _luminance(background) > 0.5 else QColor(Qt.GlobalColor.white)


class _Overlay(QWidget):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("")
        self.target: QWidget | None = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        colour = ring_colour(self.palette())
        width, height = self.width(), self.height()
        for band in (
            QRect(0, 0, width, RING),
            QRect(0, height - RING, width, RING),
            QRect(0, 0, RING, height),
            QRect(width - RING, 0, RING, height),
        ):
            painter.fillRect(band, colour)


class FocusRing(QObject):
    """Install once per application with `FocusRing.install()`."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._target: QWidget | None = None
        self._shown: _Overlay | None = None
        app.focusChanged.connect(self._focus_changed)

    @classmethod
    def install(cls) -> FocusRing | None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return None
        existing = app.findChild(FocusRing)
        return existing if existing is not None else cls(app)

    @staticmethod
    def overlay_for(window: QWidget) -> _Overlay | None:
        """The ring drawn in `window` (None before anything in it had the focus)."""
        return window.findChild(_Overlay, options=Qt.FindChildOption.FindDirectChildrenOnly)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._target is not None:
            with contextlib.suppress(RuntimeError):  # already deleted
                self._target.removeEventFilter(self)
        self._hide()
        self._target = new
        if new is None:
            return
        new.installEventFilter(self)
        self._place()

    def _place(self) -> None:
        target = self._target
        if target is None or not target.isVisible():
            return
        window = target.window()
        overlay = self.overlay_for(window) or _Overlay(window)
        shown = target
        scroller = target.parentWidget()
        if isinstance(scroller, QAbstractScrollArea) and target is scroller.viewport():
            shown = scroller
        self._shown = overlay
        top_left = shown.mapTo(window, shown.rect().topLeft())
        margin = RING + GAP
        # At the window's edge the ring is drawn just inside it rather than lost outside.
        ring = QRect(top_left, shown.size()).adjusted(-margin, -margin, margin, margin)
        overlay.setGeometry(ring.intersected(window.rect()))
        overlay.target = target
        overlay.show()
        overlay.raise_()
        overlay.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        moved = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show)
        if watched is self._target and event.type() in moved:
            self._place()
        elif watched is self._target and event.type() == QEvent.Type.Hide:
            self._hide()
        return False

    def _hide(self) -> None:
        if self._shown is not None:
            with contextlib.suppress(RuntimeError):  # its window has gone
                self._shown.hide()
            self._shown = None
