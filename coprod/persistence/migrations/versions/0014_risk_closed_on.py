"""risk closed_on: the day a risk was closed

Revision ID: 0014
Revises: 0013

The register as at an earlier date showed a risk closed since as closed already, because only
its status was kept. The day it was closed is now kept beside it, so the register as it stood
on any day shows the risk open until then. Risks closed before this upgrade keep no day (none
was recorded, and none is invented): they show as closed on every day, as before.

A plain ALTER TABLE on SQLite too (see 0009): a batch copy would drop the table's triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("risk", sa.Column("closed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("risk", "closed_on")
