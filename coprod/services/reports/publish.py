"""Published versions: what went out, so a later run can say what changed since.

Hashes are taken from the content model after the personal-data guard, not from the PDF
bytes, so the same content gives the same hash whichever format was saved and whatever day
the file was produced. Reports are matched by kind and scope.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from coprod.domain.models import PublishedReport
from coprod.i18n import tr
from coprod.i18n.dates import long_day
from coprod.services.reports.content import Report, Section, walk_text


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def item_hashes(report: Report) -> dict[str, str]:
    """One hash per entry, keyed by its stable key (a recommendation's reference)."""
    return {e.key: _digest([t for _, t in walk_text(e)]) for e in report.entries()}


def content_hash(report: Report) -> str:
    head = [
        report.kind,
        report.title,
        report.subtitle,
        json.dumps(report.scope, sort_keys=True),
        report.as_of.isoformat(),
        str(report.easy_read),
    ]
    body = [t for s in report.sections for _, t in walk_text(Section(s.key, s.heading, s.blocks))]
    return _digest(head + body)


@dataclass(frozen=True)
class Changes:
    previous_on: date | None  # the "as at" date of the last published version, if any
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    same_content: bool = False

    def summary(self, *, published: bool) -> str:
        """What to tell the user after a run: "first published version" only when it was."""
        if self.previous_on is None and not published:
            return tr("report.changes.never")
        return self.describe()

    def describe(self) -> str:
        if self.previous_on is None:
            return tr("report.changes.first")
        when = long_day(self.previous_on)
        if self.same_content or not (self.new or self.changed or self.removed):
            return tr("report.changes.none", when=when)
        return tr(
            "report.changes.some",
            when=when,
            new=f"{len(self.new):,}",
            changed=f"{len(self.changed):,}",
            removed=f"{len(self.removed):,}",
        )


def last_published(*, session: Session, report: Report) -> PublishedReport | None:
    rows = session.exec(
        select(PublishedReport)
        .where(PublishedReport.kind == report.kind, col(PublishedReport.deleted_at).is_(None))
        .order_by(col(PublishedReport.published_at).desc())
    ).all()
    return next((r for r in rows if r.scope == report.scope), None)


def changes_since_published(*, session: Session, report: Report) -> Changes:
    last = last_published(session=session, report=report)
    if last is None:
        return Changes(previous_on=None)
    now = item_hashes(report)
    before = last.item_hashes
    return Changes(
        previous_on=last.as_of,
        new=sorted(k for k in now if k not in before),
        changed=sorted(k for k in now if k in before and before[k] != now[k]),
        removed=sorted(k for k in before if k not in now),
        same_content=last.content_hash == content_hash(report),
    )


def publish(*, session: Session, report: Report, by: str | None = None) -> PublishedReport:
    """Record `report` as published (inside the caller's transaction)."""
    row = PublishedReport(
        kind=report.kind,
        scope=dict(report.scope),
        as_of=report.as_of,
        published_by=by,
        content_hash=content_hash(report),
        item_hashes=item_hashes(report),
    )
    session.add(row)
    return row
