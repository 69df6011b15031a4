"""What is done to risks from the Risks page: new, edit, mitigations, review, escalate, import.

Each opens a dialog that stays open when a rule refuses the change (saying why) and closes
once the change is saved; every change goes through coprod.ui.operations.risks.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlmodel import Session

from coprod.domain.risk import next_level
from coprod.i18n import describe, label, tr
from coprod.services.risks.view import RiskRow
from coprod.ui.changes import Changes
from coprod.ui.dialogs.risk_actions import EscalateDialog, ReviewDialog
from coprod.ui.dialogs.risk_editor import MitigationsDialog, NewRiskDialog
from coprod.ui.guard import if_alive
from coprod.ui.numbers import number
from coprod.ui.operations import risks as ops
from coprod.ui.operations.run import read

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _Page  # what it is mixed into, for the type checker

    from coprod.services.data.importing.risks import RiskImportReport
    from coprod.services.risks.register import RiskIn
    from coprod.ui.context import AppContext
else:
    _Page = object


class RiskActions(_Page):
    """Mixed into RisksPage (before QWidget): needs `ctx`, `selected()` and `show_reference()`."""

    ctx: AppContext
    review_dialog: ReviewDialog | None = None
    escalate_dialog: EscalateDialog | None = None
    mitigations_dialog: MitigationsDialog | None = None
    new_dialog: NewRiskDialog | None = None
    edit_dialog: NewRiskDialog | None = None
    import_message: QMessageBox | None = None

    def selected(self) -> RiskRow | None:
        raise NotImplementedError

    def show_reference(self, reference: str) -> None:
        raise NotImplementedError

    # --- reviews and escalations -------------------------------------------------------------

    def open_review(self) -> None:
        r = self.selected()
        if r is None:
            return
        dialog = ReviewDialog(r, self)
        self.review_dialog = dialog
        dialog.sig_submitted.connect(lambda: self._save_review(dialog, r))
        dialog.open()

    def _save_review(self, dialog: ReviewDialog, r: RiskRow) -> None:
        ops.record_review(
            self.ctx,
            risk_id=r.id,
            reference=r.reference,
            on=self.ctx.as_of,
            likelihood=dialog.likelihood.value(),
            impact=dialog.impact.value(),
            reviewer=dialog.reviewer.text().strip() or None,
            note=dialog.note.toPlainText().strip() or None,
            on_done=lambda _result: dialog.finish(),
            on_error=lambda exc: dialog.show_problem(describe(exc)),
        )

    def open_escalation(self) -> None:
        r = self.selected()
        if r is None:
            return
        to_level = next_level(r.level)
        if to_level is None:
            return
        dialog = EscalateDialog(r, label(to_level), self)
        self.escalate_dialog = dialog
        dialog.sig_submitted.connect(lambda: self._save_escalation(dialog, r))
        dialog.open()

    def _save_escalation(self, dialog: EscalateDialog, r: RiskRow) -> None:
        ops.escalate(
            self.ctx,
            risk_id=r.id,
            reference=r.reference,
            on=self.ctx.as_of,
            by=dialog.by.text(),
            reason=dialog.reason.toPlainText(),
            on_done=lambda _result: dialog.finish(),
            on_error=lambda exc: dialog.show_problem(describe(exc)),
        )

    def open_mitigations(self) -> None:
        r = self.selected()
        if r is None:
            return
        from coprod.services.risks.register import mitigation_ids, recommendation_choices

        def job(session: Session) -> tuple[list[tuple[uuid.UUID, str]], list[uuid.UUID]]:
            return recommendation_choices(session=session), mitigation_ids(session=session, risk_id=r.id)

        read(self.ctx, job, on_done=if_alive(self, lambda result: self._show_mitigations(r, *result)))

    def _show_mitigations(
        self, r: RiskRow, choices: list[tuple[uuid.UUID, str]], linked: list[uuid.UUID]
    ) -> None:
        dialog = MitigationsDialog(r.reference, choices, set(linked), self)
        self.mitigations_dialog = dialog
        dialog.sig_submitted.connect(
            lambda: ops.set_mitigations(
                self.ctx,
                risk_id=r.id,
                reference=r.reference,
                recommendation_ids=dialog.chosen(),
                on_done=lambda _result: dialog.finish(),
                on_error=lambda exc: dialog.show_problem(describe(exc)),
            )
        )
        dialog.open()

    def open_new(self) -> None:
        dialog = NewRiskDialog(identified_on=self.ctx.as_of, parent=self)
        self.new_dialog = dialog

        def save() -> None:
            try:
                risk_in = dialog.risk_in()
            except Exception as exc:  # noqa: BLE001  (a rule refused a value: say so in the dialog)
                dialog.show_problem(describe(exc))
                return
            ops.create_risk(
                self.ctx,
                risk_in=risk_in,
                owner=dialog.owner.text(),
                on_done=lambda _result: self._created(dialog, risk_in.reference),
                on_error=lambda exc: dialog.show_problem(describe(exc)),
            )

        dialog.sig_submitted.connect(save)
        dialog.open()

    def open_edit(self) -> None:
        r = self.selected()
        if r is None:
            return
        from coprod.services.risks.register import risk_in_of

        read(
            self.ctx,
            lambda session: risk_in_of(session=session, risk_id=r.id),
            on_done=if_alive(self, lambda risk_in: self._show_edit(r, risk_in)),
        )

    def _show_edit(self, r: RiskRow, current: RiskIn) -> None:
        dialog = NewRiskDialog(identified_on=r.identified_on, parent=self, editing=current, owner=r.owner)
        self.edit_dialog = dialog

        def save() -> None:
            risk_in = dialog.risk_in()
            ops.update_risk(
                self.ctx,
                risk_id=r.id,
                risk_in=risk_in,
                owner=dialog.owner.text(),
                on_done=lambda _result: self._created(dialog, risk_in.reference),
                on_error=lambda exc: dialog.show_problem(describe(exc)),
            )

        dialog.sig_submitted.connect(save)
        dialog.open()

    def open_import(self) -> None:
        """Import a register spreadsheet: all rows or none, with each problem listed by row."""
        path, _ = QFileDialog.getOpenFileName(
            self, tr("risk.page.import_title"), "", tr("risk.page.import_filter")
        )
        if not path:
            return
        from coprod.services.data.importing.risks import import_register

        as_of = self.ctx.as_of
        self.ctx.runner.run(
            lambda: import_register(self.ctx.workspace, path, today=as_of),
            on_done=if_alive(self, self._imported),
            on_error=if_alive(self, lambda exc: self._import_message(describe(exc), [])),
        )

    def _imported(self, report: RiskImportReport) -> None:
        if report.written:
            self.ctx.bus.sig_changed.emit(Changes.of("risk", "risk_review", "risk_mitigation", "owner"), self)
            self._import_message(
                tr(
                    "risk.page.import_done",
                    new=report.created,
                    updated=report.updated,
                    name=report.source.name,
                ),
                [],
            )
        else:
            text = tr("risk.page.import_refused", count=number(report.rejected_rows), rows=report.rows)
            self._import_message(text, [str(p) for p in report.problems])

    def _import_message(self, text: str, problems: list[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning if problems else QMessageBox.Icon.Information,
            tr("risk.page.import_title"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAccessibleName(tr("risk.page.import_title"))
        if problems:
            box.setInformativeText("\n".join(problems[:20]))
            box.setDetailedText("\n".join(problems))
        self.import_message = box
        box.open()

    def _created(self, dialog: NewRiskDialog, reference: str) -> None:
        dialog.finish()
        self.show_reference(reference)
