"""File -> Import tracker: choose a file, check the detected columns, see row problems, import.

The same service as `coprod import` does the work, on the database thread; nothing is
written until the last step, and then in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import tr
from coprod.services.importing import (
    BY_FIELD,
    COLUMNS,
    ImportReport,
    Mapping,
    Table,
    detect_mapping,
    needs_rag_meaning,
    read_table,
)
from coprod.services.importing import import_tracker as run_import
from coprod.services.importing.mapping import (
    apply_choices,
    choices_between,
    remember,
    remembered,
    save_profile,
)
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.models.plain_rows import PlainRowsModel

CHANGED_TABLES = ("recommendation", "status_change", "recommendation_update", "target_change", "feedback",
                  "recommendation_feedback", "strategy", "owner", "engagement_session")


def _message(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, CoprodError) else tr("cli.unexpected", reason=exc)


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("ui.import.file_title"))
        self.setSubTitle(tr("ui.import.file_help"))
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(tr("ui.import.file_label"))
        label = QLabel(tr("ui.import.file_label"), self)
        label.setBuddy(self.path_edit)
        browse = QPushButton(tr("ui.import.browse"), self)
        browse.setAccessibleName(tr("ui.import.browse_name"))
        browse.clicked.connect(self._browse)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(tr("ui.import.problem_name"))
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, tr("ui.import.file_title"), "",
                                                tr("ui.import.file_filter"))
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802  (Qt's name)
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path_edit.text().strip())
        try:
            table = read_table(path)
        except CoprodError as exc:
            self.error_label.setText(str(exc))
            return False
        if not table.headers:
            self.error_label.setText(tr("ui.import.empty_file", path=str(path)))
            return False
        self.error_label.clear()
        self.owner.source, self.owner.table = path, table
        return True


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


class _MappingPage(QWizardPage):
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
        chosen, _ = QFileDialog.getSaveFileName(self, tr("ui.import.save_profile_name"), "",
                                                tr("ui.import.profile_filter"))
        if not chosen:
            return
        try:
            saved = save_profile(chosen, table.headers, self.chosen())
        except CoprodError as exc:
            self.problem_label.setText(str(exc))
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
            self.problem_label.setText(str(exc))
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
        for place, title in enumerate((tr("ui.import.col_heading"), tr("ui.import.col_field"),
                                       tr("ui.import.col_sample"))):
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


class _CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("ui.import.check_title"))
        self.setCommitPage(True)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName(tr("ui.import.summary_name"))
        self.model = PlainRowsModel([tr("ui.import.col_row"), tr("ui.import.col_column"),
                                     tr("ui.import.col_problem")], self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("ui.import.problems_name"))
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setCornerButtonEnabled(False)
        self.skip_box = QCheckBox(tr("ui.import.skip_invalid"), self)
        self.skip_box.setAccessibleName(tr("ui.import.skip_invalid_name"))
        self.skip_box.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.skip_box)
        self.report: ImportReport | None = None

    def initializePage(self) -> None:  # noqa: N802
        self.report = None
        self.model.set_rows([])
        self.skip_box.setChecked(False)
        self.summary_label.setText(tr("ui.import.checking"))
        self.completeChanged.emit()
        w = self.owner
        ctx, source, table, mapping, rag = w.ctx, w.source, w.table, dict(w.mapping), w.rag_means
        assert source is not None  # the first page set it
        self.owner.ctx.runner.run(
            lambda: run_import(ctx.db, source, mapping=mapping, table=table, dry_run=True, today=ctx.as_of,
                               rag_means=rag),
            on_done=self._checked, on_error=self._failed)

    def _checked(self, report: ImportReport) -> None:
        self.report = report
        self.model.set_rows([(p.row, p.column, p.message) for p in report.problems])
        good = report.rows - report.rejected_rows
        if report.problems:
            lines = [tr("ui.import.has_problems", bad=report.rejected_rows, rows=report.rows, good=good)]
        else:
            lines = [tr("ui.import.all_good", rows=report.rows, new=report.created, updated=report.updated)]
        if report.encoding_guessed:
            lines.append(tr("import.encoding_guessed", encoding=report.encoding))
        lines += report.missing_sentences()
        self.summary_label.setText("\n\n".join(lines))
        self.skip_box.setVisible(bool(report.problems) and good > 0)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.summary_label.setText(_message(exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        if self.report is None:
            return False
        if not self.report.problems:
            return True
        return self.skip_box.isChecked() and self.report.rows > self.report.rejected_rows


class _ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("ui.import.result_title"))
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(tr("ui.import.result_name"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.finished = False

    def initializePage(self) -> None:  # noqa: N802
        self.finished = False
        self.result_label.setText(tr("import.status_writing"))
        w = self.owner
        ctx, source, table, mapping, rag = w.ctx, w.source, w.table, dict(w.mapping), w.rag_means
        assert source is not None
        skip = w.check_page.skip_box.isChecked()
        ctx.runner.run_with_progress(
            lambda state: run_import(ctx.db, source, mapping=mapping, table=table, skip_invalid=skip,
                                     today=ctx.as_of, state=state, rag_means=rag),
            parent=w, title=tr("ui.import.window_title"), on_done=self._done, on_error=self._failed,
            on_cancelled=lambda: self._failed(CoprodError("ui.import.cancelled")))

    def _done(self, report: ImportReport) -> None:
        lines = [tr("ui.import.done", new=report.created, updated=report.updated, unchanged=report.unchanged)]
        if report.rejects_file is not None:
            lines.append(tr("ui.import.rejects_saved", count=report.rejected_rows,
                            path=str(report.rejects_file)))
        lines += report.missing_sentences()
        if report.backup is not None:
            lines.append(tr("ui.import.backup_taken", path=str(report.backup)))
        self.result_label.setText("\n\n".join(lines))
        self.finished = True
        self.completeChanged.emit()
        self.owner.ctx.bus.sig_changed.emit(Changes.of(*CHANGED_TABLES), self.owner)
        self.owner.sig_imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.result_label.setText(_message(exc))
        self.finished = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.finished


class ImportWizard(QWizard):
    sig_imported = Signal(object)
    """Emitted with the ImportReport after rows were written."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source: Path | None = None
        self.table: Table | None = None
        self.mapping: Mapping = {}
        self.rag_means: str | None = None
        self.setWindowTitle(tr("ui.import.window_title"))
        self.setAccessibleName(tr("ui.import.window_title"))
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("ui.import.commit"))
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.check_page = _CheckPage(self)
        self.result_page = _ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.result_page):
            self.addPage(page)
        # Qt's own wizard buttons carry no accessible name; name them after what they do.
        for which, key in ((QWizard.WizardButton.BackButton, "ui.import.back"),
                           (QWizard.WizardButton.NextButton, "ui.import.next"),
                           (QWizard.WizardButton.CommitButton, "ui.import.commit"),
                           (QWizard.WizardButton.FinishButton, "ui.import.finish"),
                           (QWizard.WizardButton.CancelButton, "ui.import.cancel")):
            self.button(which).setAccessibleName(tr(key).replace("&", ""))

    def start_with(self, path: str | Path) -> None:
        """Open the wizard with `path` already chosen (e.g. a file dropped on the window)."""
        self.file_page.path_edit.setText(str(path))

    def done(self, result: int) -> None:
        # Never close under a running import: its transaction finishes (or rolls back) first.
        if self.currentPage() is self.result_page and not self.result_page.finished:
            return
        super().done(result)
