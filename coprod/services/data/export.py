"""Exporting recommendations as a tracker (CSV or XLSX) in the layout import reads.

The columns and headings are the import's own, so import(export(db)) reproduces the
recommendations, and a council can keep working on the file in Excel and bring it back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from coprod.domain.enums import Status
from coprod.domain.errors import CoprodError
from coprod.domain.models import (
    EngagementSession,
    Feedback,
    Owner,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    Strategy,
)
from coprod.i18n import label
from coprod.services.common.store import Store
from coprod.services.common.tasks import TaskState
from coprod.services.data.importing.columns import COLUMNS
from coprod.services.data.on_record import keep_on_record

HEADINGS = [c.heading for c in COLUMNS]
EXCEL_CELL_LIMIT = 32_767  # characters; Excel cuts anything longer
DATE_FIELDS = frozenset(
    {
        "session_date",
        "raised_on",
        "accepted_on",
        "target_date",
        "revised_target_date",
        "implemented_on",
        "last_update_on",
    }
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def _latest(a: date | None, b: date | None) -> date | None:
    return max(d for d in (a, b) if d is not None) if (a or b) else None


def tracker_rows(session: Session) -> Iterator[dict[str, Any]]:
    """One dict per live recommendation, keyed by import field name."""
    live = col(Recommendation.deleted_at).is_(None)
    said: dict[Any, list[str]] = {}
    links = (
        select(col(RecommendationFeedback.recommendation_id), col(Feedback.text))
        .join(Feedback, Feedback.id == RecommendationFeedback.feedback_id)
        .where(col(RecommendationFeedback.deleted_at).is_(None), col(Feedback.deleted_at).is_(None))
        .order_by(Feedback.recorded_at, Feedback.id)
    )
    for rid, text in session.execute(links):
        said.setdefault(rid, []).append(text)
    we_did: dict[Any, str] = {}
    last_update: dict[Any, date] = {}
    updates = (
        select(
            col(RecommendationUpdate.recommendation_id),
            col(RecommendationUpdate.update_on),
            col(RecommendationUpdate.text),
            col(RecommendationUpdate.is_public),
        )
        .where(col(RecommendationUpdate.deleted_at).is_(None))
        .order_by(RecommendationUpdate.update_on, RecommendationUpdate.created_at)
    )
    for rid, on, text, public in session.execute(updates):
        if public:
            we_did[rid] = text  # ordered by date, so the last one wins
        last_update[rid] = on
    es = aliased(EngagementSession)
    query = (
        select(Recommendation, col(Strategy.name), col(Owner.name), es.title, es.held_on)
        .outerjoin(Strategy, Strategy.id == Recommendation.strategy_id)
        .outerjoin(Owner, Owner.id == Recommendation.owner_id)
        .outerjoin(es, es.id == Recommendation.source_session_id)
        .where(live)
        .order_by(func.coalesce(Recommendation.reference, "~"), Recommendation.raised_on)
    )
    for rec, strategy, owner, session_title, held_on in session.execute(query):
        yield {
            "reference": rec.reference,
            "recommendation": rec.title,
            "you_said": rec.you_said or "\n".join(said.get(rec.id, [])) or None,
            "we_did": we_did.get(rec.id),
            "strategy": strategy,
            "owner": owner,
            "session": session_title,
            "session_date": held_on,
            "raised_on": rec.raised_on,
            "accepted_on": rec.accepted_on,
            "target_date": rec.target_date,
            "revised_target_date": rec.revised_target_date,
            "status": label(Status(rec.status)),
            "implemented_on": rec.implemented_on,
            "last_update_on": _latest(rec.last_update_on, last_update.get(rec.id)),
            "progress": rec.progress,
            "reason": rec.decision_reason,
            "origin": rec.origin,
        }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for
    CSV injection); import takes it off again, so the text comes back as it was."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_safe(value)
    return "" if value is None else value


def _write_csv(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    count = 0
    # A byte-order mark so Excel opens the file as UTF-8.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADINGS)
        for row in rows:
            out.writerow([csv_cell(row[c.field]) for c in COLUMNS])
            count += 1
    return count


def _write_xlsx(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    import xlsxwriter
    import xlsxwriter.exceptions

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        sheet = book.add_worksheet("Recommendations")
        bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        day = book.add_format({"num_format": "d mmm yyyy", "valign": "top"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        widths = {
            "recommendation": 50,
            "you_said": 50,
            "we_did": 50,
            "reason": 40,
            "strategy": 28,
            "owner": 24,
            "session": 30,
            "origin": 24,
        }
        for col, column in enumerate(COLUMNS):
            sheet.set_column(col, col, widths.get(column.field, 14))
        sheet.write_row(0, 0, HEADINGS, bold)
        sheet.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):  # noqa: B007  (count is the total afterwards)
            for col, column in enumerate(COLUMNS):
                value = row[column.field]
                if value is None:
                    continue
                if column.field in DATE_FIELDS:
                    sheet.write_datetime(count, col, value, day)
                elif isinstance(value, str):
                    if len(value) > EXCEL_CELL_LIMIT:
                        record = row["reference"] or repr(row["recommendation"][:60])
                        raise CoprodError(
                            "export.too_long_for_excel",
                            column=column.heading,
                            record=record,
                            limit=EXCEL_CELL_LIMIT,
                        )
                    sheet.write_string(count, col, value, wrap if "\n" in value or len(value) > 40 else None)
                else:
                    sheet.write_number(count, col, value)
        sheet.autofilter(0, 0, count, len(COLUMNS) - 1)
    finally:
        try:
            book.close()
        except xlsxwriter.exceptions.FileCreateError as exc:
            # xlsxwriter writes only on close, and wraps the OSError it met there.
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else OSError(str(exc))
            raise cause from exc
    return count


def export_tracker(db: Store, out: str | Path, *, state: TaskState | None = None) -> ExportResult:
    """Write every live recommendation to `out` (.xlsx or .csv) and log the export."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise CoprodError("export.unknown_format", path=str(path))
    partial = path.with_name(path.name + ".partial")
    try:
        with db.reading() as session:
            rows = tracker_rows(session)
            count = _write_xlsx(partial, rows) if suffix == ".xlsx" else _write_csv(partial, rows)
        keep_on_record(
            db,
            partial,
            path,
            table_name="recommendation",
            changes={"file": path.name, "rows": count, "format": suffix.lstrip(".")},
        )
    except OSError as exc:
        raise CoprodError("export.cannot_write", path=str(path), reason=exc.strerror or str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return ExportResult(path=path, rows=count)
