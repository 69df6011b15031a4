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
from coprod.domain.errors import CoprodError, Phrase
from coprod.domain.merge import base_from_changes, merge_fields
from coprod.domain.types import UTCDateTime, utcnow
from coprod.persistence import migrate
from coprod.persistence.audit import chain_rows, field_changes, jsonable, record, record_bulk, value_digest
from coprod.persistence.dialect import defer_foreign_keys
from coprod.persistence.identity import device_id
from coprod.persistence.raw import fetch_rows
from coprod.persistence.sync import refuse_bulk_on_copy
from coprod.services.common.store import Store
from coprod.services.common.tasks import TaskState
from coprod.services.data.on_record import keep_on_record
from coprod.services.data.sealed import sealing, unsealed

FORMAT = "coprod-interchange"
VERSION = 1
SUFFIX = ".coprod.json"
CHUNK = 500
FUTURE_SLACK = timedelta(days=1)  # clocks on council laptops drift; a day is plenty
MASS_DELETE_SHARE = 10  # asking first when a file deletes more than one record in ten
_TIMESTAMPS = frozenset({"id", "created_at", "updated_at", "version"})
# Named records two officers may each have created: the same name is the same record.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "strategy": ("name",),
    "theme": ("name",),
    "participant": ("code",),
    "setting": ("key",),
    "session_strategy": ("session_id", "strategy_id"),
    "feedback_theme": ("feedback_id", "theme_id"),
    "recommendation_feedback": ("recommendation_id", "feedback_id"),
    "risk_mitigation": ("risk_id", "recommendation_id"),
}


def is_interchange(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIX)


def _tables() -> list[sa.Table]:
    return list(SQLModel.metadata.sorted_tables)


