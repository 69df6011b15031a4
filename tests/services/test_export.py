"""Export writes the import's own layout, so import(export(db)) gives the same recommendations."""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.models import AuditEvent, Owner, Recommendation, Strategy
from coprod.persistence.database import Database, open_database
from coprod.services.data.export import HEADINGS, export_tracker
from coprod.services.data.importing import import_tracker
from tests.conftest import AS_OF
from tests.engines import copy_database
from tests.trackers import GOOD, write_csv

FIELDS = (
    "reference",
    "title",
    "status",
    "raised_on",
    "accepted_on",
    "target_date",
    "revised_target_date",
    "implemented_on",
    "decision_reason",
    "progress",
)


def _snapshot(db: Database) -> dict[str, tuple[object, ...]]:
    with db.reading() as s:
        strategies = dict(s.execute(select(Strategy.id, Strategy.name)).all())
        owners = dict(s.execute(select(Owner.id, Owner.name)).all())
        return {
            r.reference: (
                *(getattr(r, f) for f in FIELDS),
                strategies.get(r.strategy_id),
                owners.get(r.owner_id),
            )
            for r in s.exec(select(Recommendation)).scalars()  # type: ignore[attr-defined]
        }


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_reproduces_the_recommendations(demo_db_file: Path, tmp_path: Path, suffix: str) -> None:
    source = open_database(copy_database(demo_db_file, tmp_path / "source.db"))
    out = tmp_path / f"tracker{suffix}"
    result = export_tracker(source, out)
    assert result.rows == 40
    expected = _snapshot(source)
    source.close()
    target = open_database(tmp_path / "fresh.db")
    report = import_tracker(target, out, today=AS_OF)
    assert report.ok, report.problems[:3]
    assert report.created == 40
    assert _snapshot(target) == expected
    # and exporting again changes nothing on re-import
    again = import_tracker(target, out, today=AS_OF)
    assert again.created == 0 and again.ok
    target.close()


def test_xlsx_has_the_import_headings_and_real_dates(db: Database, tmp_path: Path) -> None:
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    out = export_tracker(db, tmp_path / "out.xlsx").path
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == HEADINGS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Reference"] == "R-1" and first["Status"] == "In progress"
    assert str(first["Raised on"]).startswith("2025-02-04")
    assert first["Revised target date"] is not None and first["% complete"] == 40
    with db.reading() as s:
        logged = s.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)).scalars().all()  # type: ignore[attr-defined]
        assert logged and logged[-1].changes["rows"] == 3


def test_unknown_export_format_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(CoprodError, match=r"\.xlsx, \.csv or \.coprod\.json"):
        export_tracker(db, tmp_path / "tracker.pdf")
    assert not (tmp_path / "tracker.pdf").exists()
