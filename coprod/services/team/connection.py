"""Connecting to the team's PostgreSQL server: a login (server, database, user, how safe the
connection must be), its URL, and its password in the operating system's credential store.

The GUI's connection dialog and the command line's `--db postgresql://...` end at the same
`open_database`; the command line finds a remembered password through `resolve`, which
looks it up under the same name as `remember_password` keeps it.
"""

from __future__ import annotations

import getpass
import re
from dataclasses import dataclass

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from coprod.domain.errors import RuleViolation
from coprod.persistence import credentials
from coprod.persistence.credentials import PasswordStoreMissing
from coprod.persistence.database import open_database
from coprod.persistence.errors import server_place
from coprod.services.common.store import Store
from coprod.services.workspace import Workspace

__all__ = [
    "SECURITY_MODES",
    "Connected",
    "PasswordStoreMissing",
    "ServerCheck",
    "ServerLogin",
    "check_server",
    "describe",
    "forget_password",
    "login_from_url",
    "open_server",
    "parse_server",
    "remember_password",
    "stored_password",
]

# libpq's sslmode, safest first: check the certificate and the server's name; encrypt without
# checking who answers (a test server with a home-made certificate); no encryption at all.
SECURITY_MODES = ("verify-full", "require", "disable")
DEFAULT_DATABASE = "coprod"
_HOST_PORT = re.compile(r"^\s*(?:\[(?P<v6>[^\]]+)\]|(?P<host>[^:\s]+))(?::(?P<port>[^:\s]*))?\s*$")


@dataclass(frozen=True, slots=True)
class ServerLogin:
    """Who connects to which database on which server, and how safely. No password: that lives
    in the credential store or only for as long as one connection is made."""

    host: str
    port: int | None
    database: str
    user: str
    sslmode: str = "verify-full"

    @property
    def server(self) -> str:
        """The server as people name it: `db.council.local`, or `db.council.local:5433`."""
        return server_place(self.host, self.port)

    @property
    def place(self) -> str:
        """Who signs in where, as people read it: `sam@db.council.local/coprod`."""
        return f"{self.user}@{self.server}/{self.database}"

    @property
    def safe(self) -> bool:
        return self.sslmode == "verify-full"

    def url(self, password: str | None = None) -> str:
        """The URL `open_database` takes; with no password, `resolve` looks for a remembered one."""
        made = URL.create(
            "postgresql",
            username=self.user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            query={"sslmode": self.sslmode},
        )
        return made.render_as_string(hide_password=False)

    def remembered(self) -> str:
        """The login as kept among the recent servers in the user's settings (no password)."""
        return self.url(None)

    @property
    def key(self) -> str:
        return credentials.login_name(self.user, self.host, self.port, self.database)


@dataclass(frozen=True, slots=True)
class ServerCheck:
    """What a test connection found: the server's version and whether coprod is set up there."""

    version: str
    has_workspace: bool


def parse_server(text: str) -> tuple[str, int | None]:
    """`host`, `host:port` or `[ipv6]:port` as typed; RuleViolation for a port that is not one."""
    found = _HOST_PORT.match(text)
    if found is None:
        raise RuleViolation("server.bad_address", text=text.strip())
    host = found.group("v6") or found.group("host")
    port_text = found.group("port")
    if port_text in (None, ""):
        return host, None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise RuleViolation("server.bad_port", port=port_text)
    return host, int(port_text)


def login_from_url(url: str) -> ServerLogin | None:
    """The login a server URL names (None for a database file)."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001  (a damaged recent-servers entry is only skipped)
        return None
    if parsed.get_backend_name() != "postgresql":
        return None
    return ServerLogin(
        host=parsed.host or str(parsed.query.get("host") or "localhost"),
        port=parsed.port,
        database=parsed.database or DEFAULT_DATABASE,
        # libpq signs in as the computer's user when the URL names none
        user=parsed.username or getpass.getuser(),
        sslmode=str(parsed.query.get("sslmode") or "verify-full"),
    )


def describe(db: Store) -> ServerLogin | None:
    """The server login of an open database (for the status bar); None for a file."""
    return login_from_url(db.database.url) if db.path is None else None


def stored_password(login: ServerLogin) -> str | None:
    return credentials.stored_password(login.key)


def remember_password(login: ServerLogin, password: str) -> None:
    """Keep the password in the credential store; PasswordStoreMissing when there is none."""
    credentials.store_password(login.key, password)


def forget_password(login: ServerLogin) -> None:
    credentials.delete_password(login.key)


def check_server(login: ServerLogin, password: str | None) -> ServerCheck:
    """Connect once and look (nothing is changed): DatabaseProblem with one sentence if not."""
    db = open_database(login.url(password), create=False, migrate_schema=False)
    try:
        with db.reading() as session:
            conn = session.connection()
            version = str(conn.exec_driver_sql("SHOW server_version").scalar() or "").split(" ")[0]
            has_workspace = "alembic_version" in inspect(conn).get_table_names()
    finally:
        db.close()
    return ServerCheck(version=version, has_workspace=has_workspace)


@dataclass(frozen=True, slots=True)
class Connected:
    """The workspace opened on a server, and whether a password asked to be kept could not be."""

    workspace: Workspace
    password_not_kept: bool = False


def keep_password(login: ServerLogin, password: str | None, *, remember: bool) -> bool:
    """Keep `password` for `login` in the credential store if asked, or forget one kept before
    if not; False when asked to keep it and there is no store that can."""
    if not remember:
        forget_password(login)
    elif password:
        try:
            remember_password(login, password)
        except PasswordStoreMissing:
            return False
    return True


def open_server(login: ServerLogin, password: str | None, *, remember: bool) -> Connected:
    """Open the workspace on the server, as File > Open does a file; once in, keep the password
    in the credential store if asked (or forget one kept before, if not)."""
    db = open_database(login.url(password), create=False)
    kept = keep_password(login, password, remember=remember)
    return Connected(Workspace(db), password_not_kept=not kept)  # connected all the same
