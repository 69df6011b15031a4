"""The search box and filters above the recommendations table."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coprod.domain.enums import Rag, Status
from coprod.i18n import N_, label, tr
from coprod.services.common.choices import Choice
from coprod.ui.combo import combo_index, select_data
from coprod.ui.flow import FlowLayout, labelled
from coprod.ui.models.recommendation_rows import RowFilter

OPEN = "open"  # the status filter's "any open status" choice


class FilterBar(QWidget):
    sig_filter_changed = Signal()
    """Emitted when a combo box or check box changes (the search box is debounced by the page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("recs.filters"))
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        layout = FlowLayout()  # wraps onto more lines in a narrow window
        rows.addLayout(layout)
        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(tr("recs.search_hint"))
        self.search_box.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self._labelled(layout, N_("recs.search"), self.search_box, stretch=2)
        self.strategy = self._combo(layout, N_("recs.filter.strategy"))
        self.owner = self._combo(layout, N_("recs.filter.owner"))
        self.status = self._combo(layout, N_("recs.filter.status"))
        self.status.addItem(tr("recs.filter.any_open"), OPEN)
        for status in Status:
            self.status.addItem(label(status), status.value)
        self.rag = self._combo(layout, N_("recs.filter.rag"))
        for rag in Rag:
            self.rag.addItem(label(rag), rag.value)
        self.overdue = QCheckBox(tr("recs.filter.overdue"), self)
        self.overdue.setAccessibleName(tr("recs.filter.overdue").replace("&", ""))
        self.stalled = QCheckBox(tr("recs.filter.stalled"), self)
        self.stalled.setAccessibleName(tr("recs.filter.stalled").replace("&", ""))
        # What a dashboard figure narrowed the list to beyond the widgets, in words.
        self._figure = RowFilter()
        # On a line of its own under the filters, so the bar gets no wider.
        self.figure_note = QLabel(self)
        self.figure_note.setWordWrap(True)
        self.figure_note.setAccessibleName(tr("recs.filter.figure_name"))
        self.figure_note.setVisible(False)
        rows.addWidget(self.figure_note)
        self.clear = QPushButton(tr("recs.filter.clear"), self)
        self.clear.setAccessibleName(tr("recs.filter.clear").replace("&", ""))
        for widget in (self.overdue, self.stalled, self.clear):
            layout.addWidget(widget)
        self.overdue.toggled.connect(self.sig_filter_changed)
        self.stalled.toggled.connect(self.sig_filter_changed)
        self.clear.clicked.connect(self.clear_all)

    def _labelled(self, layout: FlowLayout, key: str, widget: QWidget, stretch: int = 0) -> None:
        text = tr(key)
        caption = QLabel(text, self)
        caption.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        layout.addWidget(labelled(self, caption, widget, grow=stretch > 0))

    def _combo(self, layout: FlowLayout, key: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(tr("recs.filter.any"), None)
        # Long owner and strategy names must not squeeze the search box off the bar.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        self._labelled(layout, key, combo)
        combo.currentIndexChanged.connect(self.sig_filter_changed)
        return combo

    def set_choices(self, strategies: Sequence[Choice], owners: Sequence[Choice]) -> None:
        """Refill the strategy and owner lists, keeping what was chosen if it still exists."""
        for combo, choices in ((self.strategy, strategies), (self.owner, owners)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("recs.filter.any"), None)
            for choice in choices:
                name = choice.name if choice.active else tr("recs.inactive", name=choice.name)
                combo.addItem(name, choice.id)
            select_data(combo, chosen)
            combo.blockSignals(False)

    def row_filter(self) -> RowFilter:
        status, rag = self.status.currentData(), self.rag.currentData()
        return dataclasses.replace(
            self._figure,
            strategy_id=self.strategy.currentData(),
            owner_id=self.owner.currentData(),
            status=Status(status) if status and status != OPEN else None,
            rag=Rag(rag) if rag else None,
            overdue=self.overdue.isChecked(),
            stalled=self.stalled.isChecked(),
            open_only=status == OPEN,
            text=self.search_box.text().strip(),
        )

    def set_filter(self, wanted: RowFilter) -> None:
        """Show `wanted` in the widgets without emitting a change per widget."""
        widgets = (
            self.search_box,
            self.strategy,
            self.owner,
            self.status,
            self.rag,
            self.overdue,
            self.stalled,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search_box.setText(wanted.text)
        self._choose(self.strategy, wanted.strategy_id)
        self._choose(self.owner, wanted.owner_id)
        self._choose(
            self.status, wanted.status.value if wanted.status else OPEN if wanted.open_only else None
        )
        self._choose(self.rag, wanted.rag.value if wanted.rag else None)
        self.overdue.setChecked(wanted.overdue)
        self.stalled.setChecked(wanted.stalled)
        self._figure = wanted.figure_only()
        self.figure_note.setText(tr("recs.filter.figure", note=wanted.note) if wanted.note else "")
        self.figure_note.setVisible(bool(wanted.note))
        for widget in widgets:
            widget.blockSignals(False)

    @staticmethod
    def _choose(combo: QComboBox, value: uuid.UUID | str | None) -> None:
        if value is None:
            combo.setCurrentIndex(0)
            return
        index = combo_index(combo, value)
        if index < 0:  # the choices have not arrived yet: remember it until they do
            combo.addItem(tr("recs.filter.loading"), value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def clear_all(self) -> None:
        self.set_filter(RowFilter())
        self.sig_filter_changed.emit()
