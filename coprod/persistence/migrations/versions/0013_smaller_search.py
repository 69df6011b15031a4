"""smaller search index and participant index

Revision ID: 0013
Revises: 0012

The search index (`feedback_fts`) kept every word's positions, which only phrase and NEAR
queries use; the search box looks for each word on its own (`dialect.fts5_query`), so
`detail = none` keeps only which feedback holds which word: about a third of the size.
The index on feedback's participant leaves out the half of feedback that names nobody: the
lookups that use it (subject access, erasure, retention) always ask for one participant.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
_FORGET = "INSERT INTO feedback_fts (feedback_fts, rowid, text) VALUES ('delete', old.rowid, old.text); "
TRIGGERS = {
    "feedback_fts_insert": (
        "AFTER INSERT ON feedback BEGIN "
        "INSERT INTO feedback_fts (rowid, text) VALUES (new.rowid, new.text); END"
    ),
    "feedback_fts_update": (
        "AFTER UPDATE OF text ON feedback BEGIN " + _FORGET
        + "INSERT INTO feedback_fts (rowid, text) VALUES (new.rowid, new.text); END"
    ),
    "feedback_fts_delete": "AFTER DELETE ON feedback BEGIN " + _FORGET + "END",
}
INDEX = "ix_feedback_participant_id"
ONLY_NAMED = sa.text("participant_id IS NOT NULL")


def _search(detail: str) -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS feedback_fts")
    op.execute(
        "CREATE VIRTUAL TABLE feedback_fts USING fts5(text, content = 'feedback', columnsize = 0, "
        f"{detail}{TOKENIZE})"
    )
    op.execute("INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    op.drop_index(INDEX, table_name="feedback")
    op.create_index(
        INDEX, "feedback", ["participant_id"], sqlite_where=ONLY_NAMED, postgresql_where=ONLY_NAMED
    )
    if op.get_bind().dialect.name == "sqlite":
        _search("detail = none, ")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _search("")
    op.drop_index(INDEX, table_name="feedback")
    op.create_index(INDEX, "feedback", ["participant_id"])
