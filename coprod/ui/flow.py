"""A layout that wraps its items onto the next line when the window is narrow.

Rows of filters and figures laid out side by side set the window's minimum width to their
sum: on a 1280-pixel-wide screen (1920x1080 at 150%) that pushed the window off the screen.
Here the minimum is the widest single item; the rows grow downwards instead. Items whose
horizontal size policy expands share what is left of their line.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, margin: int = 0) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(margin, margin, margin, margin))

    # --- QLayout -------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        items = self._visible()
        width = sum(i.sizeHint().width() for i in items) + self._gap() * max(0, len(items) - 1)
        height = max((i.sizeHint().height() for i in items), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # --- laying out ----------------------------------------------------------------------
    def _gap(self) -> int:
        gap = self.spacing()
        if gap < 0:
            parent = self.parentWidget()
            gap = (
                parent.style().pixelMetric(parent.style().PixelMetric.PM_LayoutHorizontalSpacing)
                if parent is not None
                else 6
            )
        return max(gap, 6)

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            width = min(item.sizeHint().width(), area.width())
            if lines[-1] and used + gap + width > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            if not line:
                continue
            widths = [max(min(i.sizeHint().width(), area.width()), i.minimumSize().width()) for i in line]
            spare = area.width() - sum(widths) - gap * (len(line) - 1)
            growing = [n for n, i in enumerate(line) if i.expandingDirections() & Qt.Orientation.Horizontal]
            if spare > 0 and growing:
                for n in growing:
                    widths[n] += spare // len(growing)
            height = max(i.sizeHint().height() for i in line)
            x = area.x()
            for item, width in zip(line, widths, strict=True):
                if move:
                    item.setGeometry(
                        QRect(
                            QPoint(x, y + (height - item.sizeHint().height()) // 2),
                            QSize(width, item.sizeHint().height()),
                        )
                    )
                x += width + gap
            y += height + gap
        return y - gap - area.y() + m.top() + m.bottom()


def labelled(parent: QWidget, label: QLabel | None, field: QWidget, *, grow: bool = False) -> QWidget:
    """A label and its field kept together on one line of a FlowLayout."""
    pair = QWidget(parent)
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    if label is not None:
        label.setParent(pair)
        row.addWidget(label)
    field.setParent(pair)
    row.addWidget(field, 1)
    if grow:
        pair.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return pair
