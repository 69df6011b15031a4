"""The tables the lag engine reads, described with Core alone, and the team rules read with them.

`coprod lag` and `coprod stalled` would spend longer declaring the 27 SQLModel models (and
loading pydantic) than reading their rows; these descriptions name the same tables and
columns without them. tests/persistence/test_figure_tables.py holds them to the models.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql.expression import TableClause

from coprod.domain.settings import TeamRules, from_stored
from coprod.persistence.raw import Source, fetch_rows


def _table(name: str, *columns: str) -> TableClause:
    """Every synced table has `deleted_at`: a row deleted is kept, marked, until it is purged."""
    return sa.table(name, *(sa.column(c) for c in (*columns, "deleted_at")))


RECOMMENDATION = _table(
    "recommendation",
    "id",
    "reference",
    "title",
    "strategy_id",
    "owner_id",
    "status",
    "raised_on",
    "target_date",
    "revised_target_date",
    "implemented_on",
    "accepted_on",
    "decided_on",
    "last_update_on",
    "source_session_id",
    "cqc_statement",
)
# Activity on a recommendation: the column is the day it happened.
STATUS_CHANGE = _table(
    "status_change", "recommendation_id", "changed_on", "from_status", "to_status", "created_at"
)
RECOMMENDATION_UPDATE = _table("recommendation_update", "recommendation_id", "update_on")
TARGET_CHANGE = _table("target_change", "recommendation_id", "changed_on", "new_date", "created_at")
REVIEW = _table("review", "recommendation_id", "reviewed_on")
OWNER_CHANGE = _table(
    "owner_change", "recommendation_id", "changed_on", "from_owner_id", "to_owner_id", "created_at"
)
STRATEGY = _table("strategy", "id", "name")
OWNER = _table("owner", "id", "name")
ENGAGEMENT_SESSION = _table("engagement_session", "id", "title", "held_on", "feedback_returned_on")
SESSION_STRATEGY = _table("session_strategy", "strategy_id", "session_id")
SETTING = _table("setting", "key", "value")

TABLES = (
    RECOMMENDATION,
    STATUS_CHANGE,
    RECOMMENDATION_UPDATE,
    TARGET_CHANGE,
    REVIEW,
    OWNER_CHANGE,
    STRATEGY,
    OWNER,
    ENGAGEMENT_SESSION,
    SESSION_STRATEGY,
    SETTING,
)


def team_rules(source: Source) -> TeamRules:
    """The team's rules as stored (`repositories.settings.get_team_rules`, without the ORM)."""
    query = sa.select(SETTING.c.key, SETTING.c.value).where(SETTING.c.deleted_at.is_(None))
    return from_stored(TeamRules, dict(fetch_rows(source, query)))
