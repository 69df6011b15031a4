"""Create or edit an accountable owner, and ask where open work goes when one leaves."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from sqlmodel import Session

from coprod.i18n import ntr, tr
from coprod.services.common.choices import Choice
from coprod.services.engagement import owners_view
from coprod.ui.combo import combo_index
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog, fill_combo, id_or_none, text_or_none
from coprod.ui.operations import owners as ops


class OwnerEditor(FormDialog):
    def __init__(
        self,
        ctx: AppContext,
        *,
        owners: Sequence[Choice],
        values: dict[str, Any] | None = None,
        owner_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tr("owner.edit_title") if owner_id else tr("owner.new_title"), parent)
        self.owner_id = owner_id
        v: dict[str, Any] = values or {}
        self.version = v.get("version")
        self.name = QLineEdit(self)
        self.role = QLineEdit(self)
        self.team = QLineEdit(self)
        self.email = QLineEdit(self)
        self.escalation = QComboBox(self)
        others = [(c.name, c.id) for c in owners if c.id != owner_id]
        fill_combo(self.escalation, [(tr("ui.nobody"), None), *others])
        self.fill(v)
        self.add_row(tr("owner.f_name"), self.name)
        self.add_row(tr("owner.f_role"), self.role)
        self.add_row(tr("owner.f_team"), self.team)
        self.add_row(tr("owner.f_email"), self.email)
        self.add_row(tr("owner.f_escalation"), self.escalation)

    def fill(self, values: dict[str, Any]) -> None:
        self.name.setText(values.get("name", ""))
        self.role.setText(values.get("role") or "")
        self.team.setText(values.get("team") or "")
        self.email.setText(values.get("email") or "")
        self.escalation.setCurrentIndex(
            max(combo_index(self.escalation, values.get("escalation_contact_id")), 0)
        )

    def read_current(self) -> Callable[[Session], dict[str, Any]] | None:
        oid = self.owner_id
        if oid is None:
            return None
        return lambda session: owners_view.owner_values(session=session, owner_id=oid)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "role": text_or_none(self.role),
            "team": text_or_none(self.team),
            "email": text_or_none(self.email),
            "escalation_contact_id": id_or_none(self.escalation),
        }

    def submit(self) -> None:
        if self.owner_id is None:
            ops.create_owner(
                self.ctx, values=self.values(), initiator=self, on_done=self.saved, on_error=self.show_error
            )
        else:
            ops.edit_owner(
                self.ctx,
                owner_id=self.owner_id,
                values=self.values(),
                expected_version=self.version,
                initiator=self,
                on_done=self.saved,
                on_error=self.show_error,
            )


class DeactivateOwnerDialog(FormDialog):
    """Asks who takes over the open recommendations of an owner who is leaving."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        owner_id: uuid.UUID,
        name: str,
        open_count: int,
        owners: Sequence[Choice],
        escalation_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tr("owner.deactivate_title", name=name), parent)
        self.owner_id = owner_id
        self.name = name
        self.save_button.setText(tr("owner.deactivate_button"))
        self.save_button.setAccessibleName(tr("owner.deactivate_button").replace("&", ""))
        question = (
            ntr("owner.deactivate_question", open_count, name=name)
            if open_count
            else tr("owner.deactivate_nothing_open", name=name)
        )
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        self.form.addRow(self.question)
        self.reassign = QComboBox(self)
        others = [(c.name, c.id) for c in owners if c.id != owner_id]
        # Their escalation contact is the likeliest successor; otherwise the first colleague.
        fill_combo(
            self.reassign,
            [*others, (tr("owner.leave_unassigned"), None)],
            escalation_id if escalation_id in {o[1] for o in others} else (others[0][1] if others else None),
        )
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.add_row(tr("owner.f_reassign"), self.reassign)
        if open_count == 0:
            self.reassign.setEnabled(False)

    def submit(self) -> None:
        ops.deactivate(
            self.ctx,
            owner_id=self.owner_id,
            name=self.name,
            reassign_to=id_or_none(self.reassign),
            initiator=self,
            on_done=self.saved,
            on_error=self.show_error,
        )
