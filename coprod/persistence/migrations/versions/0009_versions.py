"""versions: every row carries a version that each update moves on by one

Revision ID: 0009
Revises: 0008

Two people who opened the same record can no longer overwrite each other silently: a save
names the version it started from, and the row's version says whether someone else saved
in between. Existing rows start at 1.

The column is added with a plain ALTER TABLE on SQLite too (a constant default makes that
possible), not a batch copy: a copy would drop the audit log's append-only triggers and the
search index's triggers, and give feedback new rowids behind its external-content index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = (
    "audit_event",
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


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))


def downgrade() -> None:
    # SQLite (3.35 and later) drops a column in place, so the triggers stay as they are.
    for table in TABLES:
        op.drop_column(table, "version")
