"""Short questions: when was the loop closed, the team rules, and about coprod."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QMessageBox, QSpinBox, QWidget

from coprod import __version__
from coprod.domain.settings import TeamRules
from coprod.i18n import tr
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog, date_edit, from_qdate
from coprod.ui.operations import sessions as session_ops
from coprod.ui.operations import settings as setting_ops


class CloseLoopDialog(FormDialog):
    """Record the date residents were told what happened to what they said."""

    def __init__(
        self, ctx: AppContext, *, session_id: uuid.UUID, title: str, returned_on: date | None,
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
        session_ops.close_loop(self.ctx, session_id=self.session_id, returned_on=when, initiator=self,
                               on_done=self.saved, on_error=self.show_error)


class PreferencesDialog(FormDialog):
    """The team rules every officer works to (stored in the database, not per user)."""

    def __init__(self, ctx: AppContext, *, rules: TeamRules, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("prefs.title"), parent)
        self.target = self._days(rules.default_target_days)
        self.stall = self._days(rules.stall_threshold_days)
        self.amber = self._days(rules.amber_window_days)
        self.add_row(tr("prefs.f_target"), self.target)
        self.add_row(tr("prefs.f_stall"), self.stall)
        self.add_row(tr("prefs.f_amber"), self.amber)
        self.prefix = QLineEdit(rules.reference_prefix, self)
        self.prefix.setMaxLength(20)
        self.prefix.setToolTip(tr("prefs.prefix_tip"))
        self.add_row(tr("prefs.f_prefix"), self.prefix)

    def _days(self, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(1, 3650)
        box.setSuffix(tr("prefs.days_suffix"))
        box.setValue(value)
        return box

    def rules(self) -> TeamRules:
        return TeamRules(default_target_days=self.target.value(), stall_threshold_days=self.stall.value(),
                         amber_window_days=self.amber.value(), reference_prefix=self.prefix.text().strip())

    def submit(self) -> None:
        setting_ops.save_team_rules(self.ctx, rules=self.rules(), initiator=self, on_done=self.saved,
                                    on_error=self.show_error)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, tr("about.title"), tr("about.text", version=__version__))
