"""risk register: risks, score history, escalations and mitigating recommendations

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 22:37:15.510033
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import coprod.domain.types


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('risk',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('cause', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('event', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('effect', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('category', sa.Enum('safeguarding', 'statutory_duty', 'financial', 'workforce', 'service_delivery', 'reputation', 'other', name='riskcategory', native_enum=False, length=32), nullable=False),
    sa.Column('owner_id', sa.Uuid(), nullable=True),
    sa.Column('inherent_likelihood', sa.Integer(), nullable=False),
    sa.Column('inherent_impact', sa.Integer(), nullable=False),
    sa.Column('current_likelihood', sa.Integer(), nullable=False),
    sa.Column('current_impact', sa.Integer(), nullable=False),
    sa.Column('target_likelihood', sa.Integer(), nullable=False),
    sa.Column('target_impact', sa.Integer(), nullable=False),
    sa.Column('controls', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('actions', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('review_months', sa.Integer(), nullable=False),
    sa.Column('next_review_on', sa.Date(), nullable=True),
    sa.Column('identified_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'escalated', 'closed', name='riskstatus', native_enum=False, length=32), nullable=False),
    sa.Column('level', sa.Enum('team', 'directorate', 'corporate', name='risklevel', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['owner.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_reference'), ['reference'], unique=True)
        batch_op.create_index(batch_op.f('ix_risk_status'), ['status'], unique=False)

    op.create_table('risk_escalation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('risk_id', sa.Uuid(), nullable=False),
    sa.Column('escalated_on', sa.Date(), nullable=False),
    sa.Column('escalated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('from_level', sa.Enum('team', 'directorate', 'corporate', name='risklevel', native_enum=False, length=32), nullable=False),
    sa.Column('to_level', sa.Enum('team', 'directorate', 'corporate', name='risklevel', native_enum=False, length=32), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('risk_escalation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_escalation_escalated_on'), ['escalated_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_escalation_risk_id'), ['risk_id'], unique=False)

    op.create_table('risk_review',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('risk_id', sa.Uuid(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('reviewer', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('risk_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_review_reviewed_on'), ['reviewed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_review_risk_id'), ['risk_id'], unique=False)

    op.create_table('risk_mitigation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('risk_id', sa.Uuid(), nullable=False),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('risk_id', 'recommendation_id')
    )
    with op.batch_alter_table('risk_mitigation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_mitigation_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_mitigation_risk_id'), ['risk_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('risk_mitigation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_mitigation_risk_id'))
        batch_op.drop_index(batch_op.f('ix_risk_mitigation_recommendation_id'))

    op.drop_table('risk_mitigation')
    with op.batch_alter_table('risk_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_review_risk_id'))
        batch_op.drop_index(batch_op.f('ix_risk_review_reviewed_on'))

    op.drop_table('risk_review')
    with op.batch_alter_table('risk_escalation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_escalation_risk_id'))
        batch_op.drop_index(batch_op.f('ix_risk_escalation_escalated_on'))

    op.drop_table('risk_escalation')
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_status'))
        batch_op.drop_index(batch_op.f('ix_risk_reference'))
        batch_op.drop_index(batch_op.f('ix_risk_owner_id'))

    op.drop_table('risk')
