"""lag activity indexes: covering indexes for the latest activity of each recommendation

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 12:38:19.015669
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import coprod.domain.types


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.create_index('ix_recommendation_update_activity', ['recommendation_id', 'deleted_at', 'update_on'], unique=False)

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index('ix_review_activity', ['recommendation_id', 'deleted_at', 'reviewed_on'], unique=False)

    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index('ix_status_change_activity', ['recommendation_id', 'deleted_at', 'changed_on'], unique=False)

    with op.batch_alter_table('target_change', schema=None) as batch_op:
        batch_op.create_index('ix_target_change_activity', ['recommendation_id', 'deleted_at', 'changed_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('target_change', schema=None) as batch_op:
        batch_op.drop_index('ix_target_change_activity')

    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index('ix_status_change_activity')

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index('ix_review_activity')

    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.drop_index('ix_recommendation_update_activity')

