"""The full interchange file (`NAME.coprod.json`) and merging one into a database.

Two officers working offline each keep a copy; exporting one and merging it into the other
combines them. Records are matched by UUID (or, for named things such as strategies, by
name) and merged field by field (`coprod.domain.merge`): the audit logs say which fields each
copy changed since they last shared history; a field changed in one copy only is taken from
it, and only a field changed in both is a conflict (the later change wins), listed and
written to the audit log with both values.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, insert, select, update
from sqlmodel import Session, SQLModel

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.merge import base_from_changes, merge_fields
from coprod.domain.types import UTCDateTime, utcnow
from coprod.persistence import migrate
from coprod.persistence.audit import chain_rows, field_changes, jsonable, record, record_bulk, value_digest
from coprod.persistence.database import Database
from coprod.persistence.dialect import defer_foreign_keys
from coprod.persistence.identity import device_id
from coprod.persistence.raw import fetch_rows
from coprod.services.common.tasks import TaskState
from coprod.services.data.on_record import keep_on_record
from coprod.services.data.sealed import is_sealed, seal, unseal

FORMAT = "coprod-interchange"
VERSION = 1
SUFFIX = ".coprod.json"
CHUNK = 500
FUTURE_SLACK = timedelta(days=1)  # clocks on council laptops drift; a day is plenty
MASS_DELETE_SHARE = 10  # asking first when a file deletes more than one record in ten
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


def export_interchange(db: Database, out: str | Path, *, state: TaskState | None = None,
                       passphrase: str | None = None) -> int:
    """Write every record of every table, tombstones included. Returns the record count.
    With `passphrase`, the file is sealed with it (see `sealed`)."""
    path = Path(out)
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.reading() as session:
        for table in _tables():
            if state:
                state.check()
            tables[table.name] = _export_rows(session, table)
    document = {
        "format": FORMAT, "version": VERSION, "schema": migrate.head_revision(),
        "exported_at": utcnow().isoformat(), "device_id": device_id(), "tables": tables,
    }
    partial = path.with_name(path.name + ".partial")
    count = sum(len(rows) for rows in tables.values())
    try:
        # One write: json.dump writes each token separately, millions of writes for a team's file.
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        del document, tables
        if passphrase:
            partial.write_bytes(seal(data.encode("utf-8"), passphrase))
        else:
            with partial.open("w", encoding="utf-8") as fh:
                fh.write(data)
        del data
        keep_on_record(db, partial, path,
                       table_name="*", changes={"file": path.name, "records": count})
    except OSError as exc:
        raise CoprodError("export.cannot_write", path=str(path), reason=exc.strerror or str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return count


def _export_rows(session: Session, table: sa.Table) -> list[dict[str, Any]]:
    """Every row of `table` as the file holds it (what `jsonable` makes of the typed values),
    read straight from the driver and converted column by column (persistence/raw.py)."""
    query = select(table).order_by(table.c.id)
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return [jsonable(dict(row._mapping)) for row in session.execute(query)]
    rows = fetch_rows(session, query)
    if not rows:
        return []
    names = [c.name for c in table.columns]
    converters = [_stored_to_json(c, conn.dialect) for c in table.columns]
    columns = []
    for values, convert in zip(zip(*rows, strict=True), converters, strict=True):
        columns.append(values if convert is None else [None if v is None else convert(v) for v in values])
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _uuid_text(value: str) -> str:
    h = value.lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _stored_to_json(column: sa.Column[Any], dialect: sa.Dialect) -> Callable[[Any], Any] | None:
    """How a value as SQLite stores it becomes the value `jsonable` gives for the typed one."""
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return _uuid_text
    if isinstance(kind, UTCDateTime):
        return lambda v: datetime.fromisoformat(v).replace(tzinfo=UTC).isoformat()
    if isinstance(kind, sa.DateTime):
        return lambda v: datetime.fromisoformat(v).isoformat()
    if isinstance(kind, sa.Date):
        return None  # stored as ISO text already
    if isinstance(kind, sa.Boolean):
        return bool
    process = kind.dialect_impl(dialect).result_processor(dialect, None)
    if process is None:
        return None
    return lambda v: jsonable(process(v))


class _BadValue(ValueError):
    """A value of the wrong kind for its column; `expected` says what kind was wanted."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected
        self.table, self.field, self.value = "", "", None

    def at(self, table: str, field: str, value: Any) -> _BadValue:
        self.table, self.field, self.value = table, field, value
        return self


