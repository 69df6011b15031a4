"""Every export is on the record: a file leaves coprod only together with its audit event.

The event is written (flushed, which takes the database's write lock) before the file is
put in place, so a locked or failing database keeps no file. A read-only database cannot
hold the event now: it waits in the user's own pending-writes queue (nothing is left beside
a file that could only be read) and reaches the log the next time the file is opened for
writing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.persistence.audit import record
from coprod.persistence.identity import current_actor
from coprod.services.common.store import Store
from coprod.services.engagement import pending


def database_file(session: Session) -> tuple[Path | None, bool]:
    """The SQLite file behind `session` and whether it can only be read (opened read only,
    or a file this process may not write)."""
    url = session.get_bind().engine.url
    name = url.database
    if not name or name == ":memory:":
        return None, False
    read_only = url.query.get("mode") == "ro"
    if name.startswith("file:"):
        name = name[len("file:") :].partition("?")[0]
    path = Path(name)
    return path, read_only or (path.exists() and not os.access(path, os.W_OK))


def record_export(session: Session, action: AuditAction, *, table_name: str, changes: dict[str, Any]) -> None:
    """Write the audit event of an export now (flushed, so the write lock is held), or keep
    it in the pending queue if the database is read only. Raises if neither can be done, and
    then nothing may be kept."""
    path, read_only = database_file(session)
    if not read_only or path is None:
        record(session, action, table_name=table_name, changes=changes)
        session.flush()
        return
    actor = str(session.info.get("actor") or current_actor())
    entry = pending.audit_entry(action=action, table_name=table_name, changes=changes, actor=actor)
    try:
        pending.PendingQueue.for_reader(path).add(entry)
    except OSError as exc:
        raise CoprodError("export.not_on_record", path=str(path), reason=exc.strerror or str(exc)) from exc


def keep_on_record(db: Store, partial: Path, path: Path, *, table_name: str, changes: dict[str, Any]) -> None:
    """Move a finished export from `partial` to `path` together with its audit event.

    If the event can be neither written nor queued, the file is never put in place; if the
    database fails after it was, it is taken away again.
    """
    kept = False
    try:
        with db.transaction() as session:
            record_export(session, AuditAction.EXPORT, table_name=table_name, changes=changes)
            partial.replace(path)
            kept = True
    except BaseException:
        if kept:
            path.unlink(missing_ok=True)
        raise
