"""sync: laptops that keep their own copy of a team server's data

Revision ID: 0012
Revises: 0011

On a laptop (SQLite), `sync_outbox` holds every local change not yet sent to the server, one
operation per row written (its id makes a replay harmless), and `sync_state` the server it
syncs with, how far it has read (the cursor) and when it last synced.

On a server (PostgreSQL), `sync_change` gives every row a change number from one sequence,
renumbered by triggers each time the row is written, and keeps a grave for a row deleted
outright. The triggers take the same transaction-level advisory lock as the audit chain, so
writers take numbers one transaction at a time and a number is only ever handed out after
every smaller one has committed: a reader never moves its cursor past a change that commits
later. It also notes the login that wrote the row last (the session's, as the triggers run
with their owner's rights), which a conflict record names. `sync_applied` remembers the
operations a laptop sent, `sync_conflict` a field both sides changed, with the value that lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

SYNCED = (
    "consent",
    "engagement_session",
    "erasure",
    "feedback",
    "feedback_theme",
    "lesson",
    "owner",
    "owner_change",
    "participant",
    "published_report",
    "recommendation",
    "recommendation_feedback",
    "recommendation_update",
    "review",
    "risk",
    "risk_escalation",
    "risk_mitigation",
    "risk_review",
    "session_strategy",
    "setting",
    "status_change",
    "strategy",
    "target_change",
    "theme",
)
SEQUENCE = "coprod_sync_seq"
STAMP = "coprod_sync_stamp"
STAMP_GONE = "coprod_sync_grave"
# The audit chain's lock (coprod.persistence.dialect.serialise_writers("audit_event chain")):
# one lock for both, so no two writers can wait on each other in opposite orders.
LOCK = "audit_event chain"

# Statement-level triggers with transition tables: one INSERT into sync_change per statement,
# however many rows it wrote (a tracker import writes thousands at once).
_STAMP_SQL = {
    STAMP: ("new_rows", "false"),
    STAMP_GONE: ("old_rows", "true"),
}


def _stamp_function(name: str, rows: str, gone: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('{LOCK}'));
    INSERT INTO sync_change (seq, table_name, row_id, gone, changed_by)
    SELECT nextval('{SEQUENCE}'), TG_TABLE_NAME, id, {gone}, session_user FROM {rows}
    ON CONFLICT (table_name, row_id)
    DO UPDATE SET seq = EXCLUDED.seq, gone = EXCLUDED.gone, changed_by = EXCLUDED.changed_by;
    RETURN NULL;
END $$"""


# trigger name -> (event, transition table, function)
TRIGGERS = {
    "coprod_sync_insert": ("INSERT", "NEW TABLE AS new_rows", STAMP),
    "coprod_sync_update": ("UPDATE", "NEW TABLE AS new_rows", STAMP),
    "coprod_sync_delete": ("DELETE", "OLD TABLE AS old_rows", STAMP_GONE),
}


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("n", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("op_id", sa.Uuid(), nullable=False, unique=True),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("operation", sa.String(16), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server", sa.String(), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False, server_default=sa.text("0")),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("schema", sa.String(32), nullable=True),
    )
    op.create_table(
        "sync_change",
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("gone", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("changed_by", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "row_id"),
    )
    op.create_index("ix_sync_change_seq", "sync_change", ["seq"], unique=True)
    op.create_table(
        "sync_applied",
        sa.Column("op_id", sa.Uuid(), primary_key=True),
        sa.Column("login", sa.String(), nullable=True),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("kept_value", sa.JSON(), nullable=True),
        sa.Column("other_value", sa.JSON(), nullable=True),
        sa.Column("kept_by", sa.String(), nullable=True),
        sa.Column("other_by", sa.String(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("settled_by", sa.String(), nullable=True),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_sync_conflict_row", "sync_conflict", ["table_name", "row_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
    for name, (rows, gone) in _STAMP_SQL.items():
        op.execute(_stamp_function(name, rows, gone))
    for table in SYNCED:
        for trigger, (event, transition, function) in TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            op.execute(
                f"CREATE TRIGGER {trigger} AFTER {event} ON {table} REFERENCING {transition} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
        # Rows written before sync existed are numbered once, in no particular order.
        op.execute(
            f"INSERT INTO sync_change (seq, table_name, row_id, gone) "
            f"SELECT nextval('{SEQUENCE}'), '{table}', id, false FROM {table}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SYNCED:
            for trigger in TRIGGERS:
                op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for name in _STAMP_SQL:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        op.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")
    op.drop_index("ix_sync_conflict_row", table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_table("sync_applied")
    op.drop_index("ix_sync_change_seq", table_name="sync_change")
    op.drop_table("sync_change")
    op.drop_table("sync_state")
    op.drop_table("sync_outbox")
