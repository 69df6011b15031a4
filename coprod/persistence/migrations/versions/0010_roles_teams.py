"""roles and teams: sessions and recommendations belong to a team; who is in which team

Revision ID: 0010
Revises: 0009

On a team server, officers may change only their own team's work, so sessions and
recommendations carry the team they belong to (empty in a file of one's own, where roles do
not apply). `team_member` says which role and team each database login has; it is read by
the server's row-level security policies (`coprod server init` installs them) and managed
with `coprod server add-user`. On PostgreSQL a new session or recommendation takes the team
of the login that writes it, unless one is given.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TEAM_TABLES = ("engagement_session", "recommendation")

# Read by policies and triggers of every login, so it runs with its owner's rights; it tells
# a login only its own team (`coprod_team()` passes the caller's name).
_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION coprod_member_team(who text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT team FROM team_member WHERE login = who AND active $$""",
    """CREATE OR REPLACE FUNCTION coprod_team() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT coprod_member_team(current_user::text) $$""",
    """CREATE OR REPLACE FUNCTION coprod_take_team() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.team IS NULL THEN
            NEW.team := coprod_team();
        END IF;
        RETURN NEW;
    END $$""",
)


def upgrade() -> None:
    for table in TEAM_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("team", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
            batch_op.create_index(f"ix_{table}_team", ["team"], unique=False)
    op.create_table(
        "team_member",
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("team", sa.String(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("login"),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _FUNCTIONS:
        op.execute(statement)
    for table in TEAM_TABLES:
        op.execute(
            f"CREATE TRIGGER coprod_take_team BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION coprod_take_team()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TEAM_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS coprod_take_team ON {table}")
        op.execute("DROP FUNCTION IF EXISTS coprod_take_team()")
        op.execute("DROP FUNCTION IF EXISTS coprod_team()")
        op.execute("DROP FUNCTION IF EXISTS coprod_member_team(text)")
    op.drop_table("team_member")
    for table in TEAM_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_team")
            batch_op.drop_column("team")
