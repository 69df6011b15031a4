"""The sessions page: the list of sessions, their editor, and quick capture beside them."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QWidget

from coprod.i18n import tr
from coprod.services.common.choices import strategy_choices
from coprod.services.engagement import sessions_view
from coprod.ui import settings
from coprod.ui.context import AppContext
from coprod.ui.dialogs.session_editor import SessionEditor
from coprod.ui.dialogs.small import CloseLoopDialog
from coprod.ui.guard import if_alive
from coprod.ui.models.sessions import SessionsModel
from coprod.ui.models.table import IdQuery
from coprod.ui.operations import sessions as ops
from coprod.ui.operations.run import read
from coprod.ui.views.capture import QuickCapturePane
from coprod.ui.views.list_page import ListPage


class SessionsPage(ListPage):
    page_key = "sessions"
    watches = ("engagement_session", "feedback")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, SessionsModel(ctx), parent)
        self.new_button = self.add_button(tr("sessions.new"), self.new_session)
        self.edit_button = self.add_button(tr("sessions.edit"), self.edit_session)
        self.loop_button = self.add_button(tr("sessions.close_loop"), self.close_loop)
        self.delete_button = self.add_button(tr("sessions.delete"), self.delete_session)
        self.buttons.addStretch(1)

        self.loop_filter = QComboBox(self)
        for text, value in (
            (tr("sessions.loop_any"), sessions_view.LoopFilter.ANY),
            (tr("sessions.loop_open"), sessions_view.LoopFilter.OPEN),
            (tr("sessions.loop_closed"), sessions_view.LoopFilter.CLOSED),
        ):
            self.loop_filter.addItem(text, value)
        self.loop_filter.setAccessibleName(tr("sessions.loop_filter_name"))
        loop_label = QLabel(tr("sessions.loop_filter"), self)
        loop_label.setBuddy(self.loop_filter)
        self.filters.addWidget(loop_label)
        self.filters.addWidget(self.loop_filter)
        self.loop_filter.currentIndexChanged.connect(lambda _i: self.refresh())

        self.capture = QuickCapturePane(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.removeWidget(self.table)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.capture)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        char = self.fontMetrics().averageCharWidth()
        self.splitter.setSizes([char * 120, char * 60])
        self.body.addWidget(self.splitter, 1)
        state = settings.splitter_state(self.page_key).get()
        if not state.isEmpty():
            self.splitter.restoreState(state)
        self.table.activated.connect(lambda _i: self.edit_session())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.table,
            self.delete_session,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.sig_selection_changed.connect(self._update_buttons)
        self._update_buttons()
        self.follow_layout_with_tab()

    def title(self) -> str:
        return tr("page.sessions")

    def count_text(self, total: int) -> str:
        return tr("sessions.count", count=total)

    def id_query(self) -> IdQuery:
        search = self.search_box.text()
        loop = self.loop_filter.currentData()
        return lambda s: sessions_view.session_ids(session=s, search=search, loop=loop)

    def _current_changed(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            row = self.model.row_at(current.row())
            self.capture.set_session(row.id, row.title)

    def _update_buttons(self) -> None:
        has = self.current_row() is not None
        for button in (self.edit_button, self.loop_button, self.delete_button):
            button.setEnabled(has)
        if not has and not self.model.loading:
            self.capture.set_session(None, "")

    # --- actions -------------------------------------------------------------------------
    def new_session(self) -> None:
        read(
            self.ctx,
            lambda s: strategy_choices(s),
            on_done=if_alive(self, lambda choices: self._open_editor(choices)),
        )

    def edit_session(self) -> None:
        row = self.current_row()
        if row is None:
            return
        sid = row.id

        def load(s: Any) -> tuple[Any, Any]:
            return strategy_choices(s, include_inactive=True), sessions_view.session_values(
                session=s, session_id=sid
            )

        read(self.ctx, load, on_done=if_alive(self, lambda r: self._open_editor(r[0], r[1], sid)))

    def _open_editor(
        self, choices: Any, values: dict[str, Any] | None = None, sid: uuid.UUID | None = None
    ) -> None:
        editor = SessionEditor(self.ctx, strategies=choices, values=values, session_id=sid, parent=self)
        editor.sig_saved.connect(self.select_saved)
        editor.open()
        self.editor = editor  # kept for tests and so the dialog is not collected early

    def select_saved(self, sid: uuid.UUID) -> None:
        """Select the session just saved once the list has reloaded, so capture and Edit
        work on it straight away."""
        if self.model.loading:
            self._keep_selected = [sid]
        else:
            self.select_ids([sid])

    def close_loop(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dialog = CloseLoopDialog(
            self.ctx, session_id=row.id, title=row.title, returned_on=row.feedback_returned_on, parent=self
        )
        dialog.open()
        self.loop_dialog = dialog

    def delete_session(self) -> None:
        row = self.current_row()
        if row is not None:
            ops.delete_session(self.ctx, session_id=row.id, title=row.title, initiator=self)

    def save_state(self, store: QSettings) -> None:
        super().save_state(store)
        settings.splitter_state(self.page_key).set(self.splitter.saveState(), store)
