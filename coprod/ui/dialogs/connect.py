"""File > Connect to team server: server, database, user and password, how safe the connection
must be, a test, and the servers used before (kept without their passwords)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coprod.domain.errors import CoprodError
from coprod.i18n import N_, tr
from coprod.services.team.connection import (
    SECURITY_MODES,
    Connected,
    ServerCheck,
    ServerLogin,
    check_server,
    login_from_url,
    open_server,
    parse_server,
    stored_password,
)
from coprod.ui.context import AppContext
from coprod.ui.errors import plain_message
from coprod.ui.guard import if_alive
from coprod.ui.settings import Option

MAX_RECENT_SERVERS = 8
# Logins used before, as URLs without a password: the password lives in the credential store.
RECENT_SERVERS: Option[list[str]] = Option("servers/recent", [], list)
LAST_USER: Option[str] = Option("servers/last_user", "", str)

# What a lower security choice gives up, said in words beside a warning icon.
_WARNINGS = {
    "require": N_("ui.connect.less_safe.require"),
    "disable": N_("ui.connect.less_safe.disable"),
}
_MODE_TEXT = {
    "verify-full": N_("ui.connect.mode.verify-full"),
    "require": N_("ui.connect.mode.require"),
    "disable": N_("ui.connect.mode.disable"),
}


def remember_server(login: ServerLogin) -> list[str]:
    """Put `login` first among the recent servers; returns the new list."""
    entry = login.remembered()
    kept = [entry, *(e for e in RECENT_SERVERS.get() if e != entry)][:MAX_RECENT_SERVERS]
    RECENT_SERVERS.set(kept)
    LAST_USER.set(login.user)
    return kept


class ConnectDialog(QDialog):
    sig_connected = Signal(object)
    """Emitted with the opened Workspace once the workspace on the server is open."""

    sig_moved = Signal(object, object, bool)
    """With `moved_from`: emitted with the ServerLogin, password (or None) and whether to keep
    it, for the laptop copy to sync with its server at that address."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, moved_from: str | None = None
    ) -> None:
        """`moved_from`: the address a laptop copy syncs with; the dialog then asks for the
        server's new one, and Sync hands it over (sig_moved) instead of opening it."""
        super().__init__(parent)
        self.ctx = ctx
        self.moved_from = moved_from
        self._busy = False  # a test or a connection is under way
        self.not_kept = False  # connected, but the password asked to be kept could not be
        title = tr("ui.connect.moved_title") if moved_from else tr("ui.connect.title")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        was = login_from_url(moved_from) if moved_from else None
        words = tr("ui.connect.moved_intro", server=was.place) if was else tr("ui.connect.intro")
        intro = QLabel(words, self)
        intro.setWordWrap(True)

        self.recent = QComboBox(self)
        self.recent.setAccessibleName(tr("ui.connect.recent_name"))
        self.server = QLineEdit(self)
        self.server.setAccessibleName(tr("ui.connect.server_name"))
        self.server.setPlaceholderText(tr("ui.connect.server_hint"))
        self.database_name = QLineEdit("coprod", self)
        self.database_name.setAccessibleName(tr("ui.connect.database_name"))
        self.user = QLineEdit(LAST_USER.get(), self)
        self.user.setAccessibleName(tr("ui.connect.user_name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("ui.connect.password_name"))
        self.remember = QCheckBox(tr("ui.connect.remember"), self)
        self.remember.setAccessibleName(tr("ui.connect.remember").replace("&", ""))
        self.remember.setToolTip(tr("ui.connect.remember_hint"))
        self.remember.setAccessibleDescription(tr("ui.connect.remember_hint"))
        self.security = QComboBox(self)
        self.security.setAccessibleName(tr("ui.connect.security_name"))
        for mode in SECURITY_MODES:
            self.security.addItem(tr(_MODE_TEXT[mode]), mode)
        # Said in words with a warning icon, never by colour alone.
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.warning_icon = QLabel(self)
        size = self.fontMetrics().height() * 3 // 2
        self.warning_icon.setPixmap(icon.pixmap(size, size))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.recent_label = self._row(form, N_("ui.connect.recent"), self.recent)
        self._row(form, N_("ui.connect.server"), self.server)
        self._row(form, N_("ui.connect.database"), self.database_name)
        self._row(form, N_("ui.connect.user"), self.user)
        self._row(form, N_("ui.connect.password"), self.password)
        form.addRow("", self.remember)
        self._row(form, N_("ui.connect.security"), self.security)
        self.warning_box = QWidget(self)
        warning_row = QHBoxLayout(self.warning_box)
        warning_row.setContentsMargins(0, 0, 0, 0)
        warning_row.addWidget(self.warning_icon, 0, Qt.AlignmentFlag.AlignTop)
        warning_row.addWidget(self.warning, 1)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("ui.connect.status_name"))
        self.buttons = QDialogButtonBox(self)
        self.test_button = QPushButton(tr("ui.connect.test"), self)
        self.test_button.setAccessibleName(tr("ui.connect.test").replace("&", ""))
        go = tr("ui.connect.sync") if moved_from else tr("ui.connect.connect")
        self.connect_button = QPushButton(go, self)
        self.connect_button.setAccessibleName(go.replace("&", ""))
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(cancel.text().replace("&", ""))
        self.test_button.clicked.connect(self.test_connection)
        self.connect_button.clicked.connect(self.connect_to_server)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warning_box)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 76)

        for edit in (self.server, self.database_name, self.user):
            edit.textChanged.connect(self._update_buttons)
        self.security.currentIndexChanged.connect(self._update_warning)
        self._fill_recent()
        if was is not None:
            self.show_login(was)  # the login and database stay; the address is what changes
        self.recent.activated.connect(self._recent_chosen)
        self._update_warning()
        self._update_buttons()
        self.server.setFocus()

    def _row(self, form: QFormLayout, text_id: str, field: QWidget) -> QLabel:
        label = QLabel(tr(text_id), self)
        label.setBuddy(field)
        form.addRow(label, field)
        return label

    # --- recent servers ------------------------------------------------------------------
    def _fill_recent(self) -> None:
        logins = [login for e in RECENT_SERVERS.get() if (login := login_from_url(e)) is not None]
        self.recent.clear()
        self.recent.addItem(tr("ui.connect.recent_none"), None)
        for login in logins:
            self.recent.addItem(login.place, login)
        shown = bool(logins)
        self.recent.setVisible(shown)
        self.recent_label.setVisible(shown)
        if logins:
            self.recent.setCurrentIndex(1)
            self.show_login(logins[0])

    def _recent_chosen(self, index: int) -> None:
        login = self.recent.itemData(index)
        if isinstance(login, ServerLogin):
            self.show_login(login)

    def show_login(self, login: ServerLogin) -> None:
        """Fill the form with a login used before, and its password if the store keeps one."""
        self.server.setText(login.server)
        self.database_name.setText(login.database)
        self.user.setText(login.user)
        self.security.setCurrentIndex(max(self.security.findData(login.sslmode), 0))
        kept = stored_password(login)
        self.password.setText(kept or "")
        self.remember.setChecked(kept is not None)

    # --- the form ------------------------------------------------------------------------
    def login(self) -> ServerLogin:
        """The login the form describes; RuleViolation for a server written wrongly."""
        host, port = parse_server(self.server.text())
        return ServerLogin(
            host=host,
            port=port,
            database=self.database_name.text().strip(),
            user=self.user.text().strip(),
            sslmode=str(self.security.currentData()),
        )

    def _update_warning(self) -> None:
        mode = self.security.currentData()
        if mode in _WARNINGS:
            self.warning.setText(tr(_WARNINGS[mode]))
            self.warning.setAccessibleName(tr(_WARNINGS[mode]))
        self.warning_box.setVisible(mode in _WARNINGS)
        self._fit()

    def _fit(self) -> None:
        """Grow to show every line of a warning or a result that wraps, never shrinking."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def _update_buttons(self) -> None:
        filled = all(e.text().strip() for e in (self.server, self.database_name, self.user))
        for button in (self.test_button, self.connect_button):
            button.setEnabled(filled and not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self._fit()

    def _start(self) -> ServerLogin | None:
        try:
            login = self.login()
        except CoprodError as exc:
            self._say(plain_message(exc))
            self.server.setFocus()
            return None
        self._say(tr("ui.connect.testing", server=login.server))
        self._set_busy(True)
        return login

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._say(plain_message(exc))

    # --- actions -------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Connect once and say what was found, or why not; nothing is opened or kept."""
        login = self._start()
        if login is None:
            return
        password = self.password.text() or None

        def done(found: ServerCheck) -> None:
            self._set_busy(False)
            about = {"server": login.server, "user": login.user, "version": found.version}
            if found.has_workspace:
                self._say(tr("ui.connect.ok_workspace", **about))
            else:
                self._say(tr("ui.connect.ok_empty", database=login.database, **about))

        # No database work queues behind it, and none waits for it: the general pool.
        self.ctx.pool.run(
            lambda: check_server(login, password),
            on_done=if_alive(self, done),
            on_error=if_alive(self, self._failed),
        )

    def connect_to_server(self) -> None:
        """Open the workspace on the server through the same service File > Open uses (or,
        for a laptop copy's moved server, hand the login over to sync with)."""
        if self.moved_from is not None:
            try:
                new = self.login()
            except CoprodError as exc:
                self._say(plain_message(exc))
                self.server.setFocus()
                return
            self.sig_moved.emit(new, self.password.text() or None, self.remember.isChecked())
            self.accept()
            return
        login = self._start()
        if login is None:
            return
        password = self.password.text() or None
        remember = self.remember.isChecked()

        def done(connected: Connected) -> None:
            if not shiboken6.isValid(self) or not self.isVisible():  # closed while connecting
                connected.workspace.close()
                return
            self._set_busy(False)
            remember_server(login)
            self.not_kept = connected.password_not_kept
            self.sig_connected.emit(connected.workspace)
            self.accept()

        self.ctx.runner.run(
            lambda: open_server(login, password, remember=remember),
            on_done=done,
            on_error=if_alive(self, self._failed),
        )
