"""A report in three steps, so that only the short ones hold the database.

1. `read` (database, read only): build the guarded content and compare it with the last
   published version; everything the report needs is now plain data.
2. `render` (any thread, no database): draw the PDF, HTML or Word file beside the
   destination under a hidden name. This is the long part.
3. `record` (database, one short transaction): publish if asked, write the audit event
   (`on_record`), then put the file in place. A database that cannot log it gets no file.

`make` takes the three steps one after another (the command line); the window runs each on
its own thread. `generate.generate` does the same in a transaction its caller holds.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlmodel import Session

from coprod.services.common.store import Store
from coprod.services.common.tasks import TaskState
from coprod.services.reports.content import Report
from coprod.services.reports.generate import ReportRequest, ReportResult, prepare, put_on_record, write
from coprod.services.reports.guard import Redaction
from coprod.services.reports.publish import Changes, changes_since_published
from coprod.services.reports.readability import Advice


@dataclass(frozen=True)
class Prepared:
    """What a report needs from the database, read in one short session."""

    request: ReportRequest
    report: Report
    redactions: list[Redaction]
    advice: list[Advice]
    changes: Changes


@dataclass(frozen=True)
class Rendered:
    prepared: Prepared
    partial: Path


def read(*, session: Session, request: ReportRequest, state: TaskState | None = None) -> Prepared:
    if state is not None:
        state.check()  # cancelled while waiting for the database worker
    request.format  # noqa: B018  (refuse an unknown format before any work)
    report, redactions, advice = prepare(session=session, request=request, state=state)
    changes = changes_since_published(session=session, report=report)
    return Prepared(request, report, redactions, advice, changes)


def render(prepared: Prepared, state: TaskState | None = None) -> Rendered:
    """Write the file under a hidden name beside its destination; no database needed."""
    if state is not None:
        state.check()
    out = prepared.request.out.expanduser()
    partial = out.with_name(f".coprod-{uuid.uuid4().hex}{out.suffix}")
    write(prepared.report, partial, prepared.request.format, state)
    return Rendered(prepared, partial)


class Transactions(Protocol):
    def transaction(self, **info: Any) -> AbstractContextManager[Session]: ...


def make(db: Store, request: ReportRequest, state: TaskState | None = None) -> ReportResult:
    """Read, draw and record a report in turn: the database is held only while reading and
    recording, never while the file is drawn (a review pack takes seconds)."""
    with db.reading() as session:
        prepared = read(session=session, request=request, state=state)
    return record(db, render(prepared, state), state)


def record(db: Transactions, rendered: Rendered, state: TaskState | None = None) -> ReportResult:
    """Publish (if asked) and log the report in one short transaction of `db` (a Database or
    Workspace), then put its file in place; if the database fails, no file is left."""
    prepared, partial = rendered.prepared, rendered.partial
    request, report = prepared.request, prepared.report
    out = request.out.expanduser()
    placed = False
    try:
        if state is not None:
            state.check()
        with db.transaction() as session:
            put_on_record(session, request, report, prepared.redactions)
            partial.replace(out)
            placed = True
    except BaseException:
        partial.unlink(missing_ok=True)
        if placed:
            out.unlink(missing_ok=True)
        raise
    return ReportResult(
        path=request.out,
        report=report,
        redactions=prepared.redactions,
        advice=prepared.advice,
        changes=prepared.changes,
        published=request.publish,
    )
