"""What each role may do, table by table and column by column, as data.

A role that must not see some columns of a table is granted SELECT on a list of the others:
PostgreSQL lets a table-wide SELECT override a column REVOKE, so nothing is granted
table-wide to it. Tables this list does not name (added by a later upgrade) are readable by
every role but the admin and writable by officers and managers; `coprod server init` run
again after the upgrade grants them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SESSIONS = ("engagement_session", "session_strategy", "feedback", "feedback_theme", "theme")
RECOMMENDATIONS = (
    "recommendation",
    "recommendation_feedback",
    "recommendation_update",
    "status_change",
    "target_change",
    "owner_change",
    "review",
    "lesson",
)
RISKS = ("risk", "risk_review", "risk_escalation", "risk_mitigation")
REFERENCE = ("strategy", "owner", "setting", "published_report")
PEOPLE = ("participant", "consent", "erasure")
CONTENT = SESSIONS + RECOMMENDATIONS + RISKS + REFERENCE
AUDIT = "audit_event"
MEMBERS = "team_member"
VERSION_TABLE = "alembic_version"
# Sync (migration 0012): change numbers only its trigger writes, operations laptops sent, and
# conflicts, which managers settle. A laptop's outbox and state are nobody's on a server.
SYNC_READ, SYNC_SENT, SYNC_CONFLICT = "sync_change", "sync_applied", "sync_conflict"
SYNC_LAPTOP = ("sync_outbox", "sync_state")
SETTLE = ("settled", "settled_by", "settled_at")
KNOWN = frozenset(
    (*CONTENT, *PEOPLE, AUDIT, MEMBERS, VERSION_TABLE, SYNC_READ, SYNC_SENT, SYNC_CONFLICT, *SYNC_LAPTOP)
)

# Columns holding who a person is, which a viewer (a board member) never sees. Officers and
# managers read them: capture looks people up, and reports are scanned for their names so
# none is printed.
PERSONAL = {"participant": frozenset({"name", "contact"})}
# Columns nobody changes through coprod: the key, and the team a record belongs to.
FIXED = frozenset({"id", "team"})
# Columns every write of a record touches besides what the user changed.
BOOKKEEPING = ("updated_at", "version")
# What the information governance lead may change in feedback: erasure blanks a person's words.
ERASURE_FEEDBACK = ("text", "is_verbatim", "participant_id")
# The audit chain's head, which every writer reads to append the next event.
CHAIN_HEAD = ("seq", "hash")

# Officers log sessions and feedback and work on their team's recommendations; reviews,
# lessons and owner changes are decisions for managers.
OFFICER_WRITES: tuple[str, ...] = (*SESSIONS, "recommendation", "recommendation_feedback")
OFFICER_WRITES += ("recommendation_update", "status_change", "target_change")
OFFICER_DELETES = ("session_strategy", "feedback_theme", "recommendation_feedback")


@dataclass(frozen=True)
class Grant:
    """One privilege of one group on one table, on some columns only if `columns` is given."""

    role: str
    privilege: str
    table: str
    columns: tuple[str, ...] | None = None


def grants(schema: Mapping[str, Sequence[str]]) -> list[Grant]:
    """Every grant for a database whose tables and their columns are `schema`."""
    tables = set(schema)
    unknown = sorted(tables - KNOWN)
    content = [t for t in (*CONTENT, *unknown) if t in tables]
    out: list[Grant] = []

    def add(role: str, privilege: str, names: Iterable[str]) -> None:
        out.extend(Grant(role, privilege, t) for t in names if t in tables)

    def updatable(table: str) -> tuple[str, ...]:
        return tuple(c for c in schema[table] if c not in FIXED)

    def without_personal(table: str) -> tuple[str, ...]:
        return tuple(c for c in schema[table] if c not in PERSONAL.get(table, ()))

    for role in ("officer", "manager", "viewer", "ig_lead", "admin"):
        add(role, "SELECT", [VERSION_TABLE])
        add(role, "INSERT", [AUDIT])
        if role != "ig_lead" and AUDIT in tables:
            out.append(Grant(role, "SELECT", AUDIT, tuple(c for c in CHAIN_HEAD if c in schema[AUDIT])))
    for role in ("officer", "manager"):
        add(role, "SELECT", [*content, *PEOPLE])
        add(role, "INSERT", ["participant"])
    writes = [*OFFICER_WRITES, *unknown]
    add("officer", "INSERT", writes)
    out.extend(Grant("officer", "UPDATE", t, updatable(t)) for t in writes if t in tables)
    add("officer", "DELETE", [*OFFICER_DELETES, *unknown])
    add("manager", "INSERT", content)
    out.extend(Grant("manager", "UPDATE", t, updatable(t)) for t in content)
    add("manager", "DELETE", content)
    add("viewer", "SELECT", content)
    if "participant" in tables:
        out.append(Grant("viewer", "SELECT", "participant", without_personal("participant")))
    add("ig_lead", "SELECT", [*content, *PEOPLE, AUDIT])
    for privilege in ("INSERT", "UPDATE", "DELETE"):
        add("ig_lead", privilege, PEOPLE)
    if "feedback" in tables:
        columns = tuple(c for c in (*ERASURE_FEEDBACK, *BOOKKEEPING) if c in schema["feedback"])
        out.append(Grant("ig_lead", "UPDATE", "feedback", columns))
    add("admin", "SELECT", [MEMBERS])
    for role in ("officer", "manager", "viewer", "ig_lead"):
        add(role, "SELECT", [SYNC_READ, SYNC_SENT, SYNC_CONFLICT])
        add(role, "INSERT", [SYNC_SENT, SYNC_CONFLICT])
    if SYNC_CONFLICT in tables:
        out.append(Grant("manager", "UPDATE", SYNC_CONFLICT, SETTLE))
        # An erasure blanks both values of a conflict over the person's words, and settles it.
        out.append(Grant("ig_lead", "UPDATE", SYNC_CONFLICT, ("kept_value", "other_value", *SETTLE)))
    return out
