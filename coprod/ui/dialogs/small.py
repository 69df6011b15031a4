"""Short questions: when was the loop closed, the team rules and council contact, and about coprod."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from coprod import __version__
from coprod.domain.settings import Organisation, TeamRules
from coprod.i18n import tr
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog, date_edit, from_qdate
from coprod.ui.numbers import days_box
from coprod.ui.operations import sessions as session_ops
from coprod.ui.operations import settings as setting_ops


class CloseLoopDialog(FormDialog):
    """Record the date residents were told what happened to what they said."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        session_id: uuid.UUID,
        title: str,
        returned_on: date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tr("loop.title", title=title), parent)
        self.session_id = session_id
        self.when = date_edit(self, returned_on or ctx.as_of)
        self.add_row(tr("loop.f_when"), self.when)
        self.reopen = QCheckBox(tr("loop.reopen"), self)
        self.reopen.setVisible(returned_on is not None)
        self.add_row("", self.reopen, tr("loop.reopen"))

    def submit(self) -> None:
        when = None if self.reopen.isChecked() else from_qdate(self.when.date())
        session_ops.close_loop(
            self.ctx,
            session_id=self.session_id,
            returned_on=when,
            initiator=self,
            on_done=self.saved,
            on_error=self.show_error,
        )


class PreferencesDialog(FormDialog):
    """The team rules every officer works to, and how residents contact the council (both
    stored in the database, not per user, so every officer's reports say the same)."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        rules: TeamRules,
        organisation: Organisation | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tr("prefs.title"), parent)
        self.organisation = organisation or Organisation()
        self.rules_in = rules  # rules not shown here (retention) keep their values
        self.target = days_box(self, rules.default_target_days)
        self.stall = days_box(self, rules.stall_threshold_days)
        self.amber = days_box(self, rules.amber_window_days)
        self.add_row(tr("prefs.f_target"), self.target)
        self.add_row(tr("prefs.f_stall"), self.stall)
        self.add_row(tr("prefs.f_amber"), self.amber)
        self.prefix = QLineEdit(rules.reference_prefix, self)
        self.prefix.setMaxLength(20)
        self.prefix.setToolTip(tr("prefs.prefix_tip"))
        self.add_row(tr("prefs.f_prefix"), self.prefix)
        heading = QLabel(tr("prefs.council"), self)
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        self.form.addRow(heading)
        org = self.organisation
        self.council_name = self._line(tr("prefs.f_council_name"), org.council_name)
        self.phone = self._line(tr("prefs.f_phone"), org.contact_phone)
        self.email = self._line(tr("prefs.f_email"), org.contact_email)
        self.address = QPlainTextEdit(org.contact_address, self)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        self.add_row(tr("prefs.f_address"), self.address)
        self.text_relay = self._line(tr("prefs.f_text_relay"), org.contact_text_relay)
        self.bsl = self._line(tr("prefs.f_bsl"), org.contact_bsl)
        self.formats = self._line(tr("prefs.f_formats"), org.other_formats)
        self.other = self._line(tr("prefs.f_contact"), org.contact)

    def _line(self, text: str, value: str) -> QLineEdit:
        box = QLineEdit(value, self)
        self.add_row(text, box)
        return box

    def rules(self) -> TeamRules:
        return replace(
            self.rules_in,
            default_target_days=self.target.value(),
            stall_threshold_days=self.stall.value(),
            amber_window_days=self.amber.value(),
            reference_prefix=self.prefix.text().strip(),
        )

    def council(self) -> Organisation:
        return replace(
            self.organisation,
            council_name=self.council_name.text().strip(),
            contact_phone=self.phone.text().strip(),
            contact_email=self.email.text().strip(),
            contact_address=self.address.toPlainText().strip(),
            contact_text_relay=self.text_relay.text().strip(),
            contact_bsl=self.bsl.text().strip(),
            other_formats=self.formats.text().strip(),
            contact=self.other.text().strip(),
        )

    def submit(self) -> None:
        setting_ops.save_preferences(
            self.ctx,
            rules=self.rules(),
            organisation=self.council(),
            initiator=self,
            on_done=self.saved,
            on_error=self.show_error,
        )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, tr("about.title"), tr("about.text", version=__version__))
