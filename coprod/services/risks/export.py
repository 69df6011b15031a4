"""Exporting the risk register as a spreadsheet (.xlsx or .csv) in the layout its import reads,
so a register can be worked on in Excel and brought back."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from coprod.domain.errors import CoprodError
from coprod.persistence.database import Database
from coprod.services.data.export import csv_cell
from coprod.services.data.importing.risks import COLUMNS
from coprod.services.data.on_record import keep_on_record
from coprod.services.risks.view import RiskRow, list_risks

# Every column but the single Description: cause, event and effect go out separately.
EXPORTED = tuple(c for c in COLUMNS if c.field != "description")
DATE_FIELDS = frozenset({"review_date", "identified_on", "closed_on"})


@dataclass(frozen=True)
class RiskExportResult:
    path: Path
    rows: int


def register_rows(rows: list[RiskRow]) -> list[dict[str, Any]]:
    return [
        {
            "reference": r.reference,
            "title": r.title,
            "cause": r.cause,
            "event": r.event,
            "effect": r.effect,
            "category": r.category.value.replace("_", " "),
            "owner": r.owner,
            "inherent_likelihood": r.inherent[0],
            "inherent_impact": r.inherent[1],
            "likelihood": r.current[0],
            "impact": r.current[1],
            "target_likelihood": r.target[0],
            "target_impact": r.target[1],
            "controls": r.controls,
            "actions": r.actions,
            "recommendations": "; ".join(m.reference for m in r.mitigations if m.reference),
            "review_date": r.next_review_on,
            "review_months": r.review_months,
            "identified_on": r.identified_on,
            "status": r.status.value,
            "closed_on": r.closed_on,
            "level": r.level.value,
        }
        for r in rows
    ]


def export_register(db: Database, out: str | Path, *, as_of: date | None = None) -> RiskExportResult:
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise CoprodError("risk.export.unknown_format", path=str(path))
    with db.reading() as session:
        rows = register_rows(list_risks(session=session, as_of=as_of or date.today()))
    partial = path.with_name(path.name + ".partial")
    try:
        _write_xlsx(partial, rows) if suffix == ".xlsx" else _write_csv(partial, rows)
        keep_on_record(
            db,
            partial,
            path,
            table_name="risk",
            changes={"file": path.name, "rows": len(rows), "format": suffix.lstrip(".")},
        )
    except OSError as exc:
        raise CoprodError(
            "risk.export.cannot_write", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    return RiskExportResult(path=path, rows=len(rows))


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.heading for c in EXPORTED])
        for row in rows:
            out.writerow([csv_cell(row[c.field]) for c in EXPORTED])


def _write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    import datetime as dt

    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet("Risk register")
        bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        day = book.add_format({"num_format": "d mmm yyyy", "valign": "top"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        wide = {
            "title": 30,
            "cause": 40,
            "event": 40,
            "effect": 40,
            "controls": 40,
            "actions": 40,
            "owner": 22,
        }
        for col, column in enumerate(EXPORTED):
            sheet.set_column(col, col, wide.get(column.field, 12))
        sheet.write_row(0, 0, [c.heading for c in EXPORTED], bold)
        sheet.freeze_panes(1, 1)
        for n, row in enumerate(rows, start=1):
            for col, column in enumerate(EXPORTED):
                value = row[column.field]
                if value is None:
                    continue
                if isinstance(value, date):
                    sheet.write_datetime(n, col, dt.datetime.combine(value, dt.time()), day)
                elif isinstance(value, str):
                    sheet.write_string(n, col, value, wrap if len(value) > 30 else None)
                else:
                    sheet.write_number(n, col, value)
    finally:
        book.close()
