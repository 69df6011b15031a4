"""Tamper evidence for the audit log: the hash chain and the append-only triggers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from coprod.domain.models import AuditEvent
from coprod.persistence.audit import event_hash

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
    table = AuditEvent.__table__  # type: ignore[attr-defined]
    query = select(table).order_by(table.c.seq.is_not(None), table.c.seq)
    expected_seq, prev = 1, None
    count = 0
    broken: BrokenEvent | None = None
    for row in conn.execute(query).mappings():
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
        elif event_hash(dict(row)) != row["hash"]:
            reason = "altered"
        if reason:
            broken = BrokenEvent(
                row["seq"],
                str(row["id"]),
                row["at"].strftime("%Y-%m-%d %H:%M:%S") if row["at"] else "",
                reason,
            )
            continue
        expected_seq, prev = expected_seq + 1, row["hash"]
    return ChainReport(events=count, broken=broken, missing_triggers=missing_triggers(conn))
