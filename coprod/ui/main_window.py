"""The main window: navigation down the side, one page per part of the loop, menus, status."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QPoint, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.settings import Organisation, TeamRules
from coprod.i18n import N_, tr
from coprod.i18n.dates import long_day
from coprod.services.data import backup
from coprod.services.data.opening import Workspace, open_workspace
from coprod.services.sync.conflicts import Settled
from coprod.services.team.connection import describe as describe_server
from coprod.services.team.welcome import is_empty
from coprod.ui import settings
from coprod.ui.context import AppContext
from coprod.ui.dialogs.connect import ConnectDialog
from coprod.ui.dialogs.import_wizard import ImportWizard
from coprod.ui.dialogs.restore import RestoreDialog
from coprod.ui.dialogs.small import PreferencesDialog, show_about
from coprod.ui.errors import show_problem
from coprod.ui.focus_ring import FocusRing
from coprod.ui.guard import if_alive
from coprod.ui.operations import data_files
from coprod.ui.operations import settings as setting_ops
from coprod.ui.operations.run import read
from coprod.ui.pending import waiting_text
from coprod.ui.search import go_to_search
from coprod.ui.sync_status import SyncCorner
from coprod.ui.views.audit_log import AuditLogView
from coprod.ui.views.conflicts import ConflictsPage
from coprod.ui.views.privacy import show_personal_data
from coprod.ui.views.welcome import WelcomePage

if TYPE_CHECKING:
    from coprod.ui.views.dashboard import DashboardPage
    from coprod.ui.views.feedback import FeedbackPage
    from coprod.ui.views.lessons import LessonsPage
    from coprod.ui.views.owners import OwnersPage
    from coprod.ui.views.recommendations import RecommendationsPage
    from coprod.ui.views.reports import ReportsPage
    from coprod.ui.views.review import ReviewPage
    from coprod.ui.views.risks import RisksPage
    from coprod.ui.views.sessions import SessionsPage
    from coprod.ui.views.strategies import StrategiesPage

PAGE_KEYS = (
    "dashboard",
    "sessions",
    "feedback",
    "recommendations",
    "strategies",
    "owners",
    "review",
    "lessons",
    "reports",
    "risks",
)
PAGE_NAMES = {
    "dashboard": N_("page.dashboard"),
    "sessions": "page.sessions",
    "feedback": "page.feedback",
    "recommendations": N_("page.recommendations"),
    "strategies": "page.strategies",
    "owners": "page.owners",
    "review": N_("page.review"),
    "lessons": N_("page.lessons"),
    "reports": N_("page.reports"),
    "risks": N_("page.risks"),
}
DEFAULT_SIZE = QSize(1200, 800)
TITLE_BAR = 40  # pixels the window manager adds above the window, roughly
DB_FILTER = N_("ui.db_filter")


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        FocusRing.install()  # once per application: every window and dialog gets it
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(tr("ui.pages"))
        self.nav.setSpacing(3)
        self.pages = QStackedWidget(self)
        self.pages.setAccessibleName(tr("ui.current_page"))
        # Each page is made the first time it is shown or asked for: a start-up builds the
        # one page it opens on, not all ten (and loads the modules of the others only then).
        self._built: dict[str, QWidget] = {}
        self._waiting: dict[str, QWidget] = {}
        for key in PAGE_KEYS:
            self.nav.addItem(tr(PAGE_NAMES[key]))
            self._waiting[key] = QWidget(self.pages)
            self.pages.addWidget(self._waiting[key])
        # In the navigation only for a team server or a laptop copy of one (`_show_conflicts`).
        self.conflicts = ConflictsPage(ctx, self.pages)
        self.conflicts.hide()
        self.conflicts.sig_settled.connect(self._conflict_settled)
        # Not in the navigation: shown for an empty database and from Help > Getting started.
        self.welcome = WelcomePage(self.pages)
        self.welcome.sig_step_chosen.connect(self.take_first_step)
        self.pages.addWidget(self.welcome)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(self.fontMetrics().horizontalAdvance(tr(PAGE_NAMES[k])) for k in PAGE_KEYS)
        nav_width = widest + self.fontMetrics().averageCharWidth() * 4
        self.nav.setMinimumWidth(nav_width)
        self.nav.currentRowChanged.connect(self._show_row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        # The page list can be dragged shut on a small screen (Ctrl+1 to Ctrl+9 and the Go menu
        # still change page); the page itself never collapses.
        splitter.setCollapsible(0, True)
        splitter.setCollapsible(1, False)
        splitter.setSizes([nav_width, 1200 - nav_width])
        self.setCentralWidget(splitter)

        self.db_label = QLabel(self)
        self.db_label.setAccessibleName(tr("ui.db_open"))
        self.as_of_label = QLabel(self)
        self.as_of_label.setAccessibleName(tr("ui.as_of_name"))
        self.busy_label = QLabel(self)
        self.busy_label.setAccessibleName(tr("ui.busy_name"))
        self.pending_label = QLabel(self)
        self.pending_label.setAccessibleName(tr("pending.name"))
        # Bound methods, not lambdas, for the context's signals: Qt drops such a connection when
        # the window is deleted, where a lambda holding the window would keep it, and the context
        # it holds, alive for as long as the context's own objects.
        ctx.pending.sig_count_changed.connect(self._show_waiting)
        self.sync_corner = SyncCorner(ctx, self)  # a laptop copy's last sync, changes waiting, Sync
        self.sync_corner.sig_copy_changed.connect(lambda _copy: self._show_conflicts())
        for widget in (
            self.sync_corner,
            self.pending_label,
            self.db_label,
            self.as_of_label,
            self.busy_label,
        ):
            self.statusBar().addPermanentWidget(widget)
        ctx.runner.sig_busy_changed.connect(self._show_busy)
        ctx.bus.sig_failed.connect(self._show_failure)
        self._build_menus()
        self._show_database()

        settings.upgrade()
        geometry = settings.GEOMETRY.get()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        self.fit_to_screen()
        shown = settings.CURRENT_PAGE.get()
        self.nav.setCurrentRow(shown if 0 <= shown < len(PAGE_KEYS) else 1)
        ctx.bus.sig_database_replaced.connect(self._welcome_if_empty)
        self._welcome_if_empty()
        self.pending_label.setText(waiting_text(ctx.pending.shown_count()))
        ctx.pending.pump()  # what waited when the app last closed is saved now
        ctx.pending.catch_up_reader()

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setText(tr("ui.working") if busy else "")

    def _show_waiting(self, count: int) -> None:
        self.pending_label.setText(waiting_text(count))

    def _show_failure(self, exc: BaseException) -> None:
        show_problem(self, exc)

    def fit_to_screen(self) -> None:
        """Keep the window inside the screen it is on (a laptop's 1366x768, or 1280x720 at
        150%), leaving room for the title bar and the taskbar."""
        area = self.screen().availableGeometry()
        room = QSize(area.width(), area.height() - TITLE_BAR)
        size = self.size().boundedTo(room).expandedTo(self.minimumSizeHint().boundedTo(room))
        if size != self.size():
            self.resize(size)
        if not area.contains(self.frameGeometry()):
            self.move(area.topLeft() + QPoint((area.width() - size.width()) // 2, TITLE_BAR // 2))

    # --- menus ---------------------------------------------------------------------------
    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("menu.file"))
        self._action(file_menu, tr("menu.new_db"), self.new_database, QKeySequence.StandardKey.New)
        self._action(file_menu, tr("menu.open_db"), self.open_database_dialog, QKeySequence.StandardKey.Open)
        self.connect_action = self._action(file_menu, tr("menu.connect_server"), self.connect_to_server)
        file_menu.addAction(self.sync_corner.action)
        file_menu.addAction(self.sync_corner.moved_action)
        self.new_recommendation_action = self._action(
            file_menu, tr("menu.new_recommendation"), self.new_recommendation
        )
        self.recent_menu = file_menu.addMenu(tr("menu.recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._action(file_menu, tr("menu.import"), self.import_tracker, "Ctrl+I")
        self._action(
            file_menu, tr("menu.export"), lambda: data_files.choose_and_export(self.ctx, self), "Ctrl+Shift+E"
        )
        self._action(file_menu, tr("menu.merge"), lambda: data_files.choose_and_merge(self.ctx, self))
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, tr("menu.backup"), self.back_up_now, "Ctrl+Shift+B")
        self.restore_action = self._action(file_menu, tr("menu.restore"), self.restore_backup)
        file_menu.addSeparator()
        self._action(file_menu, tr("menu.quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(tr("menu.edit"))
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, tr("menu.undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, tr("menu.redo"))
        # Both common redo keys, whatever the desktop's own convention is.
        redo_keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        for extra in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
            if extra not in redo_keys:
                redo_keys.append(extra)
        self.redo_action.setShortcuts(redo_keys)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(edit_menu, tr("menu.find"), self.find_in_page, QKeySequence.StandardKey.Find)
        edit_menu.addSeparator()
        self._action(edit_menu, tr("menu.preferences"), self.preferences, "Ctrl+,")

        go_menu = bar.addMenu(tr("menu.go"))
        for n, key in enumerate(PAGE_KEYS):  # the tenth page is Ctrl+0
            keys = f"Ctrl+{(n + 1) % 10}"
            self._action(go_menu, tr(PAGE_NAMES[key]), lambda n=n: self.nav.setCurrentRow(n), keys)

        tools_menu = bar.addMenu(tr("menu.tools"))
        self._action(tools_menu, tr("menu.audit_log"), self.show_audit_log, "Ctrl+Shift+L")
        self._action(
            tools_menu, tr("menu.personal_data"), lambda: show_personal_data(self, self.ctx), "Ctrl+Shift+P"
        )

        help_menu = bar.addMenu(tr("menu.help"))
        self._action(help_menu, tr("menu.getting_started"), self.show_welcome)
        self._action(help_menu, tr("menu.about"), lambda: show_about(self))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = settings.RECENT_FILES.get()
        if not files:
            action = self.recent_menu.addAction(tr("menu.no_recent"))
            action.setEnabled(False)
        for n, path in enumerate(files, start=1):
            self._action(self.recent_menu, f"&{n} {path}", lambda p=path: self.switch_database(p))

    # --- the pages, each made when first needed ---------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page `key` (one of PAGE_KEYS), made now if it has not been yet."""
        built = self._built.get(key)
        if built is not None:
            return built
        placeholder = self._waiting.pop(key)
        index = self.pages.indexOf(placeholder)
        current = self.pages.currentIndex() == index
        page = self._built[key] = self._make(key)
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        if current:
            self.pages.setCurrentIndex(index)
        return page

    def _make(self, key: str) -> QWidget:
        ctx, parent = self.ctx, self.pages
        if key == "dashboard":
            from coprod.ui.views.dashboard import DashboardPage

            dashboard = DashboardPage(ctx, parent)
            dashboard.sig_filter_requested.connect(self.show_recommendations)
            dashboard.risk_map.sig_cell_chosen.connect(self.show_risk_cell)
            return dashboard
        if key == "sessions":
            from coprod.ui.views.sessions import SessionsPage

            return SessionsPage(ctx, parent)
        if key == "feedback":
            from coprod.ui.views.feedback import FeedbackPage

            return FeedbackPage(ctx, parent)
        if key == "recommendations":
            from coprod.ui.views.recommendations import RecommendationsPage

            return RecommendationsPage(ctx, parent)
        if key == "strategies":
            from coprod.ui.views.strategies import StrategiesPage

            return StrategiesPage(ctx, parent)
        if key == "owners":
            from coprod.ui.views.owners import OwnersPage

            return OwnersPage(ctx, parent)
        if key == "review":
            from coprod.ui.views.review import ReviewPage

            review = ReviewPage(ctx, parent)
            review.risks_due.sig_open_risk.connect(self.show_risk)
            review.sig_open_recommendation.connect(self.open_recommendation)
            return review
        if key == "lessons":
            from coprod.ui.views.lessons import LessonsPage

            lessons = LessonsPage(ctx, parent)
            lessons.sig_open_recommendation.connect(self.open_recommendation)
            return lessons
        if key == "reports":
            from coprod.ui.views.reports import ReportsPage

            return ReportsPage(ctx, parent)
        if key == "risks":
            from coprod.ui.views.risks import RisksPage

            return RisksPage(ctx, parent)
        raise KeyError(key)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            self.page(PAGE_KEYS[row])
        self.pages.setCurrentIndex(row)

    @property
    def dashboard(self) -> DashboardPage:
        return cast("DashboardPage", self.page("dashboard"))

    @property
    def sessions(self) -> SessionsPage:
        return cast("SessionsPage", self.page("sessions"))

    @property
    def feedback(self) -> FeedbackPage:
        return cast("FeedbackPage", self.page("feedback"))

    @property
    def recommendations(self) -> RecommendationsPage:
        return cast("RecommendationsPage", self.page("recommendations"))

    @property
    def strategies(self) -> StrategiesPage:
        return cast("StrategiesPage", self.page("strategies"))

    @property
    def owners(self) -> OwnersPage:
        return cast("OwnersPage", self.page("owners"))

    @property
    def review(self) -> ReviewPage:
        return cast("ReviewPage", self.page("review"))

    @property
    def lessons(self) -> LessonsPage:
        return cast("LessonsPage", self.page("lessons"))

    @property
    def reports(self) -> ReportsPage:
        return cast("ReportsPage", self.page("reports"))

    @property
    def risks(self) -> RisksPage:
        return cast("RisksPage", self.page("risks"))

    # --- moving between pages --------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def show_welcome(self) -> None:
        """The first steps for a new user (an empty database, or Help > Getting started)."""
        self.nav.setCurrentRow(-1)  # no page chosen, so choosing any page leaves the welcome
        self.pages.setCurrentWidget(self.welcome)
        self.welcome.focus_first_step()

    def _welcome_if_empty(self) -> None:
        start = self.nav.currentRow()

        def checked(empty: bool) -> None:
            if empty and self.nav.currentRow() == start:  # unless the user has moved on already
                self.show_welcome()

        read(self.ctx, lambda s: is_empty(session=s), on_done=if_alive(self, checked))

    def take_first_step(self, step: str) -> None:
        if step == "strategies":
            self.show_page(self.strategies)
            self.strategies.new_strategy()
        elif step == "owners":
            self.show_page(self.owners)
            self.owners.new_owner()
        elif step == "import":
            self.import_tracker()
        elif step == "session":
            self.show_page(self.sessions)
            self.sessions.new_session()

    def new_recommendation(self) -> None:
        self.show_page(self.recommendations)
        self.recommendations.new_recommendation()

    def show_recommendations(self, filters: dict[str, Any]) -> None:
        """The dashboard asked for the recommendations behind a figure."""
        # Filter first, then show: showing may start a reload that the filter must not overtake.
        self.recommendations.show_filtered(**filters)
        self.show_page(self.recommendations)

    def show_risk_cell(self, cell: tuple[int, int]) -> None:
        """The heat map asked for the open risks in one (likelihood, impact) cell."""
        self.risks.show_cell(cell)
        self.show_page(self.risks)

    def show_risk(self, reference: str) -> None:
        """Show one risk on the Risks page (from the review page's list of risks due)."""
        self.risks.show_reference(reference)
        self.show_page(self.risks)

    def open_recommendation(self, rid: uuid.UUID) -> None:
        """Show one recommendation on its page (from the review queue or the lessons log)."""
        page = self.recommendations
        model = page.model

        def select() -> bool:
            row = model.row_of(rid)
            if row >= 0:
                page.table.selectRow(row)  # the page keeps it selected through later reloads
                page.table.setFocus()
            return row >= 0

        def after_reset() -> None:
            model.modelReset.disconnect(after_reset)
            QTimer.singleShot(0, select)  # after the page has put back its own selection

        page.show_filtered()  # every recommendation, so the one asked for is there
        self.show_page(page)
        if not select():  # not loaded yet: select it when the rows arrive
            model.modelReset.connect(after_reset)

    # --- actions -------------------------------------------------------------------------
    def current_page(self) -> QWidget | None:
        return self.pages.currentWidget()

    def find_in_page(self) -> None:
        """Ctrl+F: to the search box of the page shown, whichever page that is."""
        go_to_search(self.current_page())

    def preferences(self) -> None:
        def opened(loaded: tuple[TeamRules, Organisation]) -> None:
            rules, organisation = loaded
            self.prefs = PreferencesDialog(self.ctx, rules=rules, organisation=organisation, parent=self)
            self.prefs.open()

        setting_ops.load_preferences(self.ctx, on_done=opened)

    def back_up_now(self) -> None:
        workspace = self.ctx.workspace
        if workspace.path is None:
            self.statusBar().showMessage(tr("ui.backup_memory"), 8000)
            return
        self.ctx.runner.run(
            lambda: backup.take(workspace, "manual"),  # also prunes to the team's number of copies
            on_done=lambda dest: self.statusBar().showMessage(tr("ui.backup_done", path=dest), 10000),
            on_error=lambda exc: show_problem(self, exc),
        )

    def import_tracker(self) -> None:
        self.import_wizard = ImportWizard(self.ctx, self)
        self.import_wizard.open()

    def show_audit_log(self) -> None:
        """The append-only log of every change, in its own window so a page stays in view."""
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("ui.audit.title"))
        dialog.setAccessibleName(tr("ui.audit.title"))
        view = AuditLogView(self.ctx, dialog)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(tr("ui.close"))
        close.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(close)
        dialog.resize(self.width() * 4 // 5, self.height() * 4 // 5)
        view.reload()
        dialog.open()
        self.audit_dialog = dialog

    def restore_backup(self) -> None:
        self.restore_dialog = RestoreDialog(self.ctx, self)
        self.restore_dialog.sig_restored.connect(lambda _backup: self._show_database())
        self.restore_dialog.open()

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("menu.new_db_title"), str(self._folder()), tr(DB_FILTER)
        )
        if path:
            self.switch_database(path, create=True)

    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("menu.open_db_title"), str(self._folder()), tr(DB_FILTER)
        )
        if path:
            self.switch_database(path)

    def _folder(self) -> Path:
        path = self.ctx.workspace.path
        return path.parent if path is not None else Path.home()

    def connect_to_server(self) -> None:
        """File > Connect to team server: the workspace on the team's PostgreSQL server."""
        self.connect_dialog = ConnectDialog(self.ctx, self)
        self.connect_dialog.sig_connected.connect(self._connected)
        self.connect_dialog.open()

    def _connected(self, workspace: Workspace) -> None:
        self.use_database(workspace)
        if self.connect_dialog.not_kept:
            self.statusBar().showMessage(tr("ui.connect.not_kept"), 10000)

    def use_database(self, workspace: Workspace) -> None:
        """Work in `workspace` from now on, closing the one open until now."""
        old = self.ctx.workspace
        self.ctx.workspace = workspace
        self.ctx.undo_stack.clear()  # undo steps belong to the database they were made in
        old.close()
        self._show_database()
        self.ctx.bus.sig_database_replaced.emit()

    def switch_database(self, path: str, *, create: bool = False) -> None:
        """Open another database on the worker; on a problem keep the current one open."""
        self.ctx.runner.run(
            lambda: open_workspace(path, create=create),
            on_done=self.use_database,
            on_error=lambda exc: show_problem(self, exc, way_forward=tr("ui.kept_current")),
        )

    def _show_database(self) -> None:
        workspace = self.ctx.workspace
        login = describe_server(workspace)
        if login is not None:
            label = tr("ui.server_title", database=login.database, server=login.server)
            self.db_label.setText(tr("ui.server_label", server=login.server, user=login.user))
        else:
            label = workspace.path.name if workspace.path else workspace.label
            self.db_label.setText(tr("ui.db_label", label=workspace.label))
        self.setWindowTitle(tr("ui.window_title", label=label))
        self.as_of_label.setText(tr("ui.as_of", date=long_day(self.ctx.as_of)))
        self.backup_action.setEnabled(workspace.path is not None)
        self.restore_action.setEnabled(workspace.path is not None and not workspace.read_only)
        if workspace.path is not None:
            settings.remember_file(str(workspace.path))
        self._show_conflicts()
        self.sync_corner.refresh()

    def _show_conflicts(self) -> None:
        """The Conflicts page is listed for a team server or a laptop copy of one."""
        wanted = describe_server(self.ctx.workspace) is not None or self.sync_corner.status is not None
        listed = self.pages.indexOf(self.conflicts) >= 0
        if wanted and not listed:
            self.pages.insertWidget(len(PAGE_KEYS), self.conflicts)
            self.nav.addItem(tr("page.conflicts"))
        elif listed and not wanted:
            if self.nav.currentRow() == len(PAGE_KEYS):
                self.nav.setCurrentRow(0)
            self.nav.takeItem(len(PAGE_KEYS))
            self.pages.removeWidget(self.conflicts)
            self.conflicts.hide()

    def _conflict_settled(self, _settled: Settled) -> None:
        if self.sync_corner.status is not None:
            self.sync_corner.sync(quiet=True)  # the settled value reaches this laptop now

    def closeEvent(self, event: QCloseEvent) -> None:
        store = QSettings()  # one store, written to disk once, not once a value
        settings.GEOMETRY.set(self.saveGeometry(), store)
        settings.CURRENT_PAGE.set(self.nav.currentRow(), store)
        for n in range(self.pages.count()):
            page = self.pages.widget(n)
            save = getattr(page, "save_state", None)
            if save is not None:
                save(store)
        store.sync()
        self.ctx.runner.wait()  # let saves already asked for reach the disk
        self.ctx.pending.stop()  # what still waits stays on disk for the next start
        super().closeEvent(event)
