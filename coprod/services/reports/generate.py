"""One front door for every report, used by the GUI and the CLI alike.

The order matters: build the content, run the personal-data guard over all of it, check the
fonts can show every character (PDF only), advise on plain English, then write the file
atomically (a temporary file renamed into place), so a failed run never leaves half a report.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError, RuleViolation
from coprod.i18n import tr
from coprod.persistence.dialect import larger_page_cache
from coprod.persistence.identity import current_actor
from coprod.persistence.repositories.settings import get_organisation
from coprod.services.common import collector
from coprod.services.common.tasks import TaskState
from coprod.services.data.on_record import record_export
from coprod.services.reports import readability
from coprod.services.reports.content import Report
from coprod.services.reports.fonts import missing_characters
from coprod.services.reports.guard import Redaction, guard_for
from coprod.services.reports.publish import Changes, changes_since_published, publish
from coprod.services.reports.readability import Advice
from coprod.services.reports.scope import Scope

KINDS = ("you-said-we-did", "lag", "review", "risks")
FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    out: Path
    as_of: date
    scope: Scope = field(default_factory=Scope)
    easy_read: bool = False
    publish: bool = False
    published_by: str | None = None
    preview: bool = False  # shown on screen only: logged as a view, not an export
    name_officers: bool = False  # board report: figures by named officer as well as by team

    @property
    def format(self) -> str:
        fmt = FORMATS.get(self.out.suffix.lower())
        if fmt is None:
            raise CoprodError("report.bad_format", path=str(self.out))
        return fmt


@dataclass
class ReportResult:
    path: Path
    report: Report
    redactions: list[Redaction]
    advice: list[Advice]
    changes: Changes
    published: bool


# Report kind -> the module that builds it; imported on demand, so start-up stays light.
_BUILDERS = {"you-said-we-did": "you_said_we_did", "lag": "board", "review": "review_pack", "risks": "risks"}


def build_content(*, session: Session, request: ReportRequest, state: TaskState | None = None) -> Report:
    module = _BUILDERS.get(request.kind)
    if module is not None:
        builder = importlib.import_module(f"coprod.services.reports.{module}")
        extra = {"name_officers": request.name_officers} if request.kind == "lag" else {}
        return builder.build(
            session=session,
            scope=request.scope,
            as_of=request.as_of,
            easy_read=request.easy_read,
            state=state,
            **extra,
        )
    raise CoprodError("report.unknown_kind", kind=request.kind)


READ_CACHE_KIB = 64 * 1024


def prepare(
    *, session: Session, request: ReportRequest, state: TaskState | None = None
) -> tuple[Report, list[Redaction], list[Advice]]:
    """The guarded content, what was redacted and the plain-English advice; nothing written."""
    # A whole-borough report reads most of the file: SQLite's default 2 MB cache would read
    # the same pages from the disk again for each batch of recommendations.
    with collector.paused(), larger_page_cache(session.connection(), READ_CACHE_KIB):
        return _prepare(session=session, request=request, state=state)


def _prepare(
    *, session: Session, request: ReportRequest, state: TaskState | None
) -> tuple[Report, list[Redaction], list[Advice]]:
    fmt = request.format
    raised_from, raised_to = request.scope.date_from, request.scope.date_to
    if raised_from is not None and raised_to is not None and raised_from > raised_to:
        raise RuleViolation("report.from_after_to", start=raised_from, end=raised_to)
    if request.kind == "you-said-we-did" and not get_organisation(session=session).has_contact:
        if request.publish:
            raise CoprodError("report.publish_needs_contact")
        report = build_content(session=session, request=request, state=state)
        report.notice = tr("report.draft_no_contact")
    else:
        report = build_content(session=session, request=request, state=state)
    redactions = guard_for(session=session).apply(report)
    if fmt == "pdf":
        missing = missing_characters(report)
        if missing:
            first = missing[0]
            raise CoprodError(
                "report.unsupported_text",
                characters=" ".join(first.characters[:5]),
                sample=first.sample.strip(),
                where=first.where,
            )
    advice = readability.check(report) if request.kind == "you-said-we-did" else []
    return report, redactions, advice


def write(report: Report, out: Path, fmt: str, state: TaskState | None = None) -> None:
    with collector.paused():
        _write(report, out, fmt, state)


def _write(report: Report, out: Path, fmt: str, state: TaskState | None) -> None:
    out = out.expanduser()
    directory = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".coprod-", suffix=out.suffix, dir=directory)
    except OSError as exc:
        raise CoprodError("report.cannot_write", path=str(out), reason=exc.strerror or str(exc)) from exc
    os.close(fd)
    try:
        if fmt == "pdf":
            from coprod.services.reports import render_pdf

            render_pdf.render(report, Path(tmp), landscape_pages=report.kind in ("lag", "risks"), state=state)
        elif fmt == "docx":
            from coprod.services.reports import render_docx

            render_docx.render(report, Path(tmp))
        else:
            from coprod.services.reports import render_html

            Path(tmp).write_text(render_html.render(report), encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise CoprodError("report.cannot_write", path=str(out), reason=exc.strerror or str(exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def put_on_record(
    session: Session, request: ReportRequest, report: Report, redactions: list[Redaction]
) -> None:
    """Publish the report if asked, and write its audit event (an export, or a preview's view)."""
    if request.publish:
        by = request.published_by or str(session.info.get("actor") or current_actor())
        publish(session=session, report=report, by=by)
        session.flush()
    record_export(
        session,
        AuditAction.VIEW if request.preview else AuditAction.EXPORT,
        table_name="published_report",
        changes={
            "report": request.kind,
            "format": request.format,
            "scope": report.scope,
            "as_of": report.as_of.isoformat(),
            "redacted": len(redactions),
        },
    )


def generate(*, session: Session, request: ReportRequest, state: TaskState | None = None) -> ReportResult:
    """Build, guard, check and write a report; record it as published if asked, all in the
    caller's transaction (which the audit event's write lock then holds while the file is
    drawn: `staged.make` draws it with the database free)."""
    if state is not None:
        state.check()  # cancelled while waiting for the database worker
    report, redactions, advice = prepare(session=session, request=request, state=state)
    changes = changes_since_published(session=session, report=report)
    if state is not None:
        state.check()
    # The event first (it takes the write lock): a database that cannot log it gets no file.
    put_on_record(session, request, report, redactions)
    write(report, request.out, request.format, state)
    return ReportResult(
        path=request.out,
        report=report,
        redactions=redactions,
        advice=advice,
        changes=changes,
        published=request.publish,
    )
