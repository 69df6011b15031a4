"""privacy personal data: an audit log without values and chained; consent per use; erasure register

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 00:50:00.000000

Existing events are converted the way new ones are written: each [old, new] pair becomes a
salted hash of the new value, so no text, name or contact detail stays in the log. The
append-only triggers are lifted for the conversion only, and put back.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

import coprod.domain.types

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_WITHHELD = "(personal data withheld)"
_TRIGGERS = {
    verb: (f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
           "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    for verb in ("UPDATE", "DELETE")
}


# Frozen copies of coprod.persistence.audit's hashing as it was when this migration was written.
def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _digest(table: str, row_id: str | None, field: str, value: Any) -> str | None:
    if value is None:
        return None
    if value == _WITHHELD:
        return "withheld"
    body = json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True, default=str)
    salted = f"{table}\x1f{row_id or ''}\x1f{field}\x1f{body}".encode()
    return "sha256:" + hashlib.sha256(salted).hexdigest()[:32]


def _pairs(table: str, row_id: str | None, changes: dict[str, Any]) -> dict[str, Any]:
    return {k: _digest(table, row_id, k, v[-1]) if isinstance(v, list) and len(v) == 2 else v
            for k, v in changes.items()}


def _scrubbed(action: str, table: str, row_id: str | None, changes: Any) -> dict[str, Any]:
    if not isinstance(changes, dict):
        return {}
    if action == "merge_conflict" and isinstance(changes.get("fields"), dict):
        fields = {k: [_digest(table, row_id, k, x) for x in v] if isinstance(v, list) else v
                  for k, v in changes["fields"].items()}
        return {**changes, "fields": fields}
    if action in ("create", "update"):
        return _pairs(table, row_id, changes)
    return changes


def _hash(row: dict[str, Any]) -> str:
    at = row["at"]
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    body = [str(row["id"]), at.isoformat(), row["actor"], row["device_id"], row["action"],
            row["table_name"], row["row_id"], _jsonable(row["changes"] or {}), row["merged_from"],
            row["seq"], row["prev_hash"]]
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lawful_basis', sa.Enum('public_task', 'consent', 'legitimate_interests',
                                      'legal_obligation', name='lawfulbasis', native_enum=False,
                                      create_constraint=False, length=32),
                                      nullable=False, server_default='public_task'))
    op.create_table('consent',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('use', sa.Enum('quote', 'photo', 'follow_up', name='consentuse', native_enum=False,
                             create_constraint=False, length=32), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('wording', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_consent_participant_id', 'consent', ['participant_id'], unique=False)
    op.create_table('erasure',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', coprod.domain.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', coprod.domain.types.UTCDateTime(), nullable=True),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('erased_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_erasure_code', 'erasure', ['code'], unique=False)
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_index('ix_audit_event_seq', 'audit_event', ['seq'], unique=True)
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        for verb in _TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS audit_event_no_{verb.lower()}")
    events = sa.table(
        'audit_event', sa.column('id', sa.Uuid()), sa.column('at', coprod.domain.types.UTCDateTime()),
        sa.column('actor', sa.String()), sa.column('device_id', sa.String()),
        sa.column('action', sa.String()), sa.column('table_name', sa.String()),
        sa.column('row_id', sa.String()), sa.column('changes', sa.JSON()),
        sa.column('merged_from', sa.String()), sa.column('seq', sa.Integer()),
        sa.column('prev_hash', sa.String()), sa.column('hash', sa.String()),
    )
    order = [events.c.at, sa.literal_column("rowid")] if sqlite else [events.c.at, events.c.id]
    rows = [dict(r._mapping) for r in bind.execute(
        sa.select(*[c for c in events.c if c.name not in ('seq', 'prev_hash', 'hash')]).order_by(*order))]
    prev: str | None = None
    for seq, row in enumerate(rows, start=1):
        row["changes"] = _scrubbed(row["action"], row["table_name"], row["row_id"], row["changes"])
        row["seq"], row["prev_hash"] = seq, prev
        row["hash"] = prev = _hash(row)
        bind.execute(events.update().where(events.c.id == row["id"]).values(
            changes=row["changes"], seq=seq, prev_hash=row["prev_hash"], hash=row["hash"]))
    if sqlite:
        for body in _TRIGGERS.values():
            op.execute(body)


def downgrade() -> None:
    op.drop_index('ix_erasure_code', table_name='erasure')
    op.drop_table('erasure')
    op.drop_index('ix_consent_participant_id', table_name='consent')
    op.drop_table('consent')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('lawful_basis')
    # The values the log no longer holds cannot come back; only the chain columns go.
    op.drop_index('ix_audit_event_seq', table_name='audit_event')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
    if op.get_bind().dialect.name == "sqlite":  # the table was copied: its triggers went with it
        for verb, body in _TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS audit_event_no_{verb.lower()}")
            op.execute(body)
