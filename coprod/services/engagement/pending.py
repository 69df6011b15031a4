"""Writes that could not reach the database yet, kept on disk beside it until they do.

When the database is locked by another program (a long import, a colleague's copy on a
shared drive) or cannot be written at all, what the user saved must not be lost. Each
waiting write is one JSON line in `NAME.db.pending.jsonl`, flushed and fsynced before the
user is told it is waiting. Every entry carries its own UUID, which becomes the id of the
row it writes, so replaying an entry that did reach the database changes nothing.

The file is only ever appended to, or replaced whole (write a temporary copy, fsync, rename),
so a crash at any moment leaves either the old list or the new one. Lines end in "\n" on
every system, so a queue on a shared drive reads the same from Linux and Windows. On Windows a
file another program has open for a moment (an indexer, an antivirus scan) cannot be replaced
or deleted: that is tried again for a short while before the change is given up.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
from filelock import FileLock
from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.models import AuditEvent, Feedback
from coprod.domain.types import utcnow
from coprod.persistence import audit
from coprod.persistence.identity import device_id
from coprod.services.common.store import Store
from coprod.services.engagement import capture as engagement

SUFFIX = ".pending.jsonl"
FEEDBACK = "feedback"
AUDIT = "audit"
LOCK_TIMEOUT_S = 10
SHARING_RETRY_S = 2.0  # how long a Windows file held open by another program is waited for


def queue_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def server_queue_path(label: str) -> Path:
    """Where this user keeps what waits for a team server that could not be reached: in their
    own state folder, named after the server and database, so a laptop that loses the network
    mid-session keeps every word typed, on disk, until the server is back."""
    key = hashlib.sha256(label.encode("utf-8")).hexdigest()[:24]
    return platformdirs.user_state_path("coprod", appauthor=False) / "pending" / f"server-{key}{SUFFIX}"


def reader_queue_path(db_path: Path) -> Path:
    """Where this user keeps what waits for a database they could only read: in their own
    state folder, named after the database's full path, so that reading a file (on a
    read-only share, say) leaves nothing beside it."""
    # normcase: Windows paths are the same file whatever their letters' case (no change on POSIX).
    where = os.path.normcase(str(db_path.expanduser().resolve()))
    key = hashlib.sha256(where.encode("utf-8")).hexdigest()[:24]
    return platformdirs.user_state_path("coprod", appauthor=False) / "pending" / f"{key}{SUFFIX}"


@dataclass(frozen=True)
class Entry:
    """One write waiting to be made: `kind` says which, `data` holds its plain values."""

    id: uuid.UUID
    kind: str
    data: dict[str, Any]
    queued_at: str = field(default_factory=lambda: utcnow().isoformat())

    def to_line(self) -> str:
        record = {"id": str(self.id), "kind": self.kind, "data": self.data, "queued_at": self.queued_at}
        return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_line(cls, line: str) -> Entry:
        record = json.loads(line)
        return cls(uuid.UUID(record["id"]), record["kind"], record["data"], record.get("queued_at", ""))


def feedback_entry(
    *,
    session_id: uuid.UUID,
    text: str,
    themes: list[str],
    verbatim: bool,
    participant_code: str | None,
    recorded_at: datetime | None = None,
) -> Entry:
    """A quick-capture item, with the moment Enter was pressed as its recorded time."""
    data = {
        "session_id": str(session_id),
        "text": text,
        "themes": list(themes),
        "verbatim": verbatim,
        "participant_code": participant_code,
        "recorded_at": (recorded_at or utcnow()).isoformat(),
    }
    return Entry(uuid.uuid4(), FEEDBACK, data)


def audit_entry(*, action: AuditAction, table_name: str, changes: dict[str, Any], actor: str) -> Entry:
    """An audit event (an export, a report) that must reach the log when the database can take it."""
    data = {
        "action": action.value,
        "table_name": table_name,
        "changes": audit.jsonable(changes),
        "actor": actor,
        "at": utcnow().isoformat(),
    }
    return Entry(uuid.uuid4(), AUDIT, data)


class PendingQueue:
    """The waiting writes for one database file; `path=None` keeps them in memory only."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._memory: list[Entry] = []
        # Two windows (or the app and the command line) may share one database file: each
        # change to the queue is made under a lock so no process rewrites away another's entry.
        self._lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S) if path is not None else None

    @classmethod
    def beside(cls, db_path: Path | None) -> PendingQueue:
        return cls(queue_path(db_path) if db_path is not None else None)

    @classmethod
    def for_database(cls, db_path: Path | None, label: str) -> PendingQueue:
        """The queue of a database: beside its file, or for a server in this user's folder
        (an in-memory database's stays in memory, as the database does)."""
        if db_path is None and "://" in label and not label.startswith("sqlite"):
            return cls(server_queue_path(label))
        return cls.beside(db_path)

    @classmethod
    def for_reader(cls, db_path: Path) -> PendingQueue:
        return cls(reader_queue_path(db_path))

    def entries(self) -> list[Entry]:
        """Every waiting entry, oldest first. A line cut short by a crash is left out."""
        if self.path is None or self._lock is None:
            return list(self._memory)
        if not self.path.parent.is_dir():
            return []
        with self._lock:
            return self._read(self.path)

    @staticmethod
    def _read(path: Path) -> list[Entry]:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        out: list[Entry] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                out.append(Entry.from_line(line))
            except (ValueError, KeyError, TypeError):
                continue  # only the last line can be half-written, and it was never confirmed
        return out

    def __len__(self) -> int:
        return len(self.entries())

    def add(self, entry: Entry) -> None:
        """Keep `entry` on disk (flushed and fsynced) before anyone is told it is waiting.

        Raises OSError if the file cannot be written: then nothing may claim it is kept.
        """
        if self.path is None or self._lock is None:
            self._memory.append(entry)
            return
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with self._lock, self.path.open("a+", encoding="utf-8", newline="\n") as fh:
            # After a crash mid-line, start afresh so the new entry is not glued to the stub.
            fh.write(("\n" if _ends_mid_line(self.path) else "") + entry.to_line())
            fh.flush()
            os.fsync(fh.fileno())

    def remove(self, entry_id: uuid.UUID) -> None:
        """Forget an entry that has reached the database."""
        if self.path is None or self._lock is None:
            self._memory = [e for e in self._memory if e.id != entry_id]
            return
        with self._lock:
            left = [e for e in self._read(self.path) if e.id != entry_id]
            path = self.path
            if not left:
                _shared(lambda: path.unlink(missing_ok=True))
                return
            tmp = path.with_name(path.name + ".tmp")
            with tmp.open("w", encoding="utf-8", newline="\n") as fh:
                fh.writelines(e.to_line() for e in left)
                fh.flush()
                os.fsync(fh.fileno())
            _shared(lambda: os.replace(tmp, path))


