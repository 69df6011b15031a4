"""The full interchange file (`NAME.coprod.json`) and merging one into a database.

Two officers working offline each keep a copy; exporting one and merging it into the other
combines them. Records are matched by UUID (or, for named things such as strategies, by
name), the later `updated_at` wins, and a record both sides changed since they last shared
history is a conflict: listed, and written to the audit log with both versions.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, insert, select, update
from sqlmodel import Session, SQLModel

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.types import UTCDateTime, utcnow
from coprod.persistence import migrate
from coprod.persistence.audit import _value, jsonable, record, record_bulk
from coprod.persistence.database import Database
from coprod.persistence.identity import device_id
from coprod.services.tasks import TaskState

FORMAT = "coprod-interchange"
VERSION = 1
SUFFIX = ".coprod.json"
CHUNK = 500
_TIMESTAMPS = frozenset({"id", "created_at", "updated_at"})
# Named records two officers may each have created: the same name is the same record.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "strategy": ("name",), "theme": ("name",), "participant": ("code",), "setting": ("key",),
    "session_strategy": ("session_id", "strategy_id"), "feedback_theme": ("feedback_id", "theme_id"),
    "recommendation_feedback": ("recommendation_id", "feedback_id"),
    "risk_mitigation": ("risk_id", "recommendation_id"),
}


def is_interchange(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIX)


def _tables() -> list[sa.Table]:
    return list(SQLModel.metadata.sorted_tables)


def export_interchange(db: Database, out: str | Path, *, state: TaskState | None = None) -> int:
    """Write every record of every table, tombstones included. Returns the record count."""
    path = Path(out)
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.reading() as session:
        for table in _tables():
            if state:
                state.check()
            result = session.execute(select(table).order_by(table.c.id))
            tables[table.name] = [jsonable(dict(row._mapping)) for row in result]
    document = {
        "format": FORMAT, "version": VERSION, "schema": migrate.head_revision(),
        "exported_at": utcnow().isoformat(), "device_id": device_id(), "tables": tables,
    }
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as fh:
            json.dump(document, fh, ensure_ascii=False, separators=(",", ":"))
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CoprodError("export.cannot_write", path=str(path), reason=exc.strerror or str(exc)) from exc
    count = sum(len(rows) for rows in tables.values())
    from coprod.services.export import log_export

    log_export(db, table_name="*", changes={"file": path.name, "records": count})
    return count


def _decoder(column: sa.Column[Any]) -> Callable[[Any], Any]:
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return uuid.UUID
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat
    if isinstance(kind, sa.Date):
        return date.fromisoformat
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        return kind.enum_class
    return lambda value: value


def load(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Read and check an interchange file; rows come back with real UUIDs, dates and enums."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as fh:
            document = json.load(fh)
    except FileNotFoundError as exc:
        raise CoprodError("import.no_file", path=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CoprodError("merge.not_interchange", path=str(path)) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CoprodError("merge.not_interchange", path=str(path))
    if not isinstance(document.get("version"), int) or document["version"] > VERSION:
        raise CoprodError("merge.newer_format", path=str(path), version=document.get("version"))
    if document.get("schema") not in migrate.known_revisions():
        raise CoprodError("merge.newer_schema", path=str(path), revision=document.get("schema"))
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        for table in _tables():
            decoders = {c.name: _decoder(c) for c in table.columns}
            rows = document["tables"].get(table.name, [])
            out[table.name] = [
                {k: (None if v is None else decoders[k](v)) for k, v in row.items() if k in decoders}
                for row in rows
            ]
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise CoprodError("merge.damaged", path=str(path), reason=str(exc).splitlines()[0]) from exc
    return out


@dataclass(frozen=True)
class Conflict:
    """A record both copies changed: which version was kept, and what differed."""

    table: str
    row_id: str
    kept: str  # "incoming", "local", or "both" (a reference clash: the incoming one renamed)
    fields: dict[str, tuple[Any, Any]]  # field -> (local, incoming)


@dataclass
class MergeReport:
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    backup: Path | None = None

    @property
    def total_inserted(self) -> int:
        return sum(self.inserted.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


def _by_ids(session: Session, table: sa.Table, ids: list[Any]) -> dict[Any, dict[str, Any]]:
    found = {}
    for i in range(0, len(ids), CHUNK):
        for row in session.execute(select(table).where(table.c.id.in_(ids[i : i + CHUNK]))):
            found[row.id] = dict(row._mapping)
    return found


def _fork_point(session: Session, audit_rows: list[dict[str, Any]]) -> datetime | None:
    """When the two copies last shared history: the newest audit event both hold."""
    table = SQLModel.metadata.tables["audit_event"]
    ids = [r["id"] for r in audit_rows]
    latest: datetime | None = None
    for i in range(0, len(ids), CHUNK):
        query = select(func.max(table.c.at)).where(table.c.id.in_(ids[i : i + CHUNK]))
        found = session.execute(query).scalar_one()
        if found is not None and (latest is None or found > latest):
            latest = found
    return latest


class _Merger:
    def __init__(self, session: Session, fork: datetime | None, source: str) -> None:
        self.session = session
        self.fork = fork
        self.source = source
        self.remap: dict[uuid.UUID, uuid.UUID] = {}
        self.report = MergeReport()

    def _natural(self, table: sa.Table, rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], Any]:
        columns = NATURAL_KEYS.get(table.name)
        if not columns:
            return {}
        query = select(table.c.id, *[table.c[c] for c in columns])
        return {tuple(r[1:]): r[0] for r in self.session.execute(query)}

    def table(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        fks = [c.name for c in table.columns if c.foreign_keys]
        for row in rows:
            for name in fks:
                if row.get(name) in self.remap:
                    row[name] = self.remap[row[name]]
        local = _by_ids(self.session, table, [r["id"] for r in rows])
        natural = self._natural(table, rows)
        new: list[dict[str, Any]] = []
        for row in rows:
            mine = local.get(row["id"])
            if mine is None and natural:
                same = natural.get(tuple(row.get(c) for c in NATURAL_KEYS[table.name]))
                if same is not None:
                    self.remap[row["id"]] = same
                    row["id"] = same
                    mine = _by_ids(self.session, table, [same])[same]
            if mine is None:
                new.append(row)
            elif table.name != "audit_event":
                self._reconcile(table, mine, row)
        if new and table.name in ("recommendation", "risk"):  # references are unique in both
            self._rename_taken_references(table, new)
        if new:
            for i in range(0, len(new), 5000):
                self.session.execute(insert(table), new[i : i + 5000])
            if table.name != "audit_event":
                record_bulk(self.session, table.name, len(new), note=f"merged from {self.source}")
            self.report.inserted[table.name] = len(new)

    def _rename_taken_references(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """Two officers may give different recommendations the same reference: keep both, the
        incoming one under a free reference, and list it so someone can sort the numbering."""
        wanted = [r["reference"] for r in rows if r.get("reference")]
        if not wanted:
            return
        query = select(table.c.reference).where(table.c.reference.isnot(None))
        taken = set(self.session.execute(query).scalars())
        for row in rows:
            ref = row.get("reference")
            if not ref or ref not in taken:
                if ref:
                    taken.add(ref)
                continue
            n = 2
            while f"{ref}-{n}" in taken:
                n += 1
            row["reference"] = f"{ref}-{n}"
            taken.add(row["reference"])
            clash = Conflict(table.name, str(row["id"]), "both", {"reference": (ref, row["reference"])})
            self.report.conflicts.append(clash)
            record(self.session, AuditAction.MERGE_CONFLICT, table_name=table.name, row_id=str(row["id"]),
                   changes={"kept": "both", "file": self.source,
                            "fields": {"reference": [ref, row["reference"]]}})

    def _reconcile(self, table: sa.Table, mine: dict[str, Any], theirs: dict[str, Any]) -> None:
        differs = {
            k: (mine.get(k), v) for k, v in theirs.items()
            if k not in _TIMESTAMPS and k in mine and mine.get(k) != v
        }
        if not differs:
            return
        incoming_newer = theirs["updated_at"] > mine["updated_at"]
        fork = self.fork
        both_changed = fork is None or (mine["updated_at"] > fork and theirs["updated_at"] > fork)
        if both_changed:
            kept = "incoming" if incoming_newer else "local"
            self.report.conflicts.append(Conflict(table.name, str(mine["id"]), kept, differs))
            shown = {k: [_value(table.name, k, a), _value(table.name, k, b)] for k, (a, b) in differs.items()}
            record(self.session, AuditAction.MERGE_CONFLICT, table_name=table.name, row_id=str(mine["id"]),
                   changes={"kept": kept, "file": self.source, "fields": shown})
        if not incoming_newer:
            return
        values = {k: v for k, v in theirs.items() if k != "id"}
        self.session.execute(update(table).where(table.c.id == mine["id"]).values(**values))
        record(self.session, AuditAction.UPDATE, table_name=table.name, row_id=str(mine["id"]),
               changes={k: [_value(table.name, k, a), _value(table.name, k, b)]
                        for k, (a, b) in differs.items()})
        self.report.updated[table.name] = self.report.updated.get(table.name, 0) + 1


def merge_interchange(db: Database, source: str | Path, *, state: TaskState | None = None) -> MergeReport:
    """Merge the interchange file `source` into `db` in one transaction, after a backup."""
    from coprod.services.backup import backup_before

    source = Path(source)
    incoming = load(source)
    backup = backup_before(db, "pre-merge")
    with db.transaction() as session:
        # Rows arrive table by table; a row may point at one later in the same table (owners
        # escalate to owners), so foreign keys are checked at commit instead of per row.
        session.execute(sa.text("PRAGMA defer_foreign_keys = ON"))
        merger = _Merger(session, _fork_point(session, incoming["audit_event"]), source.name)
        for table in _tables():
            if state:
                state.check()
            merger.table(table, incoming[table.name])
    merger.report.backup = backup
    return merger.report
