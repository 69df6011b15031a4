"""smaller file: feedback search reads its text from feedback; no index repeating another's start

Revision ID: 0008
Revises: 0007

The search index (`feedback_fts`) kept a second copy of every feedback text; as an
external-content FTS5 table it reads the text from `feedback` by rowid instead, and it keeps
no token counts per row (`columnsize = 0`: only ranking uses them, and search does not
rank). VACUUM keeps the rowids of a table that has an index (SQLite copies them for such
tables), and feedback always has its primary key's. Single-column indexes whose column
starts a unique constraint or an "activity" index are dropped: SQLite uses the longer
index for the same lookups. An existing file's freed pages are reused as it grows.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# (table, index, column) of the indexes that repeat the start of another on the same table
REDUNDANT = (
    ("feedback_theme", "ix_feedback_theme_feedback_id", "feedback_id"),
    ("recommendation_feedback", "ix_recommendation_feedback_recommendation_id", "recommendation_id"),
    ("session_strategy", "ix_session_strategy_session_id", "session_id"),
    ("risk_mitigation", "ix_risk_mitigation_risk_id", "risk_id"),
    ("recommendation_update", "ix_recommendation_update_recommendation_id", "recommendation_id"),
    ("status_change", "ix_status_change_recommendation_id", "recommendation_id"),
    ("target_change", "ix_target_change_recommendation_id", "recommendation_id"),
    ("review", "ix_review_recommendation_id", "recommendation_id"),
)
TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
_OLD_TRIGGERS = {
    "feedback_fts_insert": (
        "AFTER INSERT ON feedback BEGIN "
        "INSERT INTO feedback_fts (feedback_id, text) VALUES (new.id, new.text); END"
    ),
    "feedback_fts_update": (
        "AFTER UPDATE OF text ON feedback BEGIN "
        "DELETE FROM feedback_fts WHERE feedback_id = old.id; "
        "INSERT INTO feedback_fts (feedback_id, text) VALUES (new.id, new.text); END"
    ),
    "feedback_fts_delete": (
        "AFTER DELETE ON feedback BEGIN DELETE FROM feedback_fts WHERE feedback_id = old.id; END"
    ),
}
_FORGET = "INSERT INTO feedback_fts (feedback_fts, rowid, text) VALUES ('delete', old.rowid, old.text); "
_NEW_TRIGGERS = {
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


def _search(triggers: dict[str, str], create: str, fill: str) -> None:
    for name in triggers:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS feedback_fts")
    op.execute(create)
    op.execute(fill)
    for name, body in triggers.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    for table, index, _column in REDUNDANT:
        op.drop_index(index, table_name=table)
    if op.get_bind().dialect.name != "sqlite":
        return
    _search(_NEW_TRIGGERS,
            "CREATE VIRTUAL TABLE feedback_fts USING fts5(text, content = 'feedback', columnsize = 0, "
            f"{TOKENIZE})",
            "INSERT INTO feedback_fts (feedback_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _search(_OLD_TRIGGERS,
                f"CREATE VIRTUAL TABLE feedback_fts USING fts5(feedback_id UNINDEXED, text, {TOKENIZE})",
                "INSERT INTO feedback_fts (feedback_id, text) SELECT id, text FROM feedback")
    for table, index, column in reversed(REDUNDANT):
        op.create_index(index, table, [column], unique=False)
