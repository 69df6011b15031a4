"""The SQL that makes a coprod database a team server, and that manages its logins.

`install` is run by the database's owner or a superuser after the schema is migrated; every
statement can be run again (groups and policies are replaced, grants reset and given anew).
Logins are made and changed only through functions that run with the installer's rights and
that only the admin group may call: an admin needs no CREATEROLE of their own and can touch
no role outside coprod's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from coprod.persistence.server import ROLES, group
from coprod.persistence.server.grants import AUDIT, RECOMMENDATIONS, Grant, grants

GROUPS = tuple(group(r) for r in ROLES)
WRITERS = "coprod_officer, coprod_manager"
READERS = "coprod_officer, coprod_manager, coprod_viewer, coprod_ig_lead"
EVERYONE = ", ".join(GROUPS)

# Rows an officer or manager may write: those of their own team, or of their team's parent.
TEAM_RULES = {
    "engagement_session": "team = coprod_team()",
    "recommendation": "team = coprod_team()",
    "feedback": "coprod_session_team(session_id) = coprod_team()",
    **{t: "coprod_recommendation_team(recommendation_id) = coprod_team()" for t in RECOMMENDATIONS[1:]},
}

_LOOKUPS = (
    """CREATE OR REPLACE FUNCTION coprod_session_team(record uuid) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT team FROM engagement_session WHERE id = record $$""",
    """CREATE OR REPLACE FUNCTION coprod_recommendation_team(record uuid) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT team FROM recommendation WHERE id = record $$""",
)

_GROUP_ROLES = ", ".join(f"'{g}'" for g in GROUPS)
_USERS = (
    f"""CREATE OR REPLACE FUNCTION coprod_add_user(who text, secret text, what text, in_team text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
        IF 'coprod_' || what NOT IN ({_GROUP_ROLES}) THEN
            RAISE EXCEPTION 'unknown role %', what USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
            RAISE EXCEPTION 'role "%" already exists', who USING ERRCODE = 'duplicate_object';
        END IF;
        IF secret IS NULL THEN
            EXECUTE format('CREATE ROLE %I LOGIN', who);
        ELSE
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', who, secret);
        END IF;
        EXECUTE format('GRANT %I TO %I', 'coprod_' || what, who);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), who);
        INSERT INTO team_member (login, role, team, active) VALUES (who, what, in_team, true);
    END $$""",
    f"""CREATE OR REPLACE FUNCTION coprod_change_user(who text, what text, in_team text, enabled boolean)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
        old text;
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM team_member WHERE login = who) THEN
            RAISE EXCEPTION 'role "%" does not exist', who USING ERRCODE = 'undefined_object';
        END IF;
        IF 'coprod_' || what NOT IN ({_GROUP_ROLES}) THEN
            RAISE EXCEPTION 'unknown role %', what USING ERRCODE = 'invalid_parameter_value';
        END IF;
        FOREACH old IN ARRAY ARRAY[{_GROUP_ROLES}] LOOP
            IF old <> 'coprod_' || what THEN
                EXECUTE format('REVOKE %I FROM %I', old, who);
            END IF;
        END LOOP;
        EXECUTE format('GRANT %I TO %I', 'coprod_' || what, who);
        EXECUTE format('ALTER ROLE %I %s', who, CASE WHEN enabled THEN 'LOGIN' ELSE 'NOLOGIN' END);
        UPDATE team_member SET role = what, team = in_team, active = enabled WHERE login = who;
    END $$""",
)


def _groups() -> Iterator[str]:
    for name in GROUPS:
        yield (
            f"DO $$ BEGIN CREATE ROLE {name} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )


def _grant_sql(grant: Grant) -> str:
    columns = f" ({', '.join(_quoted(c) for c in grant.columns)})" if grant.columns is not None else ""
    return f"GRANT {grant.privilege}{columns} ON {_quoted(grant.table)} TO {group(grant.role)}"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _policies(tables: set[str]) -> Iterator[str]:
    for table, rule in TEAM_RULES.items():
        if table not in tables:
            continue
        yield from _reset_policies(table)
        yield f"CREATE POLICY coprod_read ON {table} FOR SELECT TO {READERS} USING (true)"
        yield f"CREATE POLICY coprod_add ON {table} FOR INSERT TO {WRITERS} WITH CHECK ({rule})"
        # USING (true): a write to another team's row is refused out loud by the check,
        # where a USING rule would quietly change nothing.
        yield (
            f"CREATE POLICY coprod_change ON {table} FOR UPDATE TO {WRITERS} USING (true) WITH CHECK ({rule})"
        )
        yield f"CREATE POLICY coprod_remove ON {table} FOR DELETE TO {WRITERS} USING ({rule})"
    if "feedback" in tables:  # erasure blanks feedback in any team
        yield (
            "CREATE POLICY coprod_erase ON feedback FOR UPDATE TO coprod_ig_lead "
            "USING (true) WITH CHECK (true)"
        )
    if AUDIT in tables:
        yield from _reset_policies(AUDIT)
        yield f"CREATE POLICY coprod_read ON {AUDIT} FOR SELECT TO {EVERYONE} USING (true)"
        # Each login writes events in its own name; a merged copy's events keep theirs.
        yield (
            f"CREATE POLICY coprod_add ON {AUDIT} FOR INSERT TO {EVERYONE} "
            "WITH CHECK (actor = current_user::text OR merged_from IS NOT NULL)"
        )
        # UPDATE, DELETE and TRUNCATE are refused by triggers every database has (migration 0011).


def _reset_policies(table: str) -> Iterator[str]:
    yield f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"
    for name in ("coprod_read", "coprod_add", "coprod_change", "coprod_remove", "coprod_erase"):
        yield f"DROP POLICY IF EXISTS {name} ON {table}"


def schema_of(conn: Connection) -> dict[str, list[str]]:
    """The tables of the public schema and their columns, as the database has them now."""
    found = inspect(conn)
    return {t: [c["name"] for c in found.get_columns(t)] for t in found.get_table_names()}


def install(conn: Connection, *, team: str | None = None) -> None:
    """Make the groups, grants, policies and functions of a team server (idempotent).

    With `team`, sessions and recommendations that belong to no team yet (brought from a file
    of one's own) are given to it; otherwise nobody but the owner can change them."""
    schema = schema_of(conn)
    tables = set(schema)
    statements = [
        *_groups(),
        *_LOOKUPS,
        *_USERS,
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {EVERYONE}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {EVERYONE}",
        "DO $$ BEGIN EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', current_database()); END $$",
        "REVOKE EXECUTE ON FUNCTION coprod_add_user(text, text, text, text) FROM PUBLIC",
        "REVOKE EXECUTE ON FUNCTION coprod_change_user(text, text, text, boolean) FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION coprod_add_user(text, text, text, text) TO coprod_admin",
        "GRANT EXECUTE ON FUNCTION coprod_change_user(text, text, text, boolean) TO coprod_admin",
        *(_grant_sql(g) for g in grants(schema)),
        *_policies(tables),
    ]
    for statement in statements:
        conn.exec_driver_sql(statement.replace("%", "%%"))  # psycopg reads % as a placeholder
    if team is not None:
        for table in ("engagement_session", "recommendation"):
            conn.execute(text(f"UPDATE {table} SET team = :team WHERE team IS NULL"), {"team": team})  # noqa: S608


@dataclass(frozen=True)
class Member:
    """A login of the team server: its role, team and whether it may log in."""

    login: str
    role: str
    team: str | None
    active: bool


def add_user(conn: Connection, *, login: str, password: str | None, role: str, team: str | None) -> None:
    conn.execute(
        text("SELECT coprod_add_user(:login, :password, :role, :team)"),
        {"login": login, "password": password, "role": role, "team": team},
    )


def change_user(conn: Connection, *, login: str, role: str, team: str | None, active: bool) -> None:
    conn.execute(
        text("SELECT coprod_change_user(:login, :role, :team, :active)"),
        {"login": login, "role": role, "team": team, "active": active},
    )


def members(conn: Connection) -> list[Member]:
    rows = conn.execute(text("SELECT login, role, team, active FROM team_member ORDER BY login"))
    return [Member(r.login, r.role, r.team, bool(r.active)) for r in rows]


def member(conn: Connection, login: str) -> Member | None:
    row = conn.execute(
        text("SELECT login, role, team, active FROM team_member WHERE login = :login"), {"login": login}
    ).first()
    return Member(row.login, row.role, row.team, bool(row.active)) if row else None
