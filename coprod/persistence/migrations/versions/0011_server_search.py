"""server search and audit: PostgreSQL's full-text search for feedback, and an append-only log

Revision ID: 0011
Revises: 0009

On PostgreSQL, feedback search uses the server's own full-text search: a GIN index over
`to_tsvector('english', text)`, which the server keeps in step with every insert, edit and
erasure itself (SQLite's FTS5 table needs triggers for that). The expression in the index
and in `coprod.persistence.dialect.feedback_matches` must stay the same, or the planner will
not use the index.

The audit log refuses UPDATE and DELETE on PostgreSQL as it does on SQLite: a trigger of the
same name raises for every row, whoever the login (grants are the roles' business; this holds
for the table's owner too). Nothing changes on SQLite.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None

INDEX = "ix_feedback_text_search"
APPEND_ONLY = "coprod_audit_append_only"
TRIGGERS = {"audit_event_no_update": "UPDATE", "audit_event_no_delete": "DELETE"}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON feedback "
        "USING gin (to_tsvector('english'::regconfig, coalesce(text, '')))"
    )
    op.execute(
        f"CREATE OR REPLACE FUNCTION {APPEND_ONLY}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege'; END $$"
    )
    for name, verb in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_event")
        op.execute(f"CREATE TRIGGER {name} BEFORE {verb} ON audit_event FOR EACH ROW EXECUTE FUNCTION {APPEND_ONLY}()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_event")
    op.execute(f"DROP FUNCTION IF EXISTS {APPEND_ONLY}()")
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
