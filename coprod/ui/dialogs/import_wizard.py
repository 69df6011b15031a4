"""File -> Import tracker: choose a file, check the detected columns, see row problems, import.

The same service as `coprod import` does the work, on the database thread; nothing is
written until the last step, and then in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import N_, describe, tr
from coprod.services.data.importing import ImportReport, Mapping, Table, read_table
from coprod.services.data.importing import import_tracker as run_import
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.dialogs.import_mapping import MappingPage
from coprod.ui.models.plain_rows import PlainRowsModel
from coprod.ui.numbers import number

CHANGED_TABLES = (
    "recommendation",
    "status_change",
    "recommendation_update",
    "target_change",
    "feedback",
    "recommendation_feedback",
    "strategy",
    "owner",
    "engagement_session",
)


def _message(exc: BaseException) -> str:
    return describe(exc) if isinstance(exc, CoprodError) else tr("cli.unexpected", reason=exc)


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("ui.import.file_title"))
        self.setSubTitle(tr("ui.import.file_help"))
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(tr("ui.import.file_label").replace("&", ""))
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
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("ui.import.file_title"), "", tr("ui.import.file_filter")
        )
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802  (Qt's name)
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path_edit.text().strip())
        try:
            table = read_table(path)
        except CoprodError as exc:
            self.error_label.setText(describe(exc))
            return False
        if not table.headers:
            self.error_label.setText(tr("ui.import.empty_file", path=str(path)))
            return False
        self.error_label.clear()
        self.owner.source, self.owner.table = path, table
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
        self.model = PlainRowsModel(
            [tr("ui.import.col_row"), tr("ui.import.col_column"), tr("ui.import.col_problem")], self
        )
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
            lambda: run_import(
                ctx.workspace,
                source,
                mapping=mapping,
                table=table,
                dry_run=True,
                today=ctx.as_of,
                rag_means=rag,
            ),
            on_done=self._checked,
            on_error=self._failed,
        )

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
            lambda state: run_import(
                ctx.workspace,
                source,
                mapping=mapping,
                table=table,
                skip_invalid=skip,
                today=ctx.as_of,
                state=state,
                rag_means=rag,
            ),
            parent=w,
            title=tr("ui.import.window_title"),
            on_done=self._done,
            on_error=self._failed,
            on_cancelled=lambda: self._failed(CoprodError("ui.import.cancelled")),
        )

    def _done(self, report: ImportReport) -> None:
        lines = [tr("ui.import.done", new=report.created, updated=report.updated, unchanged=report.unchanged)]
        if report.rejects_file is not None:
            lines.append(
                tr(
                    "ui.import.rejects_saved",
                    count=number(report.rejected_rows),
                    path=str(report.rejects_file),
                )
            )
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
        self.mapping_page = MappingPage(self)
        self.check_page = _CheckPage(self)
        self.result_page = _ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.result_page):
            self.addPage(page)
        # Qt's own wizard buttons carry no accessible name; name them after what they do.
        for which, key in (
            (QWizard.WizardButton.BackButton, N_("ui.import.back")),
            (QWizard.WizardButton.NextButton, N_("ui.import.next")),
            (QWizard.WizardButton.CommitButton, "ui.import.commit"),
            (QWizard.WizardButton.FinishButton, N_("ui.import.finish")),
            (QWizard.WizardButton.CancelButton, N_("ui.import.cancel")),
        ):
            self.button(which).setAccessibleName(tr(key).replace("&", ""))

    def start_with(self, path: str | Path) -> None:
        """Open the wizard with `path` already chosen (e.g. a file dropped on the window)."""
        self.file_page.path_edit.setText(str(path))

    def done(self, result: int) -> None:
        # Never close under a running import: its transaction finishes (or rolls back) first.
        if self.currentPage() is self.result_page and not self.result_page.finished:
            return
        super().done(result)
