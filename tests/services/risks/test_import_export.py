"""Risk register spreadsheets in and out: all or nothing, row messages, re-import, round trip."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from coprod.cli import main
from coprod.domain.risk import RiskLevel, RiskStatus
from coprod.persistence.database import Database, open_database
from coprod.services.data.importing.risks import import_register, split_description
from coprod.services.recommendations import lifecycle as recs
from coprod.services.risks.export import export_register
from coprod.services.risks.view import list_risks
from tests.command import run as coprod

TODAY = date(2026, 6, 1)
HEADINGS = [
    "Risk ID",
    "Description",
    "Owner",
    "Likelihood",
    "Impact",
    "Controls",
    "Actions",
    "Review date",
    "Recommendations",
]


def _write(path: Path, rows: list[list[str]], headings: list[str] = HEADINGS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(headings)
        out.writerows(rows)
    return path


GOOD = [
    [
        "RSK-01",
        "Cause: demand outstrips assessors. Event: people wait over 28 days. Effect: needs go unmet.",
        "Amara Okafor",
        "4",
        "4",
        "Weekly waiting list meeting",
        "Recruit assessors",
        "30/06/2026",
        "R-0001",
    ],
    [
        "RSK-02",
        "There is a risk that a home care provider fails caused by low fee rates, resulting in people "
        "left without care.",
        "Tomasz Nowak",
        "3",
        "4",
        "Provider monitoring",
        "",
        "15 Jul 2026",
        "",
    ],
]


@pytest.fixture
def with_rec(db: Database) -> Database:
    with db.transaction() as s:
        recs.create_recommendation(
            session=s,
            title="Recruit assessors",
            reference="R-0001",
            raised_on=date(2026, 1, 10),
            target_date=date(2026, 3, 31),
        )
    return db


def _rows(db: Database, as_of: date = TODAY) -> dict[str, object]:
    with db.reading() as s:
        return {r.reference: r for r in list_risks(session=s, as_of=as_of)}


def test_description_is_split_into_cause_event_and_effect() -> None:
    assert split_description("Cause: A. Event: B. Effect: C.") == ("A", "B", "C")
    assert split_description("Risk that B happens due to A, leading to C") == ("A", "B happens", "C")
    assert split_description("Staffing is a worry") is None


def test_a_good_register_imports_with_owners_scores_and_linked_recommendations(
    with_rec: Database, tmp_path: Path
) -> None:
    report = import_register(with_rec, _write(tmp_path / "register.csv", GOOD), today=TODAY)
    assert report.written and (report.created, report.updated) == (2, 0)
    rows = _rows(with_rec)
    one, two = rows["RSK-01"], rows["RSK-02"]
    assert (one.cause, one.event, one.effect) == (
        "demand outstrips assessors",
        "people wait over 28 days",
        "needs go unmet",
    )
    assert one.owner == "Amara Okafor" and one.current_score == 16
    assert one.next_review_on == date(2026, 6, 30)
    assert [m.reference for m in one.mitigations] == ["R-0001"] and one.mitigation_late
    assert (two.cause, two.event) == ("low fee rates", "a home care provider fails")


def test_a_register_with_row_errors_imports_nothing_and_names_each_row(
    with_rec: Database, tmp_path: Path
) -> None:
    bad = [
        GOOD[0],
        ["RSK-02", "Staffing is a worry", "", "3", "4", "", "", "", ""],
        ["", "Cause: a. Event: b. Effect: c.", "", "6", "x", "", "", "31/02/2026", ""],
        ["RSK-01", "Cause: a. Event: b. Effect: c.", "", "2", "2", "", "", "", "R-9999"],
    ]
    report = import_register(with_rec, _write(tmp_path / "register.csv", bad), today=TODAY)
    assert not report.written
    lines = [str(p) for p in report.problems]
    assert lines[0].startswith("row 3: Description: The description does not say the cause, event and effect")
    assert any(line.startswith("row 4: Risk ID: Give the risk a reference") for line in lines)
    assert any(line.startswith("row 4: Likelihood: '6' is not a whole number from 1 to 5") for line in lines)
    assert any(line.startswith("row 4: Impact: 'x'") for line in lines)
    assert any(line.startswith("row 4: Review date:") for line in lines)
    assert any(line.startswith("row 5: Risk ID: The risk RSK-01 is also on row 2") for line in lines)
    assert _rows(with_rec) == {}


def test_skip_invalid_imports_the_good_rows_and_writes_the_rest_to_rejects(
    with_rec: Database, tmp_path: Path
) -> None:
    source = _write(tmp_path / "register.csv", [GOOD[0], ["RSK-09", "vague", "", "3", "3", "", "", "", ""]])
    report = import_register(with_rec, source, today=TODAY, skip_invalid=True)
    assert report.written and report.created == 1
    rejects = (tmp_path / "register-rejects.csv").read_text(encoding="utf-8-sig")
    assert "RSK-09" in rejects and "cause, event and effect" in rejects
    assert list(_rows(with_rec)) == ["RSK-01"]


def test_reimport_updates_keeps_what_the_file_does_not_say_and_records_a_review(
    with_rec: Database, tmp_path: Path
) -> None:
    import_register(with_rec, _write(tmp_path / "a.csv", GOOD), today=TODAY)
    from coprod.services.risks import register

    with with_rec.transaction() as s:
        rid = register.find(session=s, reference="RSK-01").id  # type: ignore[union-attr]
        register.escalate(session=s, risk_id=rid, on=TODAY, by="DASS", reason="Backlog")
    changed = [GOOD[0][:3] + ["5", "4"] + GOOD[0][5:], GOOD[1]]
    report = import_register(with_rec, _write(tmp_path / "b.csv", changed), today=date(2026, 6, 10))
    assert (report.created, report.updated) == (0, 2)
    one = _rows(with_rec, date(2026, 6, 10))["RSK-01"]
    assert one.status is RiskStatus.ESCALATED and one.level is RiskLevel.DIRECTORATE  # not reset
    assert [h.score for h in one.history] == [16, 20] and one.trend.value == "rising"


def test_export_writes_the_layout_import_reads(with_rec: Database, tmp_path: Path) -> None:
    import_register(with_rec, _write(tmp_path / "a.csv", GOOD), today=TODAY)
    before = {
        k: (r.cause, r.current, r.target, r.owner, [m.reference for m in r.mitigations])
        for k, r in _rows(with_rec).items()
    }
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"register{suffix}"
        assert export_register(with_rec, out, as_of=TODAY).rows == 2
        report = import_register(with_rec, out, today=TODAY, dry_run=True)
        assert report.ok and (report.created, report.updated) == (0, 2)
        report = import_register(with_rec, out, today=TODAY)
        after = {
            k: (r.cause, r.current, r.target, r.owner, [m.reference for m in r.mitigations])
            for k, r in _rows(with_rec).items()
        }
        assert after == before


def test_coprod_import_detects_a_register_by_its_headings(
    with_rec: Database, db_path: Path, tmp_path: Path
) -> None:
    with_rec.close()
    source = _write(tmp_path / "register.csv", GOOD)
    out = io.StringIO()
    assert main(["import", "--db", str(db_path), str(source), "--dry-run"], out=out) == 0
    assert "Would import 2 risks from register.csv: 2 new, 0 updated." in out.getvalue()
    done = coprod("import", "--db", str(db_path), str(source), "--kind", "risks")
    assert done.returncode == 0, done.stderr
    assert "Imported 2 risks" in done.stdout
    bad = _write(tmp_path / "bad.csv", [["RSK-03", "vague", "", "9", "1", "", "", "", ""]])
    done = coprod("import", "--db", str(db_path), str(bad))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "row 2: Description:" in done.stdout and "row 2: Likelihood:" in done.stdout
    db = open_database(db_path)
    assert sorted(_rows(db, date.today())) == ["RSK-01", "RSK-02"]  # identified today, by the command
    db.close()


def test_a_closing_day_goes_out_and_comes_back(with_rec: Database, tmp_path: Path) -> None:
    from dataclasses import replace

    from coprod.services.risks import register

    import_register(with_rec, _write(tmp_path / "a.csv", GOOD), today=date(2026, 3, 1))  # identified then
    with with_rec.transaction() as s:
        rid = register.find(session=s, reference="RSK-01").id  # type: ignore[union-attr]
        register.close_risk(session=s, risk_id=rid, on=date(2026, 5, 20))
    out = tmp_path / "register.xlsx"
    export_register(with_rec, out, as_of=TODAY)
    with with_rec.transaction() as s:  # reopened by mistake; the spreadsheet puts it right
        reopened = replace(register.risk_in_of(session=s, risk_id=rid), status=RiskStatus.OPEN)
        register.update_risk(session=s, risk_id=rid, risk_in=reopened)
    assert _rows(with_rec)["RSK-01"].status is RiskStatus.OPEN  # type: ignore[attr-defined]

    assert import_register(with_rec, out, today=TODAY).written
    closed = _rows(with_rec)["RSK-01"]
    assert closed.status is RiskStatus.CLOSED and closed.closed_on == date(2026, 5, 20)  # type: ignore[attr-defined]
    assert _rows(with_rec, date(2026, 5, 1))["RSK-01"].status is RiskStatus.OPEN  # type: ignore[attr-defined]
