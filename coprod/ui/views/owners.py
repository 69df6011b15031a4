"""The owners page: who is accountable, and handing on their work when they leave."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QWidget

from coprod.i18n import tr
from coprod.services.common.choices import owner_choices
from coprod.services.engagement import owners_view
from coprod.ui.context import AppContext
from coprod.ui.dialogs.owner_editor import DeactivateOwnerDialog, OwnerEditor
from coprod.ui.guard import if_alive
from coprod.ui.models.owners import OwnersModel
from coprod.ui.models.table import IdQuery
from coprod.ui.operations import owners as ops
from coprod.ui.operations.run import read
from coprod.ui.views.list_page import ListPage


class OwnersPage(ListPage):
    page_key = "owners"
    watches = ("owner", "recommendation")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, OwnersModel(ctx), parent)
        self.new_button = self.add_button(tr("owners.new"), self.new_owner)
        self.edit_button = self.add_button(tr("owners.edit"), self.edit_owner)
        self.active_button = self.add_button(tr("owners.deactivate"), self.toggle_active)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _i: self.edit_owner())
        self.sig_selection_changed.connect(self._update_buttons)
        self._update_buttons()
        self.follow_layout_with_tab()

    def title(self) -> str:
        return tr("page.owners")

    def count_text(self, total: int) -> str:
        return tr("owners.count", count=total)

    def id_query(self) -> IdQuery:
        search = self.search_box.text()
        return lambda s: owners_view.owner_ids(session=s, search=search)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        text = tr("owners.deactivate") if row is None or row.active else tr("owners.reactivate")
        self.active_button.setText(text)
        self.active_button.setAccessibleName(text.replace("&", "").rstrip("…"))

    def new_owner(self) -> None:
        read(
            self.ctx,
            lambda s: owner_choices(s),
            on_done=if_alive(self, lambda owners: self._open(owners)),
        )

    def edit_owner(self) -> None:
        row = self.current_row()
        if row is None:
            return
        oid = row.id
        read(
            self.ctx,
            lambda s: (owner_choices(s), owners_view.owner_values(session=s, owner_id=oid)),
            on_done=if_alive(self, lambda r: self._open(r[0], r[1], oid)),
        )

    def _open(self, owners: Any, values: dict[str, Any] | None = None, oid: uuid.UUID | None = None) -> None:
        self.editor = OwnerEditor(self.ctx, owners=owners, values=values, owner_id=oid, parent=self)
        self.editor.open()

    def toggle_active(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if not row.active:
            ops.reactivate(self.ctx, owner_id=row.id, name=row.name, initiator=self)
            return

        def opened(result: Any) -> None:
            owners, values = result
            self.dialog = DeactivateOwnerDialog(
                self.ctx,
                owner_id=row.id,
                name=row.name,
                open_count=row.open_recommendations,
                owners=owners,
                escalation_id=values["escalation_contact_id"],
                parent=self,
            )
            self.dialog.open()

        read(
            self.ctx,
            lambda s: (owner_choices(s), owners_view.owner_values(session=s, owner_id=row.id)),
            on_done=if_alive(self, opened),
        )
