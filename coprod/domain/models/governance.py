"""The audit log, team-wide settings and the record of published reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from coprod.domain.enums import AuditAction
from coprod.domain.models.base import TableBase, enum_type
from coprod.domain.types import UTCDateTime, utcnow


class AuditEvent(TableBase, table=True):
    """Append-only: the database refuses UPDATE and DELETE on this table (triggers).

    `changes` maps each field that changed to a salted hash of its new value (None when it
    was cleared): the log says who changed which fields of which record, and can confirm a
    value someone already holds, but never repeats text, names or contact details. Events
    merged from another copy keep their own actor and time and say which file brought them
    (`merged_from`).

    Tamper evidence: events form a chain in `seq` order, each `hash` covering the event and
    the previous event's hash (`prev_hash`), so a forged, altered or removed event breaks it.
    """

    __tablename__ = "audit_event"

    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str
    device_id: str
    action: AuditAction = Field(sa_type=enum_type(AuditAction), index=True)
    table_name: str = Field(index=True)
    row_id: str | None = Field(default=None, index=True)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    merged_from: str | None = None
    """For an event that came in with another copy's file: that file's name."""
    seq: int | None = Field(default=None, unique=True, index=True)
    prev_hash: str | None = None
    hash: str | None = None


class Setting(TableBase, table=True):
    """A team-wide rule, stored in the database so every officer works to the same numbers."""

    __tablename__ = "setting"

    key: str = Field(unique=True, index=True)
    value: str


class PublishedReport(TableBase, table=True):
    """A report that went out to residents or a board, so later runs can say what changed."""

    __tablename__ = "published_report"

    kind: str = Field(index=True)
    scope: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    as_of: date
    published_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    published_by: str | None = None
    content_hash: str
    item_hashes: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
