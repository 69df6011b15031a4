"""The Reports page: choose a report, its scope and format; preview, save or print it.

Generation reads what the report needs briefly on the database worker, renders the file on
the general pool (so other pages' reads never wait behind a PDF) and then writes one short
audit event, with progress and cancel throughout (coprod.services.reports.staged). Before
anything is saved the page lists what the personal-data guard removed, the plain-English
advice and what changed since the last published version. The PDF preview uses Qt PDF when
it is installed; otherwise the same content is shown as the accessible HTML version, which
is also what screen readers get.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont, QShowEvent, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import N_, describe, report_name, tr
from coprod.i18n.dates import long_day
from coprod.i18n.labels import REPORT_KIND_KEYS
from coprod.services.common.tasks import TaskState
from coprod.services.reports import staged
from coprod.services.reports.generate import ReportRequest, ReportResult
from coprod.services.reports.point_sizes import BODY_PT, EASY_PT
from coprod.services.reports.readability import each_suggestion, summary_sentences
from coprod.services.reports.scope import Scope, scope_choices
from coprod.ui.changes import Changes
from coprod.ui.combo import combo_index, select_data
from coprod.ui.context import AppContext
from coprod.ui.date_field import DateField, set_buddy
from coprod.ui.guard import if_alive
from coprod.ui.operations import pictures as picture_ops
from coprod.ui.tasks import run_steps

try:  # Qt PDF comes with PySide6-Addons on most platforms, but not every build has it.
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - depends on the installed Qt
    QPdfDocument = QPdfView = None  # type: ignore[assignment,misc]


@dataclass
class _Choices:
    strategies: list[str]
    sessions: list[tuple[str, str]]  # (id, "title (date)")


class ReportsPage(QWidget):
    sig_generated = Signal(object)
    """Emitted with the ReportResult after a preview or save finished."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(tr("ui.reports.title"))
        self._tmp = tempfile.TemporaryDirectory(prefix="coprod-preview-")
        self._state: TaskState | None = None
        self._html_for_print = ""
        self._printer: QPrinter | None = None
        self._build()
        # Like the other pages: load when first shown; while hidden only note it is out of date,
        # because the database thread is shared and a hidden page must not delay a visible one.
        self._stale = True
        ctx.bus.sig_changed.connect(self._on_changed)
        ctx.bus.sig_database_replaced.connect(self._reload_when_seen)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload_choices()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches("strategy", "engagement_session"):
            self._reload_when_seen()

    def _reload_when_seen(self) -> None:
        if self.isVisible():
            self.reload_choices()
        else:
            self._stale = True

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        form = QFormLayout()
        self.kind = self._combo(
            N_("ui.reports.kind"), [(report_name(kind), kind) for kind in REPORT_KIND_KEYS]
        )
        form.addRow(self._label(N_("ui.reports.kind.label"), self.kind), self.kind)
        self.scope = self._combo(
            N_("ui.reports.scope"),
            [
                (tr("ui.reports.scope.all"), "all"),
                (tr("ui.reports.scope.strategy"), "strategy"),
                (tr("ui.reports.scope.session"), "session"),
            ],
        )
        form.addRow(self._label(N_("ui.reports.scope.label"), self.scope), self.scope)
        self.strategy = self._combo(N_("ui.reports.strategy"), [])
        form.addRow(self._label(N_("ui.reports.strategy.label"), self.strategy), self.strategy)
        self.session = self._combo(N_("ui.reports.session"), [])
        form.addRow(self._label(N_("ui.reports.session.label"), self.session), self.session)
        self.limit_dates = QCheckBox(tr("ui.reports.limit_dates"), self)
        self.limit_dates.setAccessibleName(tr("ui.reports.limit_dates").replace("&", ""))
        form.addRow(self.limit_dates)
        self.date_from = self._date(N_("ui.reports.from"), date(self.ctx.as_of.year, 1, 1))
        form.addRow(self._label(N_("ui.reports.from.label"), self.date_from), self.date_from)
        self.date_to = self._date(N_("ui.reports.to"), self.ctx.as_of)
        form.addRow(self._label(N_("ui.reports.to.label"), self.date_to), self.date_to)
        self.as_of = self._date(N_("ui.reports.as_of"), self.ctx.as_of)
        form.addRow(self._label(N_("ui.reports.as_of.label"), self.as_of), self.as_of)
        self.format = self._combo(
            N_("ui.reports.format"),
            [
                (tr("ui.reports.format.pdf"), ".pdf"),
                (tr("ui.reports.format.html"), ".html"),
                (tr("ui.reports.format.docx"), ".docx"),
            ],
        )
        form.addRow(self._label(N_("ui.reports.format.label"), self.format), self.format)
        self.easy_read = QCheckBox(tr("ui.reports.easy_read"), self)
        self.easy_read.setAccessibleName(tr("ui.reports.easy_read").replace("&", ""))
        self.publish = QCheckBox(tr("ui.reports.publish"), self)
        self.publish.setAccessibleName(tr("ui.reports.publish").replace("&", ""))
        self.name_officers = QCheckBox(tr("ui.reports.name_officers"), self)
        self.name_officers.setAccessibleName(tr("ui.reports.name_officers").replace("&", ""))
        form.addRow(self.easy_read)
        form.addRow(self.name_officers)
        form.addRow(self.publish)

        buttons = QHBoxLayout()
        self.preview_button = self._button(N_("ui.reports.preview"), self.preview)
        self.save_button = self._button(N_("ui.reports.save"), self.save)
        self.print_button = self._button(N_("ui.reports.print"), self.print_report)
        self.cancel_button = self._button(N_("ui.reports.cancel"), self.cancel)
        self.cancel_button.setEnabled(False)
        self.pictures_button = self._button(N_("ui.reports.pictures"), self.choose_pictures)
        for b in (self.preview_button, self.save_button, self.print_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addWidget(self.pictures_button)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("ui.reports.message"))
        self.checks = QListWidget(self)
        self.checks.setAccessibleName(tr("ui.reports.checks"))
        self.checks.setWordWrap(True)
        waiting = QListWidgetItem(tr("ui.reports.checks_placeholder"), self.checks)
        waiting.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a hint to read, not a check to pick

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.message)
        checks_label = QLabel(tr("ui.reports.checks"), left)
        checks_label.setBuddy(self.checks)
        left_layout.addWidget(checks_label)
        left_layout.addWidget(self.checks, 1)

        self.preview_stack = QStackedWidget(self)
        self.preview_stack.setAccessibleName(tr("ui.reports.preview_area"))
        # What the area is for, until the first preview fills it.
        self.preview_hint = QLabel(tr("ui.reports.preview_placeholder"), self.preview_stack)
        self.preview_hint.setWordWrap(True)
        self.preview_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_hint.setMargin(24)
        self.preview_stack.addWidget(self.preview_hint)
        self.html_view = QTextBrowser(self.preview_stack)
        self.html_view.setAccessibleName(tr("ui.reports.preview_html"))
        self.html_view.setOpenExternalLinks(False)
        self.preview_stack.addWidget(self.html_view)
        self.pdf_view = None
        if QPdfView is not None:
            self.pdf_doc = QPdfDocument(self)
            self.pdf_view = QPdfView(self.preview_stack)
            self.pdf_view.setAccessibleName(tr("ui.reports.preview_pdf"))
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setDocument(self.pdf_doc)
            self.preview_stack.addWidget(self.pdf_view)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview_stack)
        splitter.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)
        self.scope.currentIndexChanged.connect(self._sync_enabled)
        self.kind.currentIndexChanged.connect(self._sync_enabled)
        self.limit_dates.toggled.connect(self._sync_enabled)
        self.format.currentIndexChanged.connect(self._sync_enabled)
        self._sync_enabled()

    def _combo(self, key: str, items: list[tuple[str, Any]]) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(tr(key))
        for text, data in items:
            box.addItem(text, data)
        return box

    def _date(self, key: str, day: date) -> DateField:
        edit = DateField(self, day)
        edit.setAccessibleName(tr(key))
        return edit

    def _label(self, key: str, buddy: QWidget) -> QLabel:
        label = QLabel(tr(key), self)
        set_buddy(label, buddy)
        return label

    def _button(self, key: str, slot: Any) -> QPushButton:
        button = QPushButton(tr(key), self)
        button.setAccessibleName(tr(key).replace("&", ""))
        button.clicked.connect(slot)
        return button

    def _sync_enabled(self) -> None:
        which = self.scope.currentData()
        self.strategy.setEnabled(which == "strategy")
        self.session.setEnabled(which == "session")
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(self.limit_dates.isChecked())
        self.easy_read.setEnabled(True)
        self.name_officers.setEnabled(self.kind.currentData() == "lag")  # only the board report

    # ------------------------------------------------------------ data
    def reload_choices(self) -> None:
        self._stale = False

        workspace = self.ctx.workspace

        def load() -> _Choices:
            strategies, sessions = workspace.read(lambda s: scope_choices(session=s))
            return _Choices(strategies, sessions)

        self.ctx.runner.run(
            load, on_done=if_alive(self, self._fill_choices), on_error=if_alive(self, self._show_error)
        )

    def _fill_choices(self, choices: _Choices) -> None:
        chosen_strategy, chosen_session = self.strategy.currentText(), self.session.currentData()
        self.strategy.clear()
        self.strategy.addItems(choices.strategies)
        self.session.clear()
        for sid, text in choices.sessions:
            self.session.addItem(text, sid)
        # Keep what the officer had chosen when the lists are refreshed.
        if chosen_strategy:
            self.strategy.setCurrentText(chosen_strategy)
        if chosen_session is not None and combo_index(self.session, chosen_session) >= 0:
            select_data(self.session, chosen_session)

    def request(self, out: Path, *, publish: bool = False) -> ReportRequest:
        import uuid

        which = self.scope.currentData()
        scope = Scope(
            strategy=self.strategy.currentText() if which == "strategy" and self.strategy.count() else None,
            session_id=uuid.UUID(self.session.currentData())
            if which == "session" and self.session.count()
            else None,
            date_from=self.date_from.value() if self.limit_dates.isChecked() else None,
            date_to=self.date_to.value() if self.limit_dates.isChecked() else None,
        )
        as_of = self.as_of.value()
        assert as_of is not None  # the field takes no empty date: value() says what is wrong instead
        return ReportRequest(
            kind=self.kind.currentData(),
            out=out,
            as_of=as_of,
            scope=scope,
            easy_read=self.easy_read.isChecked(),
            publish=publish,
            name_officers=self.name_officers.isEnabled() and self.name_officers.isChecked(),
        )

    # ------------------------------------------------------------ actions
    def preview(self) -> None:
        request = self._checked_request(Path(self._tmp.name) / f"preview{self.format.currentData()}")
        if request is not None:
            self._generate(replace(request, preview=True), then=self._show_preview)

    def save(self) -> None:
        suffix = self.format.currentData()
        if self._checked_request(Path(f"check{suffix}")) is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, tr("ui.reports.save_title"), f"{self.kind.currentData()}{suffix}", f"*{suffix}"
        )
        if not path:
            return
        if not path.lower().endswith((".pdf", ".html", ".htm", ".docx")):
            path += suffix
        self._generate(self.request(Path(path), publish=self.publish.isChecked()), then=self._saved)

    def print_report(self) -> None:
        """Print the HTML version (Qt lays it out for the printer's page); PDFs via Qt PDF."""
        request = self._checked_request(Path(self._tmp.name) / "print.html")
        if request is not None:
            self._generate(request, then=self._print)

    def _checked_request(self, out: Path) -> ReportRequest | None:
        """The request, or None after saying which date field holds something not a date."""
        try:
            return self.request(out)
        except CoprodError as exc:
            self._show_error(exc)
            return None

    def choose_pictures(self) -> None:
        """Give a theme another easy read picture."""

        def opened(loaded: tuple[list[str], dict[str, str]]) -> None:
            from coprod.ui.dialogs.theme_picture import ThemePictureDialog

            themes, chosen = loaded
            self.picture_dialog = ThemePictureDialog(self.ctx, themes=themes, chosen=chosen, parent=self)
            self.picture_dialog.open()

        picture_ops.load_choices(
            self.ctx, on_done=if_alive(self, opened), on_error=if_alive(self, self._show_error)
        )

    def cancel(self) -> None:
        if self._state is not None:
            self._state.cancel()

    def printer(self) -> QPrinter:
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    def _generate(self, request: ReportRequest, *, then: Any) -> None:
        self.message.setText(tr("ui.reports.working"))
        self._busy(True)

        workspace = self.ctx.workspace

        def load(state: TaskState) -> staged.Prepared:  # short, on the database worker
            return workspace.read(lambda s: staged.read(session=s, request=request, state=state))

        def draw(state: TaskState, prepared: staged.Prepared) -> staged.Rendered:  # long, on the pool
            return staged.render(prepared, state)

        def keep(state: TaskState, rendered: staged.Rendered) -> ReportResult:  # short, on the worker
            return staged.record(workspace, rendered, state)

        def done(result: ReportResult) -> None:
            self._busy(False)
            self._show_checks(result)
            then(result)
            self.sig_generated.emit(result)

        def cancelled() -> None:
            self._busy(False)
            self.message.setText(tr("ui.reports.cancelled"))

        def failed(exc: BaseException) -> None:
            self._busy(False)
            self._show_error(exc)

        self._state = run_steps(
            [(self.ctx.runner, load), (self.ctx.pool, draw), (self.ctx.runner, keep)],
            parent=self,
            title=tr("ui.reports.progress"),
            on_done=if_alive(self, done),
            on_error=if_alive(self, failed),
            on_cancelled=lambda: if_alive(self, lambda _none: cancelled())(None),
        )

    def _busy(self, busy: bool) -> None:
        for b in (self.preview_button, self.save_button, self.print_button):
            b.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if not busy:
            self._state = None

    def _show_error(self, exc: BaseException) -> None:
        self.message.setText(
            describe(exc) if isinstance(exc, CoprodError) else tr("cli.unexpected", reason=exc)
        )

    def _show_checks(self, result: ReportResult) -> None:
        self.checks.clear()
        changes = result.changes
        if result.report.notice:
            self.checks.addItem(tr("report.draft_advice"))
        self.checks.addItem(changes.summary(published=result.published))
        for key, refs in (
            (N_("ui.reports.changed"), changes.changed),
            (N_("ui.reports.new"), changes.new),
            (N_("ui.reports.removed"), changes.removed),
        ):
            if refs:
                shown = ", ".join(refs[:20]) + (" …" if len(refs) > 20 else "")
                self.checks.addItem(tr(key, refs=shown))
        if not result.redactions:
            self.checks.addItem(tr("ui.reports.nothing_redacted"))
        for r in result.redactions:
            self.checks.addItem(tr("ui.reports.redacted", text=r.describe()))
        for sentence in summary_sentences(result.advice):  # thousands, for a directorate
            self.checks.addItem(sentence)
        for text in each_suggestion(result.advice):
            self.checks.addItem(tr("ui.reports.advice", text=text))

    def _show_preview(self, result: ReportResult) -> None:
        if result.path.suffix == ".pdf" and self.pdf_view is not None:
            self.pdf_doc.load(str(result.path))
            self.preview_stack.setCurrentWidget(self.pdf_view)
        else:
            from coprod.services.reports import render_html

            self.html_view.setHtml(render_html.render(result.report))
            self.preview_stack.setCurrentWidget(self.html_view)
        note = (
            ""
            if result.path.suffix != ".pdf" or self.pdf_view is not None
            else " " + tr("ui.reports.no_pdf_view")
        )
        self.message.setText(tr("ui.reports.previewed") + note)

    def _saved(self, result: ReportResult) -> None:
        if result.published:
            self.ctx.bus.sig_changed.emit(Changes.of("published_report"), self)
        self.message.setText(
            tr("report.saved", path=result.path)
            + (" " + tr("report.published", when=long_day(result.report.as_of)) if result.published else "")
        )

    def _print(self, result: ReportResult) -> None:
        dialog = QPrintDialog(self.printer(), self)
        dialog.setWindowTitle(tr("ui.reports.print_title"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            self.message.setText(tr("ui.reports.print_cancelled"))
            return
        doc = QTextDocument(self)
        # Paper needs the report's own sizes (12 pt, or 16 pt easy read), not the screen font.
        font = QFont(self.font())
        font.setPointSizeF(EASY_PT if result.report.easy_read else BODY_PT)
        doc.setDefaultFont(font)
        doc.setHtml(result.path.read_text(encoding="utf-8"))
        doc.setBaseUrl(QUrl.fromLocalFile(str(result.path)))
        doc.print_(self.printer())
        self.message.setText(tr("ui.reports.printed"))
