"""sync chain: where a laptop last saw its server's audit log end

Revision ID: 0015
Revises: 0014

A team server restored from an older backup forgets what laptops sent it since the backup,
and hands out again change numbers a laptop has already read past: without knowing, the
laptop would never send those changes again, nor read the server's new ones. The server's
audit log is append-only and hash-chained, so the last event a laptop saw there (its number
and hash) is still there, unchanged, unless the server went back in time. Each laptop copy
now keeps that event beside its cursor; copies made earlier keep none until their next sync.

A plain ALTER TABLE on SQLite too (see 0009).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_state", sa.Column("chain_seq", sa.BigInteger(), nullable=True))
    op.add_column("sync_state", sa.Column("chain_hash", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("sync_state", "chain_hash")
    op.drop_column("sync_state", "chain_seq")
