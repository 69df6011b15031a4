"""PostgreSQL's refusals (SQLSTATE 42501: no privilege, or a row-level security check) as one
sentence naming the user's role and what they may not touch.

The refusal aborts the transaction, so nothing more can be asked of the server then: each
new connection learns its login's coprod role once, and a refused statement's error carries
it to `coprod.persistence.errors.classify`.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

from coprod.domain.errors import DatabaseProblem, Phrase
from coprod.persistence.server import ROLES

REFUSED = "42501"
ROLE_KEY = "coprod_role"
LOGIN_KEY = "coprod_login"  # read by the audit log: on a server, the login is the actor
_ROLE_QUERY = (
    "SELECT current_user::text, (SELECT g.rolname FROM pg_auth_members m "
    "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
    "WHERE u.rolname = current_user AND g.rolname IN ("
    + ", ".join(f"'coprod_{r}'" for r in ROLES)
    + ") ORDER BY g.rolname LIMIT 1)"
)
_TABLE = re.compile(r'(?:for table|for function|on table|of relation) "?([\w]+)"?', re.IGNORECASE)
_USER_FUNCTIONS = ("coprod_add_user", "coprod_change_user")

ROLE_NAMES = {
    "officer": Phrase("server.role.officer"),
    "manager": Phrase("server.role.manager"),
    "viewer": Phrase("server.role.viewer"),
    "ig_lead": Phrase("server.role.ig_lead"),
    "admin": Phrase("server.role.admin"),
}
THINGS = {
    "engagement_session": Phrase("server.things.engagement_session"),
    "session_strategy": Phrase("server.things.engagement_session"),
    "feedback": Phrase("server.things.feedback"),
    "feedback_theme": Phrase("server.things.feedback"),
    "theme": Phrase("server.things.theme"),
    "recommendation": Phrase("server.things.recommendation"),
    "recommendation_feedback": Phrase("server.things.recommendation"),
    "recommendation_update": Phrase("server.things.recommendation_update"),
    "status_change": Phrase("server.things.recommendation"),
    "target_change": Phrase("server.things.recommendation"),
    "owner_change": Phrase("server.things.recommendation"),
    "review": Phrase("server.things.review"),
    "lesson": Phrase("server.things.lesson"),
    "risk": Phrase("server.things.risk"),
    "risk_review": Phrase("server.things.risk"),
    "risk_escalation": Phrase("server.things.risk"),
    "risk_mitigation": Phrase("server.things.risk"),
    "strategy": Phrase("server.things.strategy"),
    "owner": Phrase("server.things.owner"),
    "setting": Phrase("server.things.setting"),
    "published_report": Phrase("server.things.published_report"),
    "participant": Phrase("server.things.participant"),
    "consent": Phrase("server.things.consent"),
    "erasure": Phrase("server.things.erasure"),
    "audit_event": Phrase("server.things.audit_event"),
    "team_member": Phrase("server.things.team_member"),
    "coprod_add_user": Phrase("server.things.team_member"),
    "coprod_change_user": Phrase("server.things.team_member"),
}


@event.listens_for(Engine, "connect")
def _learn_role(dbapi_conn: Any, record: Any) -> None:
    """Each server connection notes its login's coprod role (None for an owner or superuser)."""
    if not type(dbapi_conn).__module__.startswith("psycopg"):
        return
    with dbapi_conn.cursor() as cursor:
        cursor.execute(_ROLE_QUERY)
        row = cursor.fetchone()
    dbapi_conn.rollback()
    login, name = row if row else (None, None)
    record.info[LOGIN_KEY] = login
    record.info[ROLE_KEY] = name.removeprefix("coprod_") if name else None


@event.listens_for(Engine, "handle_error")
def _carry_role(context: ExceptionContext) -> None:
    if getattr(context.original_exception, "sqlstate", None) != REFUSED:
        return
    if context.connection is not None and context.sqlalchemy_exception is not None:
        role = context.connection.info.get(ROLE_KEY)
        context.sqlalchemy_exception.server_role = role  # type: ignore[attr-defined]


def is_refusal(exc: BaseException) -> bool:
    return getattr(getattr(exc, "orig", None) or exc, "sqlstate", None) == REFUSED


def refused_problem(exc: BaseException) -> DatabaseProblem:
    """'Your role (viewer) cannot change recommendations.' for a refused statement."""
    message = str(getattr(exc, "orig", None) or exc)
    found = _TABLE.search(message)
    table = found.group(1) if found else ""
    things = THINGS.get(table, Phrase("server.things.other"))
    statement = str(getattr(exc, "statement", "") or "").lstrip().upper()
    reading = statement.startswith(("SELECT", "WITH")) and "FOR UPDATE" not in statement
    reading = reading and table not in _USER_FUNCTIONS  # called with SELECT, but they change logins
    role = getattr(exc, "server_role", None)
    if role in ROLE_NAMES and reading:
        return DatabaseProblem("db.refused.see", role=ROLE_NAMES[role], things=things)
    if role in ROLE_NAMES:
        return DatabaseProblem("db.refused.change", role=ROLE_NAMES[role], things=things)
    if reading:
        return DatabaseProblem("db.refused.see_login", things=things)
    return DatabaseProblem("db.refused.change_login", things=things)
