"""The participants page: identity and consent, kept apart from what people said."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from coprod.domain.privacy import ConsentUse
from coprod.i18n import label, ntr, report_name, tr
from coprod.i18n.dates import day, long_day
from coprod.services.privacy import participants as svc
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog
from coprod.ui.dialogs.participant_editor import ConsentDialog, EraseDialog, ParticipantEditor, WithdrawDialog
from coprod.ui.guard import if_alive
from coprod.ui.models.base import Column
from coprod.ui.models.table import IdQuery, LazyTableModel
from coprod.ui.numbers import number
from coprod.ui.views.list_page import ListPage


class ParticipantsModel(LazyTableModel[svc.ParticipantRow]):
    columns = (
        Column(tr("participants.col_code"), lambda r: r.code, width=10),
        Column(tr("col.name"), lambda r: r.name or "", width=22),
        Column(tr("participants.col_contact"), lambda r: r.contact or "", width=26),
        Column(tr("participants.col_basis"), lambda r: label(r.lawful_basis), width=16),
        Column(tr("participants.col_consents"), svc.consent_text, width=36, reads=True),
        Column(tr("participants.col_said"), lambda r: number(r.feedback_count), align_right=True, width=8),
    )

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(ctx, lambda s, ids: svc.participant_rows(session=s, ids=ids), parent)


class ParticipantsPage(ListPage):
    page_key = "participants"
    watches = ("participant", "consent", "feedback")
    editor: FormDialog | None = None  # the dialog open on this page

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ParticipantsModel(ctx), parent)
        self.new_button = self.add_button(tr("participants.new"), self.new_participant)
        self.edit_button = self.add_button(tr("participants.edit"), self.edit_participant)
        self.consent_button = self.add_button(tr("participants.consent"), self.record_consent)
        self.withdraw_button = self.add_button(tr("participants.withdraw"), self.withdraw_consent)
        self.sar_button = self.add_button(tr("participants.sar"), self.subject_access)
        self.erase_button = self.add_button(tr("participants.erase"), self.erase_participant)
        self.buttons.addStretch(1)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(tr("page.participants"))
        self.notice.hide()
        self.main_layout.insertWidget(self.main_layout.count() - 1, self.notice)
        self.table.activated.connect(lambda _i: self.edit_participant())
        self.sig_selection_changed.connect(self._update_buttons)
        self._update_buttons()
        self.follow_layout_with_tab()

    def title(self) -> str:
        return tr("page.participants")

    def count_text(self, total: int) -> str:
        return ntr("participants.count", total)

    def id_query(self) -> IdQuery:
        search = self.search_box.text()
        return lambda s: svc.participant_ids(session=s, search=search)

    def _update_buttons(self) -> None:
        row = self.current_row()
        for button in (self.edit_button, self.consent_button, self.sar_button, self.erase_button):
            button.setEnabled(row is not None)
        self.withdraw_button.setEnabled(row is not None and any(c.active for c in row.consents))

    def new_participant(self) -> None:
        self.editor = ParticipantEditor(self.ctx, parent=self)
        self.editor.open()

    def edit_participant(self) -> None:
        row = self.current_row()
        if row is not None:
            self.editor = ParticipantEditor(self.ctx, row=row, parent=self)
            self.editor.open()

    def record_consent(self) -> None:
        row = self.current_row()
        if row is not None:
            self.editor = ConsentDialog(self.ctx, code=row.code, parent=self)
            self.editor.open()

    def withdraw_consent(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = WithdrawDialog(self.ctx, row=row, parent=self)
        dialog.accepted.connect(
            lambda: self._show_withdrawn(row.code, ConsentUse(dialog.use.currentData()), dialog.published)
        )
        self.editor = dialog
        dialog.open()

    def _show_withdrawn(self, code: str, use: ConsentUse, published: Sequence[svc.PublishedVersion]) -> None:
        lines = [tr("privacy.withdrawn", code=code, use=label(use), on=day(date.today()))]
        if use == ConsentUse.QUOTE:
            lines.append(tr("privacy.withdrawn_quotes_out"))
            if published:
                lines.append(tr("privacy.published_before", count=number(len(published))))
                lines += [
                    tr(
                        "privacy.published_line",
                        kind=report_name(p.kind),
                        as_of=day(p.as_of),
                        on=day(p.published_on),
                    )
                    for p in published
                ]
            else:
                lines.append(tr("privacy.published_none"))
        self.notice.setText("\n".join(lines))
        self.notice.show()

    def erase_participant(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = EraseDialog(self.ctx, row=row, parent=self)
        dialog.accepted.connect(lambda: self._show_erased(dialog.outcome))
        self.editor = dialog
        dialog.open()

    def _show_erased(self, result: Any) -> None:
        if result.already_on is not None:
            lines = [tr("privacy.erased_again", code=result.code, on=long_day(result.already_on))]
        else:
            lines = [ntr("privacy.erased", result.feedback, code=result.code)]
        if result.backups:
            lines.append(ntr("privacy.erased_backups", len(result.backups)))
            for b in result.backups:
                taken = day(b.taken) or "?"
                expires = day(b.expires) or "?"
                lines.append(
                    tr("privacy.erased_backup_line", name=b.path.name, taken=taken, expires=expires).strip()
                )
        else:
            lines.append(tr("privacy.erased_no_backups"))
        self.notice.setText("\n".join(lines))
        self.notice.show()

    def subject_access(self) -> None:
        row = self.current_row()
        if row is None:
            return
        title = tr("participants.sar").replace("&", "").rstrip("…")
        chosen, _ = QFileDialog.getSaveFileName(
            self, title, f"subject-access-{row.code}.pdf", tr("participants.sar_filter")
        )
        if chosen:
            self.subject_access_to(row.code, Path(chosen))

    def subject_access_to(self, code: str, path: Path) -> None:
        """Write the subject access file for `code` (PDF or JSON, by its name) on the worker."""
        from coprod.services.privacy.subject_access import subject_access, written

        ctx = self.ctx

        def done(data: dict[str, Any]) -> None:
            ctx.bus.sig_changed.emit(Changes.of("audit_event"), self)
            lines = written(data, path.name, date.today())
            self.notice.setText("\n".join(lines))
            self.notice.show()

        ctx.runner.run(
            lambda: subject_access(ctx.workspace, code, path),
            on_done=if_alive(self, done),
            on_error=if_alive(self, ctx.bus.sig_failed.emit),
        )
