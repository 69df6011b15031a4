"""The team server's administration: making a PostgreSQL database coprod's, and its logins.

`coprod server ...` calls these; a future administration screen would call the same. Who may
do what is enforced by PostgreSQL itself (see `coprod.persistence.server`): these functions
only say it in a sentence when the server refuses.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.errors import RuleViolation
from coprod.persistence import audit
from coprod.persistence.database import Database, open_database
from coprod.persistence.errors import again_if_rolled_back
from coprod.persistence.repositories import settings
from coprod.persistence.server import ROLES
from coprod.persistence.server import install as sql
from coprod.persistence.server.install import Member

__all__ = ["ROLES", "Member", "ServerReady", "add_user", "change_user", "init_server", "list_users"]

_EXISTS, _MISSING, _RESERVED = "42710", "42704", "42939"


@dataclass(frozen=True)
class ServerReady:
    """What `init_server` did: the database made ready, and the admin login if one was made."""

    label: str
    admin: str | None
    claimed_team: str | None


def role_code(text: str) -> str:
    """A role as typed ("IG-lead", "ig lead") as coprod names it ("ig_lead"); refused if unknown."""
    code = text.strip().lower().replace("-", "_").replace(" ", "_")
    if code not in ROLES:
        raise RuleViolation("server.unknown_role", role=text, roles=", ".join(ROLES))
    return code


def _require_server(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise RuleViolation("server.needs_server", db=db.label)


def _login(text: str) -> str:
    login = text.strip()
    if not login:
        raise RuleViolation("server.login_empty")
    return login


def init_server(
    target: str, *, admin: str | None = None, password: str | None = None, team: str | None = None
) -> ServerReady:
    """Migrate `target`'s schema and install roles, grants and policies (again, if run before);
    give the server its identity if it has none yet (laptop copies follow it by that to a new
    address); with `admin`, make the first admin login; with `team`, give it the records of no
    team."""
    db = open_database(target, create=True)
    try:
        _require_server(db)

        def install() -> None:
            with db.transaction() as session:
                conn = session.connection()
                sql.install(conn, team=team.strip() if team else None)
                if settings.get_value(session=session, key=settings.SERVER_ID) is None:
                    settings.set_value(session=session, key=settings.SERVER_ID, value=str(uuid.uuid4()))
                if admin is not None:
                    _add(session, login=_login(admin), password=password, role="admin", team=None)

        again_if_rolled_back(install)
        return ServerReady(db.label, admin, team)
    finally:
        db.close()


def add_user(db: Database, *, login: str, role: str, team: str | None, password: str | None) -> Member:
    """A new login in `role`'s group and `team` (an admin's or the owner's work)."""
    _require_server(db)

    def add() -> Member | None:
        with db.transaction() as session:
            _add(session, login=_login(login), password=password, role=role_code(role), team=team)
            return sql.member(session.connection(), login.strip())

    found = again_if_rolled_back(add)
    assert found is not None
    return found


def _add(session: Session, *, login: str, password: str | None, role: str, team: str | None) -> None:
    with _explained(login):
        sql.add_user(session.connection(), login=login, password=password, role=role, team=team or None)
    audit.record(
        session,
        AuditAction.CREATE,
        table_name="team_member",
        row_id=login,
        changes=audit.field_changes("team_member", login, {"role": role, "team": team}),
    )


def change_user(
    db: Database,
    *,
    login: str,
    role: str | None = None,
    team: str | None = None,
    active: bool | None = None,
    clear_team: bool = False,
) -> Member:
    """Change a login's role or team, or stop it logging in (`active=False`); what is not given
    stays as it is."""
    _require_server(db)
    login = _login(login)
    with db.transaction() as session:
        conn = session.connection()
        now = sql.member(conn, login)
        if now is None:
            raise RuleViolation("server.no_such_user", login=login)
        new = Member(
            login,
            role_code(role) if role is not None else now.role,
            None if clear_team else (team if team is not None else now.team),
            now.active if active is None else active,
        )
        with _explained(login):
            sql.change_user(conn, login=login, role=new.role, team=new.team, active=new.active)
        changed = {
            k: getattr(new, k) for k in ("role", "team", "active") if getattr(new, k) != getattr(now, k)
        }
        if changed:
            audit.record(
                session,
                AuditAction.UPDATE,
                table_name="team_member",
                row_id=login,
                changes=audit.field_changes("team_member", login, changed),
            )
    return new


def list_users(db: Database) -> list[Member]:
    """Every login of the team server, by name."""
    _require_server(db)
    with db.reading() as session:
        return sql.members(session.connection())


@contextmanager
def _explained(login: str) -> Iterator[None]:
    """The server's refusals of a login change, as sentences about that login."""
    try:
        yield
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        if state == _EXISTS:
            raise RuleViolation("server.user_exists", login=login) from exc
        if state == _RESERVED:
            raise RuleViolation("server.login_reserved", login=login) from exc
        if state == _MISSING:
            raise RuleViolation("server.no_such_user", login=login) from exc
        raise
