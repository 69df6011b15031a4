"""Add or edit a participant; record or withdraw their consent to one use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from sqlmodel import Session

from coprod.domain.privacy import ConsentUse, LawfulBasis
from coprod.i18n import label, ntr, tr
from coprod.services.privacy.participants import ParticipantRow, PublishedVersion, get_participant
from coprod.ui.combo import combo_index
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog, date_edit, fill_combo, text_or_none
from coprod.ui.operations import participants as ops


class ParticipantEditor(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        *,
        row: ParticipantRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = tr("participants.title_edit", code=row.code) if row else tr("participants.title_new")
        super().__init__(ctx, title, parent)
        self.row = row
        self.version = row.version if row else None
        self.code = QLineEdit(row.code if row else "", self)
        self.code.setReadOnly(row is not None)
        self.code.setPlaceholderText("P-0001")
        self.name = QLineEdit((row.name or "") if row else "", self)
        self.contact = QLineEdit((row.contact or "") if row else "", self)
        self.basis = QComboBox(self)
        fill_combo(self.basis, [(label(b), b) for b in LawfulBasis], row.lawful_basis if row else None)
        self.add_row(tr("participants.f_code"), self.code)
        self.add_row(tr("participants.f_name"), self.name)
        self.add_row(tr("participants.f_contact"), self.contact)
        self.add_row(tr("participants.f_basis"), self.basis)

    def fill(self, values: dict[str, Any]) -> None:
        self.name.setText(values.get("name") or "")
        self.contact.setText(values.get("contact") or "")
        self.basis.setCurrentIndex(max(combo_index(self.basis, values.get("lawful_basis")), 0))

    def read_current(self) -> Callable[[Session], dict[str, Any]] | None:
        if self.row is None:
            return None
        code = self.row.code

        def current(session: Session) -> dict[str, Any]:
            p = get_participant(session, code)
            return {
                "name": p.name,
                "contact": p.contact,
                "lawful_basis": p.lawful_basis,
                "version": p.version,
            }

        return current

    def submit(self) -> None:
        basis = LawfulBasis(self.basis.currentData())
        if self.row is None:
            ops.add_participant(
                self.ctx,
                code=text_or_none(self.code),
                name=text_or_none(self.name),
                contact=text_or_none(self.contact),
                basis=basis,
                initiator=self,
                on_done=self.saved,
                on_error=self.show_error,
            )
        else:
            values = {
                "name": self.name.text(),
                "contact": self.contact.text(),
                "lawful_basis": basis,
                "expected_version": self.version,
            }
            ops.edit_participant(
                self.ctx,
                code=self.row.code,
                values=values,
                initiator=self,
                on_done=self.saved,
                on_error=self.show_error,
            )


class ConsentDialog(FormDialog):
    """Consent to one use: the date, how it was given and the words agreed to."""

    def __init__(self, ctx: AppContext, *, code: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("participants.title_consent", code=code), parent)
        self.code = code
        self.use = QComboBox(self)
        fill_combo(self.use, [(label(u), u) for u in ConsentUse], ConsentUse.QUOTE)
        self.given_on = date_edit(self, date.today())
        self.how = QLineEdit(self)
        self.wording = QPlainTextEdit(self)
        self.wording.setTabChangesFocus(True)
        self.add_row(tr("participants.f_use"), self.use)
        self.add_row(tr("participants.f_given_on"), self.given_on)
        self.add_row(tr("participants.f_how"), self.how)
        self.add_row(tr("participants.f_wording"), self.wording)

    def submit(self) -> None:
        given = self.given_on.value() or date.today()
        ops.give_consent(
            self.ctx,
            code=self.code,
            use=ConsentUse(self.use.currentData()),
            given_on=given,
            method=self.how.text(),
            wording=self.wording.toPlainText(),
            initiator=self,
            on_done=self.saved,
            on_error=self.show_error,
        )


class WithdrawDialog(FormDialog):
    """Withdraw consent to one use from today; afterwards the page lists what was published."""

    def __init__(self, ctx: AppContext, *, row: ParticipantRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("participants.title_withdraw", code=row.code), parent)
        self.code = row.code
        self.published: list[PublishedVersion] = []
        self.use = QComboBox(self)
        given = [u for u in ConsentUse if (c := row.consent(u)) is not None and c.active]
        fill_combo(self.use, [(label(u), u) for u in given or list(ConsentUse)])
        self.add_row(tr("participants.f_use"), self.use)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.form.addRow(self.question)
        self.use.currentIndexChanged.connect(lambda _i: self._ask())
        self._ask()
        self.save_button.setText(tr("participants.withdraw").replace("…", ""))

    def _ask(self) -> None:
        use = label(ConsentUse(self.use.currentData()))
        self.question.setText(tr("participants.withdraw_confirm", code=self.code, use=use))

    def submit(self) -> None:
        ops.withdraw_consent(
            self.ctx,
            code=self.code,
            use=ConsentUse(self.use.currentData()),
            initiator=self,
            on_done=self._withdrawn,
            on_error=self.show_error,
        )

    def _withdrawn(self, published: list[PublishedVersion]) -> None:
        self.published = published
        self.saved()


class EraseDialog(FormDialog):
    """The lead's confirmation before a person is erased: it cannot be undone."""

    def __init__(self, ctx: AppContext, *, row: ParticipantRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("participants.title_erase", code=row.code), parent)
        self.code = row.code
        self.outcome: object = None
        ask = ntr("participants.erase_confirm", row.feedback_count, code=row.code)
        self.question = QLabel(ask, self)
        self.question.setWordWrap(True)
        self.form.addRow(self.question)
        self.save_button.setText(tr("participants.erase_button"))
        self.save_button.setAccessibleName(tr("participants.erase_button").replace("&", ""))

    def submit(self) -> None:
        ops.erase_participant(
            self.ctx, code=self.code, initiator=self, on_done=self._erased, on_error=self.show_error
        )

    def _erased(self, result: object) -> None:
        self.outcome = result
        self.saved()
