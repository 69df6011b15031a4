"""Tamper evidence for the audit log: the hash chain and the append-only triggers.

The chain is read through Core, with each value turned into what the model would give
(`_typed`), so `coprod check` verifies it without loading the models.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from coprod.persistence.chain_hash import event_hash

_EVENT = sa.table(
    "audit_event",
    *(
        sa.column(name)
        for name in (
            "id",
            "at",
            "actor",
            "device_id",
            "action",
            "table_name",
            "row_id",
            "changes",
            "merged_from",
            "seq",
            "prev_hash",
            "hash",
        )
    ),
)

TRIGGERS = ("audit_event_no_update", "audit_event_no_delete")


@dataclass(frozen=True, slots=True)
class BrokenEvent:
    """The first event at which the chain no longer holds, and why (a code the CLI words)."""

    seq: int | None
    event_id: str
    at: str
    reason: str  # "unchained", "out_of_place", "altered", "link"


@dataclass(frozen=True, slots=True)
class ChainReport:
    events: int
    broken: BrokenEvent | None
    missing_triggers: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.missing_triggers


def missing_triggers(conn: Connection) -> tuple[str, ...]:
    """The append-only triggers that are gone or no longer refuse the change."""
    if conn.dialect.name == "postgresql":
        enabled = set(
            conn.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'"
            ).scalars()
        )
        return tuple(name for name in TRIGGERS if name not in enabled)
    if conn.dialect.name != "sqlite":
        return ()
    found: dict[str, str | None] = dict(
        conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
        ).all()
    )
    return tuple(name for name in TRIGGERS if "RAISE(ABORT" not in (found.get(name) or "").upper())


def verify_chain(conn: Connection) -> ChainReport:
    """Walk the log in chain order; report the first event that is out of place or altered.

    An event without a place (a row inserted by hand) sorts first, so it is the one named.
    """
    query = sa.select(_EVENT).order_by(_EVENT.c.seq.is_not(None), _EVENT.c.seq)
    expected_seq, prev = 1, None
    count = 0
    broken: BrokenEvent | None = None
    for stored in conn.execute(query).mappings():
        row = _typed(dict(stored))
        count += 1
        if broken is not None:
            continue
        reason = None
        if row["seq"] is None or row["hash"] is None:
            reason = "unchained"
        elif row["seq"] != expected_seq:
            reason = "out_of_place"
        elif row["prev_hash"] != prev:
            reason = "link"
        elif event_hash(row) != row["hash"]:
            reason = "altered"
        if reason:
            broken = BrokenEvent(
                row["seq"],
                str(row["id"]),
                row["at"].strftime("%Y-%m-%d %H:%M:%S")
                if isinstance(row["at"], datetime)
                else str(row["at"] or ""),
                reason,
            )
            continue
        expected_seq, prev = expected_seq + 1, row["hash"]
    return ChainReport(events=count, broken=broken, missing_triggers=missing_triggers(conn))


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """An event's values as the model reads them: SQLite keeps the id as 32 hex digits, the
    time as text and the changes as JSON text; a server's driver hands back the types."""
    for key, parse in _PARSERS.items():
        # A value written by something else is kept as it is: its hash will not match.
        if isinstance(row[key], str):
            with suppress(ValueError):
                row[key] = parse(row[key])
    return row


def _when(at: Any) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S") if isinstance(at, datetime) else str(at or "")


_PARSERS: dict[str, Callable[[str], Any]] = {
    "id": uuid.UUID,
    "at": datetime.fromisoformat,
    "changes": json.loads,
}