def export_interchange(
    db: Store, out: str | Path, *, state: TaskState | None = None, passphrase: str | None = None
) -> int:
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
        "format": FORMAT,
        "version": VERSION,
        "schema": migrate.head_revision(),
        "exported_at": utcnow().isoformat(),
        "device_id": device_id(),
        "tables": tables,
    }
    partial = path.with_name(path.name + ".partial")
    count = sum(len(rows) for rows in tables.values())
    try:
        with sealing(partial, passphrase) as fh:
            _write_json(fh, document)
        del document, tables
        keep_on_record(db, partial, path, table_name="*", changes={"file": path.name, "records": count})
    except OSError as exc:
        raise CoprodError("export.cannot_write", path=str(path), reason=exc.strerror or str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return count


ROWS_PER_WRITE = 2000


def _write_json(fh: Any, document: dict[str, Any]) -> None:
    """Write `document` as compact JSON, each table's rows in batches.

    json.dump writes each token separately (millions of writes for a team's file) through the
    pure-Python encoder, and one json.dumps string of the whole file doubles the memory the
    export needs; json.dumps of a couple of thousand rows at a time avoids both. The text is
    what json.dumps(document) gives."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    tables = document["tables"]
    head = dumps({k: v for k, v in document.items() if k != "tables"})
    fh.write(head[:-1] + ',"tables":{' if len(head) > 2 else '{"tables":{')
    for n, (name, rows) in enumerate(tables.items()):
        fh.write(("," if n else "") + dumps(name) + ":[")
        for i in range(0, len(rows), ROWS_PER_WRITE):
            fh.write(("," if i else "") + dumps(rows[i : i + ROWS_PER_WRITE])[1:-1])
        fh.write("]")
    fh.write("}}")


def _export_rows(session: Session, table: sa.Table) -> list[dict[str, Any]]:
    """Every row of `table` as the file holds it (what `jsonable` makes of the typed values)."""
    if session.connection().dialect.name != "sqlite":
        query = select(table).order_by(table.c.id)
        return [jsonable(dict(row._mapping)) for row in session.execute(query)]
    names = [c.name for c in table.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*_stored_columns(session, table), strict=True)]


def _stored_columns(session: Session, table: sa.Table) -> list[Any]:
    """The values of each column of `table` (SQLite only), rows ordered by id, as the file
    holds them: read straight from the driver and converted column by column (persistence/raw.py)."""
    conn = session.connection()
    rows = fetch_rows(session, select(table).order_by(table.c.id))
    if not rows:
        return []
    converters = [_stored_to_json(c, conn.dialect) for c in table.columns]
    return [
        values if convert is None else [None if v is None else convert(v) for v in values]
        for values, convert in zip(zip(*rows, strict=True), converters, strict=True)
    ]


def _uuid_text(value: str) -> str:
    h = value.lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _utc_text(value: str) -> str:
    """A UTC time as SQLite stores it ("2026-11-26 09:30:00.000000") as isoformat gives it
    ("2026-11-26T09:30:00+00:00"); the text is rearranged when it has SQLAlchemy's usual shape."""
    if len(value) == 26 and value[10] == " " and value[19] == "." and value[13] == ":":
        text = value[:10] + "T" + value[11:]
        return (text[:19] if text.endswith(".000000") else text) + "+00:00"
    return datetime.fromisoformat(value).replace(tzinfo=UTC).isoformat()


def _stored_to_json(column: sa.Column[Any], dialect: sa.Dialect) -> Callable[[Any], Any] | None:
    """How a value as SQLite stores it becomes the value `jsonable` gives for the typed one."""
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return _uuid_text
    if isinstance(kind, UTCDateTime):
        return _utc_text
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
                raise CoprodError(
                    "merge.future_time",
                    path=str(path),
                    table=table.name,
                    field=name,
                    value=value.date(),  # written as a date at display: the day tells the clock was wrong
                    row_id=str(row.get("id")),
                )


READ_CHUNK = 1 << 22  # characters read from the file at a time


class _Damaged(ValueError):
    """The file is not JSON of the interchange file's shape."""


class _Stream:
    """A JSON text read a piece at a time, one value at a time: a team's file is 100 MB and
    more, and holding all of it parsed at once would take several times that in memory."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.fh.read(READ_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            buf, pos, n = self.buf, self.pos, len(self.buf)
            while pos < n and buf[pos] in " \t\n\r":
                pos += 1
            self.pos = pos
            if pos < n:
                return buf[pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise _Damaged(f"expected {char!r}")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self._more():
                    continue
                raise
            if end == len(self.buf) and self._more():
                continue  # a number may go on in the next piece
            self.pos = end
            return value

    def items(self) -> Any:
        """The keys of the object that starts here, each once its ":" is read; the caller
        reads each value before asking for the next key."""
        self.expect("{")
        first = True
        while self.peek() != "}":
            if not first:
                self.expect(",")
            first = False
            key = self.value()
            if not isinstance(key, str):
                raise _Damaged("a key that is not text")
            self.expect(":")
            yield key
        self.pos += 1

    def elements(self) -> Any:
        """The values of the array that starts here."""
        self.expect("[")
        first = True
        while self.peek() != "]":
            if not first:
                self.expect(",")
            first = False
            yield self.value()
        self.pos += 1


def _check_header(path: Path, header: dict[str, Any]) -> None:
    if header.get("format") != FORMAT:
        raise CoprodError("merge.not_interchange", path=str(path))
    if not isinstance(header.get("version"), int) or header["version"] > VERSION:
        raise CoprodError("merge.newer_format", path=str(path), version=header.get("version"))
    if header.get("schema") not in migrate.known_revisions():
        raise CoprodError("merge.newer_schema", path=str(path), revision=header.get("schema"))


class _Unchanged:
    """Which incoming rows are exactly a local row already, so a merge need not look at them.

    Compared as the file holds values: each local row, read straight from the driver and
    converted as the export converts it, is kept as its id and a fingerprint (Python's hash
    of all its values, timestamps included); an incoming row with the same id and the same
    fingerprint holds nothing new. Any other row takes the full field-by-field way.
    """

    def __init__(self, session: Session, table: sa.Table) -> None:
        self.names = [c.name for c in table.columns]
        self.json = {c.name for c in table.columns if isinstance(c.type, sa.JSON)}
        self.local: dict[Any, int] = {}
        # The audit log's shared events tell when the copies parted: those always go through.
        if table.name == "audit_event" or session.connection().dialect.name != "sqlite":
            return
        columns = _stored_columns(session, table)
        if not columns:
            return
        keyed = [
            [None if v is None else _canonical(v) for v in values] if c in self.json else values
            for c, values in zip(self.names, columns, strict=True)
        ]
        ids = columns[self.names.index("id")]
        self.local = dict(zip(ids, map(hash, zip(*keyed, strict=True)), strict=True))

    def __call__(self, row: Any) -> bool:
        if not self.local or not isinstance(row, dict):
            return False
        found = self.local.get(row.get("id"))
        if found is None:
            return False
        try:
            if self.json:
                values = tuple(
                    _canonical(row.get(n)) if n in self.json and row.get(n) is not None else row.get(n)
                    for n in self.names
                )
            else:
                values = tuple(map(row.get, self.names))
            return hash(values) == found
        except TypeError:  # a list or object where the column holds a plain value
            return False


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def load(
    path: str | Path, session: Session, *, passphrase: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Read and check an interchange file, keeping only the rows that are not already
    exactly as `session` holds them; rows come back with real UUIDs, dates and enums.
    A sealed file needs its `passphrase`."""
    path = Path(path)
    tables = {t.name: t for t in _tables()}
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
    header: dict[str, Any] = {}
    seen_tables = False
    try:
        with unsealed(path, passphrase) as fh:
            stream = _Stream(fh)
            for key in stream.items():
                if key != "tables":
                    header[key] = stream.value()
                    continue
                _check_header(path, header)
                seen_tables = True
                for name in stream.items():
                    table = tables.get(name)
                    if table is None:
                        for _row_value in stream.elements():
                            pass
                        continue
                    unchanged = _Unchanged(session, table)
                    kept = out[name]
                    for row in stream.elements():
                        if not unchanged(row):
                            kept.append(_row(table, row))
                    _check_times(path, table, kept)
            if stream.peek():
                raise _Damaged("more after the end")
    except FileNotFoundError as exc:
        raise CoprodError("import.no_file", path=str(path)) from exc
    except _BadValue as exc:
        shown = json.dumps(exc.value, ensure_ascii=False)[:60]
        raise CoprodError(
            "merge.bad_value",
            path=str(path),
            table=exc.table,
            field=exc.field,
            value=shown,
            expected=exc.expected,
        ) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, _Damaged) as exc:
        raise CoprodError("merge.not_interchange", path=str(path)) from exc
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise CoprodError("merge.damaged", path=str(path), reason=str(exc).splitlines()[0]) from exc
    _check_header(path, header)
    if not seen_tables:
        raise CoprodError("merge.damaged", path=str(path), reason="no tables")
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
        natural = self._natural(table, rows) if len(local) < len(rows) else {}
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
            record(
                self.session,
                AuditAction.MERGE_CONFLICT,
                table_name=table.name,
                row_id=str(row["id"]),
                changes={
                    "kept": "both",
                    "file": self.source,
                    "fields": {"reference": [ref, row["reference"]]},
                },
            )

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
            shown = {
                k: [value_digest(table.name, row_id, k, a), value_digest(table.name, row_id, k, b)]
                for k, (a, b) in outcome.conflicts.items()
            }
            record(
                self.session,
                AuditAction.MERGE_CONFLICT,
                table_name=table.name,
                row_id=row_id,
                changes={"kept": kept, "file": self.source, "fields": shown},
            )
        if not values:
            return
        if values.get("deleted_at") is not None and mine.get("deleted_at") is None:
            self.deleted[table.name] = self.deleted.get(table.name, 0) + 1
        values["updated_at"] = max(mine["updated_at"], theirs["updated_at"])
        values["version"] = table.c.version + 1  # an editor open on this record must see it moved
        self.session.execute(update(table).where(table.c.id == mine["id"]).values(**values))
        record(
            self.session,
            AuditAction.UPDATE,
            table_name=table.name,
            row_id=row_id,
            changes=field_changes(
                table.name, row_id, {k: v for k, v in values.items() if k not in _TIMESTAMPS}
            ),
        )
        self.report.updated[table.name] = self.report.updated.get(table.name, 0) + 1

    def refuse_mass_deletion(self) -> None:
        """Raise MassDelete if the file deletes more than a tenth of some table's records."""
        for name, count in self.deleted.items():
            total = self.live.get(name, 0)
            if count > max(1, total // MASS_DELETE_SHARE):
                raise MassDelete(
                    "merge.mass_delete",
                    path=self.source,
                    count=f"{count:,}",
                    total=f"{total:,}",
                    table=name.replace("_", " "),
                )


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
            table.c.table_name == table_name,
            table.c.row_id == row_id,
            table.c.action.in_(self._FIELD_ACTIONS),
        )
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
    db: Store,
    source: str | Path,
    *,
    state: TaskState | None = None,
    allow_mass_delete: bool = False,
    passphrase: str | None = None,
) -> MergeReport:
    """Merge the interchange file `source` into `db` in one transaction, after a backup.

    Refuses (MassDelete, nothing written) a file that deletes more than a tenth of the
    records of any table, unless `allow_mass_delete`.
    """
    from coprod.services.data.backup import backup_before

    source = Path(source)
    with db.reading() as session:
        incoming = load(source, session, passphrase=passphrase)
    backup = backup_before(db, "pre-merge")
    with db.transaction() as session:
        refuse_bulk_on_copy(session.connection(), Phrase("sync.bulk.merge"))
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
