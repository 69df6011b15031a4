"""The import wizard's column page: each column of the file, the field it feeds, its first values.

The officer can change any column or leave it out; the choice is remembered for trackers
with the same headings and can be saved as a profile for `coprod import --mapping`. When the
status column holds RAG colours the page asks once what they mean; a workbook with several
sheets offers the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, tr
from coprod.services.data.importing import (
    BY_FIELD,
    COLUMNS,
    Mapping,
    Table,
    detect_mapping,
    needs_rag_meaning,
    read_table,
)
from coprod.services.data.importing.mapping import (
    apply_choices,
    choices_between,
    remember,
    remembered,
    save_profile,
)

if TYPE_CHECKING:
    from coprod.ui.dialogs.import_wizard import ImportWizard


def _sample(table: Table, index: int, count: int = 3, width: int = 70) -> str:
    """The first few values of a column, on one line, so the officer can see what it holds."""
    values = []
    for _, cells in table.rows:
        value = cells[index] if index < len(cells) else None
        if value is not None:
            values.append(" / ".join(str(value).split("\n")).strip())
        if len(values) == count:
            break
    shown = "; ".join(values)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


class MappingPage(QWizardPage):
    """Each column of the file, the field coprod matched it to, and a sample of its values."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("ui.import.mapping_title"))
        self.setSubTitle(tr("ui.import.mapping_help"))
        self.combos: dict[int, QComboBox] = {}
        self.samples: dict[int, QLabel] = {}
        self.detected: Mapping = {}
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        scroll.setAccessibleName(tr("ui.import.columns_name"))
        self.sheet_label = QLabel(tr("ui.import.sheet_label"), self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setAccessibleName(tr("ui.import.sheet_name"))
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.rag_label = QLabel(tr("ui.import.rag_label"), self)
        self.rag_combo = QComboBox(self)
        self.rag_combo.setAccessibleName(tr("ui.import.rag_name"))
        self.rag_combo.addItem(tr("ui.import.rag_choose"), None)
        self.rag_combo.addItem(tr("ui.import.rag_outcome"), "outcome")
        self.rag_combo.addItem(tr("ui.import.rag_progress"), "progress")
        self.rag_label.setBuddy(self.rag_combo)
        self.rag_combo.currentIndexChanged.connect(self.completeChanged)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName(tr("ui.import.mapping_problem_name"))
        self.save_button = QPushButton(tr("ui.import.save_profile"), self)
        self.save_button.setAccessibleName(tr("ui.import.save_profile_name"))
        self.save_button.clicked.connect(self._save_profile)
        layout = QVBoxLayout(self)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_combo, 1)
        layout.addLayout(sheet_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.rag_label)
        layout.addWidget(self.rag_combo)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.save_button)

    def _save_profile(self) -> None:
        """Save the columns as chosen, for `coprod import --mapping FILE` or a colleague."""
        table = self.owner.table
        assert table is not None
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("ui.import.save_profile_name"), "", tr("ui.import.profile_filter")
        )
        if not chosen:
            return
        try:
            saved = save_profile(chosen, table.headers, self.chosen())
        except CoprodError as exc:
            self.problem_label.setText(describe(exc))
            return
        self.problem_label.setText(tr("ui.import.profile_saved", path=str(saved)))

    def _sheet_chosen(self) -> None:
        """Read another sheet of the workbook (the default is the first with known headings)."""
        name = self.sheet_combo.currentText()
        table, source = self.owner.table, self.owner.source
        if table is None or source is None or name == table.sheet:
            return
        try:
            self.owner.table = read_table(source, sheet=name)
        except CoprodError as exc:
            self.problem_label.setText(describe(exc))
            return
        self.initializePage()

    def initializePage(self) -> None:  # noqa: N802
        table = self.owner.table
        assert table is not None
        several = len(table.sheets) > 1
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(table.sheets)
        self.sheet_combo.setCurrentText(table.sheet or "")
        self.sheet_combo.blockSignals(False)
        while (item := self.grid.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.combos.clear()
        self.samples.clear()
        self.detected = detect_mapping(table.headers, [cells for _, cells in table.rows])
        try:
            start = apply_choices(table.headers, self.detected, remembered(table.headers))
        except CoprodError:
            start = self.detected  # the remembered choice no longer fits these headings
        by_index = {i: f for f, i in start.items()}
        for place, title in enumerate(
            (tr("ui.import.col_heading"), tr("ui.import.col_field"), tr("ui.import.col_sample"))
        ):
            self.grid.addWidget(QLabel(f"<b>{title}</b>", self.grid_host), 0, place)
        for index, header in enumerate(table.headers):
            name = header or tr("ui.import.unnamed_column", number=index + 1)
            combo = QComboBox(self.grid_host)
            combo.setAccessibleName(tr("ui.import.field_for", heading=name))
            combo.addItem(tr("ui.import.ignored"), None)
            for column in COLUMNS:
                text = tr("ui.import.required", heading=column.heading) if column.required else column.heading
                combo.addItem(text, column.field)
            found = combo.findData(by_index.get(index)) if index in by_index else 0
            combo.setCurrentIndex(max(found, 0))
            combo.currentIndexChanged.connect(self._changed)
            heading = QLabel(name, self.grid_host)
            heading.setBuddy(combo)
            sample = QLabel(_sample(table, index), self.grid_host)
            sample.setAccessibleName(tr("ui.import.sample_of", heading=name))
            row = index + 1
            self.grid.addWidget(heading, row, 0)
            self.grid.addWidget(combo, row, 1)
            self.grid.addWidget(sample, row, 2)
            self.combos[index] = combo
            self.samples[index] = sample
        self.grid.setColumnStretch(2, 1)
        self.rag_combo.setCurrentIndex(0)
        self._changed()

    def chosen(self) -> Mapping:
        return {c.currentData(): i for i, c in self.combos.items() if c.currentData() is not None}

    def _asks_rag(self) -> bool:
        table = self.owner.table
        return table is not None and needs_rag_meaning(table, self.chosen())

    def _problem(self) -> str:
        fields = [c.currentData() for c in self.combos.values() if c.currentData() is not None]
        twice = sorted({f for f in fields if fields.count(f) > 1})
        if twice:
            return tr("ui.import.field_twice", field=", ".join(BY_FIELD[f].heading for f in twice))
        missing = [c.heading for c in COLUMNS if c.required and c.field not in fields]
        if missing:
            return tr("ui.import.fields_missing", fields=", ".join(missing))
        if self._asks_rag() and self.rag_combo.currentData() is None:
            return tr("ui.import.rag_needed")
        return ""

    def _changed(self) -> None:
        asks = self._asks_rag()
        self.rag_label.setVisible(asks)
        self.rag_combo.setVisible(asks)
        self.problem_label.setText(self._problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not self._problem()

    def validatePage(self) -> bool:  # noqa: N802
        table = self.owner.table
        assert table is not None
        self.owner.mapping = self.chosen()
        self.owner.rag_means = self.rag_combo.currentData() if self._asks_rag() else None
        remember(table.headers, choices_between(table.headers, self.detected, self.owner.mapping))
        return True