def _parsed(kind: str, parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            raise _BadValue(kind)
        try:
            return parse(value)
        except ValueError as exc:
            raise _BadValue(kind) from exc

    return decode


def _aware(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("no time zone")
    return value


def _exactly(kind: str, *types: type) -> Callable[[Any], Any]:
    def decode(value: Any) -> Any:
        # bool is an int to Python; a yes/no is never a number here, nor a number a yes/no.
        if isinstance(value, bool) != (bool in types) or not isinstance(value, types):
            raise _BadValue(kind)
        return value

    return decode


def _decoder(column: sa.Column[Any]) -> Callable[[Any], Any]:
    """Turn one JSON value into the column's Python value, refusing any of the wrong kind."""
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return _parsed("an id", uuid.UUID)
    if isinstance(kind, UTCDateTime):
        return _parsed("a date and time with its time zone", _aware)
    if isinstance(kind, sa.Date):
        return _parsed("a date", date.fromisoformat)
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        enum_class = kind.enum_class
        return _parsed("one of " + ", ".join(str(m.value) for m in enum_class), enum_class)
    if isinstance(kind, sa.Boolean):
        return _exactly("yes or no (true or false)", bool)
    if isinstance(kind, sa.Integer):
        return _exactly("a whole number", int)
    if isinstance(kind, (sa.String, sa.types.TypeDecorator)) and not isinstance(kind, sa.JSON):
        return _exactly("text", str)
    return lambda value: value


def _check_times(path: Path, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Refuse change times in the future: one in the year 9999 would win every later merge."""
    columns = [c.name for c in table.columns if isinstance(c.type, UTCDateTime)]
    latest = utcnow() + FUTURE_SLACK
    for row in rows:
        for name in columns:
            value = row.get(name)
            if value is not None and value > latest:
                raise CoprodError("merge.future_time", path=str(path), table=table.name, field=name,
                                  value=value.isoformat(), row_id=str(row.get("id")))


def load(path: str | Path, *, passphrase: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Read and check an interchange file; rows come back with real UUIDs, dates and enums.
    A sealed file needs its `passphrase`."""
    path = Path(path)
    try:
        if is_sealed(path):
            if not passphrase:
                raise CoprodError("merge.needs_passphrase", path=str(path))
            document = json.loads(unseal(path.read_bytes(), passphrase, path=path))
        else:
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
    for table in _tables():
        try:
            rows = document["tables"].get(table.name, [])
            out[table.name] = [_row(table, row) for row in rows]
        except _BadValue as exc:
            shown = json.dumps(exc.value, ensure_ascii=False)[:60]
            raise CoprodError("merge.bad_value", path=str(path), table=exc.table, field=exc.field,
                              value=shown, expected=exc.expected) from exc
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise CoprodError("merge.damaged", path=str(path), reason=str(exc).splitlines()[0]) from exc
        _check_times(path, table, out[table.name])
    return out


def _row(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in row:
            continue
        value = row[column.name]
        if value is None:
            if not column.nullable:
                raise _BadValue("a value").at(table.name, column.name, value)
            out[column.name] = None
            continue
        try:
            out[column.name] = _decoder(column)(value)
        except _BadValue as exc:
            raise exc.at(table.name, column.name, value) from None
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
    def __init__(self, session: Session, fork: datetime | None, source: str, history: _History) -> None:
        self.session = session
        self.fork = fork
        self.history = history
        self.source = source
        self.remap: dict[uuid.UUID, uuid.UUID] = {}
        self.report = MergeReport()
        self.live: dict[str, int] = {}  # records not deleted here before the merge, per table
        self.deleted: dict[str, int] = {}  # of those, how many the file deletes

    def _natural(self, table: sa.Table, rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], Any]:
        columns = NATURAL_KEYS.get(table.name)
        if not columns:
            return {}
        query = select(table.c.id, *[table.c[c] for c in columns])
        return {tuple(r[1:]): r[0] for r in self.session.execute(query)}

    def table(self, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        fks = [c.name for c in table.columns if c.foreign_keys]
        if table.name == "audit_event":
            for row in rows:  # their history keeps its actor and time, and says where it came from
                row["merged_from"] = row.get("merged_from") or self.source
        else:
            query = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
            self.live[table.name] = self.session.execute(query).scalar_one()
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
        if new and table.name == "audit_event":
            chain_rows(self.session, new)
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
        """Field by field: what only one copy changed is kept; only a field both changed clashes."""
        ours = {k: v for k, v in mine.items() if k not in _TIMESTAMPS}
        other = {k: v for k, v in theirs.items() if k not in _TIMESTAMPS and k in mine}
        differing = {k for k, v in other.items() if ours.get(k) != v}
        if not differing:
            return
        row_id = str(mine["id"])
        ours_changed = self.history.local_fields(table.name, row_id)
        theirs_changed = self.history.incoming_fields(table.name, row_id)
        # A side with no field-level history for the record but a later change time changed
        # something we cannot name: count every differing field as changed there.
        if not ours_changed and (self.fork is None or mine["updated_at"] > self.fork):
            ours_changed = differing
        if not theirs_changed and (self.fork is None or theirs["updated_at"] > self.fork):
            theirs_changed = differing
        base = base_from_changes(ours, other, ours_changed=ours_changed, theirs_changed=theirs_changed)
        outcome = merge_fields(base, ours, other)
        values = dict(outcome.take)
        if outcome.conflicts:
            incoming_newer = theirs["updated_at"] > mine["updated_at"]
            kept = "incoming" if incoming_newer else "local"
            if incoming_newer:
                values.update({k: b for k, (_a, b) in outcome.conflicts.items()})
            self.report.conflicts.append(Conflict(table.name, row_id, kept, dict(outcome.conflicts)))
            shown = {k: [value_digest(table.name, row_id, k, a), value_digest(table.name, row_id, k, b)]
                     for k, (a, b) in outcome.conflicts.items()}
            record(self.session, AuditAction.MERGE_CONFLICT, table_name=table.name, row_id=row_id,
                   changes={"kept": kept, "file": self.source, "fields": shown})
        if not values:
            return
        if values.get("deleted_at") is not None and mine.get("deleted_at") is None:
            self.deleted[table.name] = self.deleted.get(table.name, 0) + 1
        values["updated_at"] = max(mine["updated_at"], theirs["updated_at"])
        self.session.execute(update(table).where(table.c.id == mine["id"]).values(**values))
        record(self.session, AuditAction.UPDATE, table_name=table.name, row_id=row_id,
               changes=field_changes(table.name, row_id,
                                     {k: v for k, v in values.items() if k != "updated_at"}))
        self.report.updated[table.name] = self.report.updated.get(table.name, 0) + 1

    def refuse_mass_deletion(self) -> None:
        """Raise MassDelete if the file deletes more than a tenth of some table's records."""
        for name, count in self.deleted.items():
            total = self.live.get(name, 0)
            if count > max(1, total // MASS_DELETE_SHARE):
                raise MassDelete("merge.mass_delete", path=self.source, count=count, total=total,
                                 table=name.replace("_", " "))


class MassDelete(CoprodError):
    """The file would delete a large share of the records; merge again only if that is meant."""


class _History:
    """Which fields of a record each copy changed since they parted, from their audit logs.

    Events only one copy holds are that copy's changes since the two last shared history.
    """

    _FIELD_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)

    def __init__(self, session: Session, incoming_events: list[dict[str, Any]]) -> None:
        self.session = session
        self.incoming_ids = {row["id"] for row in incoming_events}
        table = SQLModel.metadata.tables["audit_event"]
        known: set[Any] = set()
        ids = list(self.incoming_ids)
        for i in range(0, len(ids), CHUNK):
            query = select(table.c.id).where(table.c.id.in_(ids[i : i + CHUNK]))
            known.update(session.execute(query).scalars())
        self.incoming: dict[tuple[str, str], set[str]] = {}
        for row in incoming_events:
            if row["id"] not in known and row.get("action") in self._FIELD_ACTIONS:
                key = (row.get("table_name") or "", row.get("row_id") or "")
                self.incoming.setdefault(key, set()).update(_fields_of(row))

    def incoming_fields(self, table_name: str, row_id: str) -> set[str]:
        return set(self.incoming.get((table_name, row_id), set()))

    def local_fields(self, table_name: str, row_id: str) -> set[str]:
        table = SQLModel.metadata.tables["audit_event"]
        query = select(table.c.id, table.c.action, table.c.changes).where(
            table.c.table_name == table_name, table.c.row_id == row_id,
            table.c.action.in_(self._FIELD_ACTIONS))
        out: set[str] = set()
        for event_id, action, changes in self.session.execute(query):
            if event_id not in self.incoming_ids:
                out |= _fields_of({"action": action, "changes": changes})
        return out


def _fields_of(event: dict[str, Any]) -> set[str]:
    """The fields an audit event says it changed (a tombstone says only that it was deleted)."""
    if event.get("action") in (AuditAction.DELETE, AuditAction.DELETE.value):
        return {"deleted_at"}
    changes = event.get("changes")
    return {k for k in changes if k not in _TIMESTAMPS} if isinstance(changes, dict) else set()


def merge_interchange(
    db: Database, source: str | Path, *, state: TaskState | None = None, allow_mass_delete: bool = False,
    passphrase: str | None = None,
) -> MergeReport:
    """Merge the interchange file `source` into `db` in one transaction, after a backup.

    Refuses (MassDelete, nothing written) a file that deletes more than a tenth of the
    records of any table, unless `allow_mass_delete`.
    """
    from coprod.services.data.backup import backup_before

    source = Path(source)
    incoming = load(source, passphrase=passphrase)
    backup = backup_before(db, "pre-merge")
    with db.transaction() as session:
        # Rows arrive table by table; a row may point at one later in the same table (owners
        # escalate to owners), so foreign keys are checked at commit instead of per row.
        defer_foreign_keys(session)
        events = incoming["audit_event"]
        merger = _Merger(session, _fork_point(session, events), source.name, _History(session, events))
        for table in _tables():
            if state:
                state.check()
            merger.table(table, incoming[table.name])
        if not allow_mass_delete:
            merger.refuse_mass_deletion()
    merger.report.backup = backup
    from coprod.services.privacy.erasure import reapply_register

    reapply_register(db)  # an older copy brings back no one who was erased here (or there)
    return merger.report
