"""Personal data, for the lead: participants and consent, erasure, subject access, retention.

Opened from Tools, in its own window, so the page the officer was on stays in view.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coprod.i18n import ntr, tr
from coprod.i18n.dates import day
from coprod.services.privacy import retention
from coprod.services.privacy.retention import RetentionPlan
from coprod.ui.changes import Changes
from coprod.ui.context import AppContext
from coprod.ui.guard import if_alive
from coprod.ui.numbers import days_box
from coprod.ui.operations.run import read, submit
from coprod.ui.search import go_to_search
from coprod.ui.views.participants import ParticipantsPage


class PersonalDataWindow(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("privacy.window_title"))
        self.setAccessibleName(tr("privacy.window_title"))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("privacy.window_title"))
        self.participants = ParticipantsPage(ctx, self.tabs)
        self.tabs.addTab(self.participants, tr("page.participants"))
        self.retention = RetentionPage(ctx, self.tabs)
        self.tabs.addTab(self.retention, tr("retention.tab"))
        self.retention.reload()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(tr("ui.close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        # Its own window, out of reach of the main window's Edit > Find: Ctrl+F here finds a
        # participant, from whichever tab is shown.
        QShortcut(QKeySequence.StandardKey.Find, self, self.find_participant)

    def find_participant(self) -> None:
        self.tabs.setCurrentWidget(self.participants)
        go_to_search(self.participants)


def show_personal_data(window: QWidget, ctx: AppContext) -> PersonalDataWindow:
    """Open the personal data window over `window` (kept on it so it is not collected)."""
    dialog = PersonalDataWindow(ctx, window)
    dialog.resize(window.width() * 4 // 5, window.height() * 4 // 5)
    dialog.open()
    window.personal_data_window = dialog  # type: ignore[attr-defined]
    return dialog


WATCHES = ("participant", "feedback", "engagement_session", "setting")


class RetentionPage(QWidget):
    """The retention schedule, what is due now and in the next 30 days, and anonymising it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: RetentionPlan | None = None
        self.identity_days = days_box(self)
        self.feedback_days = days_box(self)
        self.save_button = QPushButton(tr("retention.save_schedule"), self)
        self.save_button.setAccessibleName(tr("retention.save_schedule").replace("&", ""))
        self.save_button.clicked.connect(lambda _c=False: self.save_schedule())
        form = QFormLayout()
        for text, box in (
            (tr("retention.f_identity"), self.identity_days),
            (tr("retention.f_feedback"), self.feedback_days),
        ):
            lab = QLabel(text, self)
            lab.setBuddy(box)
            box.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(lab, box)
        form.addRow(self.save_button)
        self.now_label = QLabel(self)
        self.now_list = QListWidget(self)
        self.now_list.setAccessibleName(tr("retention.now_name"))
        self.now_label.setBuddy(self.now_list)
        self.soon_label = QLabel(self)
        self.soon_list = QListWidget(self)
        self.soon_list.setAccessibleName(tr("retention.soon_name"))
        self.soon_label.setBuddy(self.soon_list)
        self.apply_button = QPushButton(tr("retention.apply"), self)
        self.apply_button.setAccessibleName(tr("retention.apply").replace("&", ""))
        self.apply_button.clicked.connect(lambda _c=False: self.apply())
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(tr("retention.notice_name"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (
            self.now_label,
            self.now_list,
            self.apply_button,
            self.soon_label,
            self.soon_list,
            self.notice,
        ):
            layout.addWidget(widget)
        ctx.bus.sig_changed.connect(self._changed)

    def _changed(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and changes.touches(*WATCHES):
            self.reload()

    def reload(self) -> None:
        as_of = date.today()
        read(self.ctx, lambda s: retention.plan(session=s, as_of=as_of), on_done=self._show)

    def _show(self, plan: RetentionPlan) -> None:
        self.plan = plan
        self.identity_days.setValue(plan.identity_days)
        self.feedback_days.setValue(plan.feedback_days)
        self.now_label.setText(ntr("retention.now_heading", len(plan.now)))
        self.soon_label.setText(ntr("retention.soon_heading", len(plan.soon)))
        for widget, items in ((self.now_list, plan.now), (self.soon_list, plan.soon)):
            widget.clear()
            widget.addItems(
                [
                    tr(
                        "retention.item",
                        kind=tr(retention.KIND_WORDS[d.kind]),
                        label=d.label,
                        due=day(d.due_on),
                    )
                    for d in items
                ]
            )
        self.apply_button.setEnabled(bool(plan.now))

    def save_schedule(self) -> None:
        identity, feedback = self.identity_days.value(), self.feedback_days.value()
        submit(
            self.ctx,
            lambda s: retention.save_schedule(session=s, identity_days=identity, feedback_days=feedback),
            initiator=self,
            on_done=lambda _r: self.reload(),
        )

    def apply(self) -> None:
        """Anonymise exactly the records listed as due now."""
        if self.plan is None or not self.plan.now:
            return
        listed, as_of, ctx = list(self.plan.now), self.plan.as_of, self.ctx

        def done(result: RetentionPlan) -> None:
            ctx.bus.sig_changed.emit(Changes.of("participant", "feedback", "audit_event"), self)
            self.notice.setText(ntr("retention.applied", len(result.now), on=day(as_of)))
            self.reload()

        ctx.runner.run(
            lambda: retention.apply(ctx.workspace, as_of=as_of, listed=listed),
            on_done=if_alive(self, done),
            on_error=if_alive(self, ctx.bus.sig_failed.emit),
        )
