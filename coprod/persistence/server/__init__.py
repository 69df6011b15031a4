"""A team server: PostgreSQL roles, grants and row-level security that the database enforces.

Five group roles (`coprod_officer`, `coprod_manager`, `coprod_viewer`, `coprod_ig_lead`,
`coprod_admin`, none of which may log in) carry the privileges; each person has a login role
that belongs to one of them, and a row in `team_member` saying their role and team.
`grants.py` says what each role may do, `install.py` turns that into SQL (run again after an
upgrade: it is idempotent), and `refusals.py` turns PostgreSQL's refusals into one sentence.
"""

from __future__ import annotations

ROLES = ("officer", "manager", "viewer", "ig_lead", "admin")


def group(role: str) -> str:
    """The PostgreSQL group role of a coprod role ("officer" -> "coprod_officer")."""
    return f"coprod_{role}"