def replay(db: Store) -> int:
    """Write every waiting entry of `db`'s file, oldest first, each in its own transaction:
    those beside the file, then those this user queued while it could only be read.

    Returns how many were written. Stops at the first that cannot be written (it and the
    rest keep waiting), so a locked database costs one wait, not one per entry.
    """
    if db.read_only:
        return 0
    written, stopped = _replay_queue(db, PendingQueue.for_database(db.path, db.label))
    if not stopped:
        written += replay_for_reader(db)
    return written


def replay_for_reader(db: Store) -> int:
    """Write what this user queued while `db`'s file could only be read (exports' audit
    events); the window writes the entries beside the file one by one itself."""
    if db.read_only or db.path is None:
        return 0
    return _replay_queue(db, PendingQueue.for_reader(db.path))[0]


def _replay_queue(db: Store, queue: PendingQueue) -> tuple[int, bool]:
    """(how many were written, whether one could not be and the rest keep waiting)."""
    written = 0
    for entry in queue.entries():
        try:
            with db.transaction() as session:
                apply(session, entry)
        except CoprodError:
            return written, True
        queue.remove(entry.id)
        written += 1
    return written, False


def _shared(change: Callable[[], object], *, windows: bool | None = None) -> None:
    """Replace or delete a file, waiting on Windows while another program briefly has it open
    (PermissionError there; on POSIX an open file never stops either, so it is raised at once)."""
    windows = sys.platform == "win32" if windows is None else windows
    deadline = time.monotonic() + SHARING_RETRY_S
    while True:
        try:
            change()
            return
        except PermissionError:
            if not windows or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _ends_mid_line(path: Path) -> bool:
    with path.open("rb") as fh:
        if fh.seek(0, os.SEEK_END) == 0:
            return False
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) != b"\n"


def apply(session: Session, entry: Entry) -> uuid.UUID:
    """Make the write `entry` stands for, once: an entry already applied is left alone."""
    writer = _WRITERS.get(entry.kind)
    if writer is None:
        raise ValueError(f"unknown pending write {entry.kind!r}")
    return writer(session, entry)


def _feedback(session: Session, entry: Entry) -> uuid.UUID:
    if session.get(Feedback, entry.id) is not None:
        return entry.id
    d = entry.data
    return engagement.add_feedback(
        session=session,
        session_id=uuid.UUID(d["session_id"]),
        text=d["text"],
        themes=d.get("themes") or [],
        verbatim=bool(d.get("verbatim")),
        participant_code=d.get("participant_code"),
        recorded_at=datetime.fromisoformat(d["recorded_at"]),
        feedback_id=entry.id,
    )


def _audit(session: Session, entry: Entry) -> uuid.UUID:
    if session.get(AuditEvent, entry.id) is not None:
        return entry.id
    d = entry.data
    session.add(
        AuditEvent(
            id=entry.id,
            actor=d["actor"],
            device_id=device_id(),
            action=AuditAction(d["action"]),
            table_name=d["table_name"],
            row_id=None,
            changes=d.get("changes") or {},
            at=datetime.fromisoformat(d["at"]),
        )
    )
    return entry.id


_WRITERS: dict[str, Callable[[Session, Entry], uuid.UUID]] = {FEEDBACK: _feedback, AUDIT: _audit}
