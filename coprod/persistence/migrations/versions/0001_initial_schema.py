"""initial schema: the whole co-production loop, the append-only audit log and feedback search

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 12:29:30.302034
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import coprod.domain.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action', sa.Enum('create', 'update', 'delete', 'view', 'export', 'bulk_create', 'merge_conflict', name='auditaction', native_enum=False, length=32), nullable=False),
    sa.Column('table_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('row_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_row_id'), ['row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_table_name'), ['table_name'], unique=False)

    op.create_table('engagement_session',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('format', sa.Enum('workshop', 'forum', 'focus_group', 'drop_in', 'survey', 'interview', 'online', 'other', name='sessionformat', native_enum=False, length=32), nullable=False),
    sa.Column('venue', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('facilitator', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('participant_count', sa.Integer(), nullable=False),
    sa.Column('ladder_level', sa.Enum('coercion', 'educating', 'informing', 'consultation', 'engagement', 'co_design', 'co_production', name='ladderlevel', native_enum=False, length=32), nullable=False),
    sa.Column('groups_targeted', sa.JSON(), nullable=False),
    sa.Column('groups_reached', sa.JSON(), nullable=False),
    sa.Column('adjustments', sa.JSON(), nullable=False),
    sa.Column('payments_pence', sa.Integer(), nullable=False),
    sa.Column('expenses_pence', sa.Integer(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('feedback_returned_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('engagement_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_session_held_on'), ['held_on'], unique=False)

    op.create_table('owner',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('team', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('escalation_contact_id', sa.Uuid(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['escalation_contact_id'], ['owner.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('owner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_owner_escalation_contact_id'), ['escalation_contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_owner_name'), ['name'], unique=False)

    op.create_table('participant',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('consent_given_on', sa.Date(), nullable=True),
    sa.Column('consent_method', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('consent_wording', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('consent_withdrawn_on', sa.Date(), nullable=True),
    sa.Column('retain_until', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_code'), ['code'], unique=True)
        batch_op.create_index(batch_op.f('ix_participant_retain_until'), ['retain_until'], unique=False)

    op.create_table('published_report',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scope', sa.JSON(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('published_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('published_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('item_hashes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('published_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_published_report_kind'), ['kind'], unique=False)

    op.create_table('setting',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_setting_key'), ['key'], unique=True)

    op.create_table('theme',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_name'), ['name'], unique=True)

    op.create_table('feedback',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('is_verbatim', sa.Boolean(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=True),
    sa.Column('recorded_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['engagement_session.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_recorded_at'), ['recorded_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_session_id'), ['session_id'], unique=False)

    op.create_table('strategy',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('board', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('lead_owner_id', sa.Uuid(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['lead_owner_id'], ['owner.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('strategy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strategy_lead_owner_id'), ['lead_owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_strategy_name'), ['name'], unique=True)

    op.create_table('feedback_theme',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('feedback_id', sa.Uuid(), nullable=False),
    sa.Column('theme_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], ),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('feedback_id', 'theme_id')
    )
    with op.batch_alter_table('feedback_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_theme_feedback_id'), ['feedback_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_theme_theme_id'), ['theme_id'], unique=False)

    op.create_table('recommendation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('source_session_id', sa.Uuid(), nullable=True),
    sa.Column('strategy_id', sa.Uuid(), nullable=True),
    sa.Column('owner_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.Enum('proposed', 'accepted', 'in_progress', 'on_hold', 'implemented', 'not_taken_forward', name='status', native_enum=False, length=32), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('success_measure', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('revised_target_date', sa.Date(), nullable=True),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('implemented_on', sa.Date(), nullable=True),
    sa.Column('decision_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('cqc_statement', sa.Enum('assessing_needs', 'healthier_lives', 'equity', 'care_provision', 'partnerships', 'safe_pathways', 'safeguarding', 'governance', 'learning', name='cqcstatement', native_enum=False, length=32), nullable=True),
    sa.Column('last_update_on', sa.Date(), nullable=True),
    sa.Column('next_update_due', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['owner.id'], ),
    sa.ForeignKeyConstraint(['source_session_id'], ['engagement_session.id'], ),
    sa.ForeignKeyConstraint(['strategy_id'], ['strategy.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_raised_on'), ['raised_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_reference'), ['reference'], unique=True)
        batch_op.create_index(batch_op.f('ix_recommendation_source_session_id'), ['source_session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_strategy_id'), ['strategy_id'], unique=False)

    op.create_table('session_strategy',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('strategy_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['engagement_session.id'], ),
    sa.ForeignKeyConstraint(['strategy_id'], ['strategy.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'strategy_id')
    )
    with op.batch_alter_table('session_strategy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_strategy_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_strategy_strategy_id'), ['strategy_id'], unique=False)

    op.create_table('owner_change',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.Column('from_owner_id', sa.Uuid(), nullable=True),
    sa.Column('to_owner_id', sa.Uuid(), nullable=True),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['from_owner_id'], ['owner.id'], ),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.ForeignKeyConstraint(['to_owner_id'], ['owner.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('owner_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_owner_change_from_owner_id'), ['from_owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_owner_change_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_owner_change_to_owner_id'), ['to_owner_id'], unique=False)

    op.create_table('recommendation_feedback',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.Column('feedback_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], ),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('recommendation_id', 'feedback_id')
    )
    with op.batch_alter_table('recommendation_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_feedback_feedback_id'), ['feedback_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_feedback_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('recommendation_update',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.Column('update_on', sa.Date(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_update_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_update_update_on'), ['update_on'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('reviewer', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('decision', sa.Enum('continue', 'escalate', 'reassign', 'revise_target', 'close', name='reviewdecision', native_enum=False, length=32), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('lessons_learnt', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('escalated_to_id', sa.Uuid(), nullable=True),
    sa.Column('reassigned_to_id', sa.Uuid(), nullable=True),
    sa.Column('next_update_due', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['escalated_to_id'], ['owner.id'], ),
    sa.ForeignKeyConstraint(['reassigned_to_id'], ['owner.id'], ),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_escalated_to_id'), ['escalated_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_reassigned_to_id'), ['reassigned_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_reviewed_on'), ['reviewed_on'], unique=False)

    op.create_table('status_change',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.Column('from_status', sa.Enum('proposed', 'accepted', 'in_progress', 'on_hold', 'implemented', 'not_taken_forward', name='status', native_enum=False, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('proposed', 'accepted', 'in_progress', 'on_hold', 'implemented', 'not_taken_forward', name='status', native_enum=False, length=32), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_change_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('target_change',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.Column('old_date', sa.Date(), nullable=True),
    sa.Column('new_date', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('approved_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('target_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_change_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('lesson',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('recommendation_id', sa.Uuid(), nullable=False),
    sa.Column('review_id', sa.Uuid(), nullable=True),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('what_happened', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('why', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('do_differently', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('learning_owner_id', sa.Uuid(), nullable=True),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['learning_owner_id'], ['owner.id'], ),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('lesson', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lesson_learning_owner_id'), ['learning_owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lesson_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lesson_recorded_on'), ['recorded_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_lesson_review_id'), ['review_id'], unique=False)

    _create_sqlite_extras()


def downgrade() -> None:
    _drop_sqlite_extras()
    with op.batch_alter_table('lesson', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lesson_review_id'))
        batch_op.drop_index(batch_op.f('ix_lesson_recorded_on'))
        batch_op.drop_index(batch_op.f('ix_lesson_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_lesson_learning_owner_id'))

    op.drop_table('lesson')
    with op.batch_alter_table('target_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_change_recommendation_id'))

    op.drop_table('target_change')
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_change_recommendation_id'))

    op.drop_table('status_change')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_reviewed_on'))
        batch_op.drop_index(batch_op.f('ix_review_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_review_reassigned_to_id'))
        batch_op.drop_index(batch_op.f('ix_review_escalated_to_id'))

    op.drop_table('review')
    with op.batch_alter_table('recommendation_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_update_update_on'))
        batch_op.drop_index(batch_op.f('ix_recommendation_update_recommendation_id'))

    op.drop_table('recommendation_update')
    with op.batch_alter_table('recommendation_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_feedback_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_feedback_feedback_id'))

    op.drop_table('recommendation_feedback')
    with op.batch_alter_table('owner_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_owner_change_to_owner_id'))
        batch_op.drop_index(batch_op.f('ix_owner_change_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_owner_change_from_owner_id'))

    op.drop_table('owner_change')
    with op.batch_alter_table('session_strategy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_strategy_strategy_id'))
        batch_op.drop_index(batch_op.f('ix_session_strategy_session_id'))

    op.drop_table('session_strategy')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_strategy_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_status'))
        batch_op.drop_index(batch_op.f('ix_recommendation_source_session_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_reference'))
        batch_op.drop_index(batch_op.f('ix_recommendation_raised_on'))
        batch_op.drop_index(batch_op.f('ix_recommendation_owner_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('feedback_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_theme_theme_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_theme_feedback_id'))

    op.drop_table('feedback_theme')
    with op.batch_alter_table('strategy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strategy_name'))
        batch_op.drop_index(batch_op.f('ix_strategy_lead_owner_id'))

    op.drop_table('strategy')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_session_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_feedback_participant_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_name'))

    op.drop_table('theme')
    with op.batch_alter_table('setting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_setting_key'))

    op.drop_table('setting')
    with op.batch_alter_table('published_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_published_report_kind'))

    op.drop_table('published_report')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_retain_until'))
        batch_op.drop_index(batch_op.f('ix_participant_code'))

    op.drop_table('participant')
    with op.batch_alter_table('owner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_owner_name'))
        batch_op.drop_index(batch_op.f('ix_owner_escalation_contact_id'))

    op.drop_table('owner')
    with op.batch_alter_table('engagement_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_session_held_on'))

    op.drop_table('engagement_session')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_table_name'))
        batch_op.drop_index(batch_op.f('ix_audit_event_row_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')


_FTS_TRIGGERS = {
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


def _create_sqlite_extras() -> None:
    """SQLite only: the audit log refuses change, and feedback gets FTS5 full-text search.

    The FTS table keeps its own copy of the text keyed by feedback id, rather than pointing at
    feedback's implicit rowid, because VACUUM may renumber implicit rowids.
    """
    if op.get_bind().dialect.name != "sqlite":
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    op.execute(
        "CREATE VIRTUAL TABLE feedback_fts USING fts5("
        "feedback_id UNINDEXED, text, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    for name, body in _FTS_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def _drop_sqlite_extras() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in (*_FTS_TRIGGERS, "audit_event_no_update", "audit_event_no_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS feedback_fts")
