"""audit merged from: mark audit events that came in with a merged file

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 22:15:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN needs no table copy, so the append-only triggers on audit_event stay.
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_from', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('merged_from')
