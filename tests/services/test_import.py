"""Importing trackers: all or nothing, history dated by the tracker, re-import updates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.errors import CoprodError
from coprod.domain.models import (
    AuditEvent,
    Feedback,
    Owner,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    StatusChange,
    Strategy,
    TargetChange,
)
from coprod.persistence.database import Database
from coprod.services.data.importing import import_tracker, rejects_path
from tests.conftest import AS_OF
from tests.trackers import GOOD, HEADERS, write_csv, write_xlsx


def _recs(db: Database) -> dict[str, Recommendation]:
    with db.reading() as s:
        return {r.reference: r for r in s.exec(select(Recommendation))}


def _history(db: Database, rec: Recommendation) -> list[tuple[Status | None, Status, date]]:
    with db.reading() as s:
        rows = s.exec(
            select(StatusChange)
            .where(StatusChange.recommendation_id == rec.id)
            .order_by(StatusChange.changed_on, StatusChange.created_at)
        ).all()
    return [(c.from_status, c.to_status, c.changed_on) for c in rows]


def test_rows_become_recommendations_with_the_trackers_own_dates(db: Database, tmp_path: Path) -> None:
    report = import_tracker(db, write_csv(tmp_path / "tracker.csv", GOOD), today=AS_OF)
    assert report.ok and report.created == 3 and report.written
    recs = _recs(db)
    r1, r2, r3 = recs["R-1"], recs["R-2"], recs["R-3"]
    assert r1.status is Status.IN_PROGRESS and r1.progress == 40
    assert r1.raised_on == date(2025, 2, 4) and r1.accepted_on == date(2025, 2, 10)
    assert r1.target_date == date(2025, 6, 1) and r1.revised_target_date == date(2025, 9, 1)
    assert r1.last_update_on == date(2025, 3, 1)
    assert _history(db, r1) == [
        (None, Status.PROPOSED, date(2025, 2, 4)),
        (Status.PROPOSED, Status.ACCEPTED, date(2025, 2, 10)),
        (Status.ACCEPTED, Status.IN_PROGRESS, date(2025, 2, 10)),
    ]
    assert r2.status is Status.IMPLEMENTED and r2.implemented_on == date(2025, 2, 20) and r2.progress == 100
    assert _history(db, r2)[-1] == (Status.IN_PROGRESS, Status.IMPLEMENTED, date(2025, 2, 20))
    assert r3.status is Status.NOT_TAKEN_FORWARD and r3.decision_reason == "No budget this year"
    with db.reading() as s:
        updates = {u.text: u for u in s.exec(select(RecommendationUpdate))}
        # the "we did" is public and dated by the tracker: last update, else completion date
        assert updates["A pilot runs in two homes"].update_on == date(2025, 3, 1)
        assert updates["A pilot runs in two homes"].is_public
        assert updates["Letters were rewritten with residents"].update_on == date(2025, 2, 20)
        change = s.exec(select(TargetChange)).one()
        assert (change.old_date, change.new_date, change.changed_on) == (
            date(2025, 6, 1),
            date(2025, 9, 1),
            date(2025, 3, 1),
        )
        said = s.exec(
            select(Feedback.text)
            .join(RecommendationFeedback, RecommendationFeedback.feedback_id == Feedback.id)
            .where(RecommendationFeedback.recommendation_id == r1.id)
        ).all()
        assert said == ["No respite at weekends"]
        # owners matched by name whatever the case; strategies created once
        assert len(s.exec(select(Owner)).all()) == 2
        assert sorted(s.exec(select(Strategy.name)).all()) == ["Accessible information", "Carers strategy"]
        assert s.exec(select(AuditEvent).where(AuditEvent.table_name == "recommendation")).first()


@pytest.mark.sqlite_only  # compares the file's bytes
def test_one_bad_row_imports_nothing_and_leaves_the_file_byte_for_byte(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    rows = [*GOOD, ["R-4", "", "", "", "", "", "31/02/2025", "", "", "", "Maybe", "", "", "150", ""]]
    source = write_csv(tmp_path / "tracker.csv", rows)
    db.close()
    before = db_path.read_bytes()
    from coprod.persistence.database import open_database

    again = open_database(db_path)
    report = import_tracker(again, source, today=AS_OF)
    again.close()
    assert not report.written and report.rejected_rows == 1
    assert [str(p) for p in report.problems] == [
        "row 5: Date raised: '31/02/2025' is not a date; write it as 2025-03-04, 04/03/2025 or 4 March 2025.",
        "row 5: Status: 'Maybe' is not a status; use proposed, accepted, in progress, on hold, implemented "
        "or not taken forward.",
        "row 5: % complete: '150' is not a percentage; write a number from 0 to 100, like 40 or 40%.",
        "row 5: Recommendation: this row has no recommendation text; type what was recommended.",
    ]
    assert db_path.read_bytes() == before
    assert not rejects_path(source).exists()


def test_domain_rules_apply_to_imported_rows(db: Database, tmp_path: Path) -> None:
    rows = [
        [
            "A",
            "Done without saying what",
            "",
            "",
            "",
            "",
            "2025-01-01",
            "",
            "",
            "",
            "Done",
            "2025-02-01",
            "",
            "",
            "",
        ],
        [
            "B",
            "Refused without a reason",
            "",
            "",
            "",
            "",
            "2025-01-01",
            "",
            "",
            "",
            "Declined",
            "",
            "",
            "",
            "",
        ],
        [
            "C",
            "Finished before it began",
            "",
            "Done",
            "",
            "",
            "2025-03-01",
            "",
            "",
            "",
            "Done",
            "2025-02-01",
            "",
            "",
            "",
        ],
        [
            "D",
            "Target before raised",
            "",
            "",
            "",
            "",
            "2025-03-01",
            "",
            "2025-01-01",
            "",
            "New",
            "",
            "",
            "",
            "",
        ],
        [
            "E",
            "Revised without a target",
            "",
            "",
            "",
            "",
            "2025-03-01",
            "",
            "",
            "2025-09-01",
            "New",
            "",
            "",
            "",
            "",
        ],
        ["A", "Same reference twice", "", "", "", "", "2025-03-01", "", "", "", "New", "", "", "", ""],
        ["F", "Not raised yet", "", "", "", "", "2099-03-01", "", "", "", "New", "", "", "", ""],
    ]
    report = import_tracker(db, write_csv(tmp_path / "t.csv", rows), today=AS_OF)
    problems = [str(p) for p in report.problems]
    # history a tracker lacks is listed, not refused: the workflow rules are for changes made here
    assert not any(p.startswith(("row 2:", "row 3:")) for p in problems)
    assert report.missing["no_we_did"] == ["A on row 2"] and report.missing["no_reason"] == ["B on row 3"]
    assert any(
        p.startswith("row 4: Completed on: The implemented date 1 February 2025 is before") for p in problems
    )
    assert (
        "row 5: Due date: The target date 1 January 2025 is before the date it was raised (1 March 2025)."
        in problems
    )
    assert any(p.startswith("row 6: Revised due date: ") for p in problems)
    assert any(p.startswith("row 7: Ref: the reference A is already used on row 2") for p in problems)
    assert "row 8: Date raised: the date raised 1 March 2099 is in the future; check the date." in problems
    assert _recs(db) == {}


def test_skip_invalid_imports_the_rest_and_writes_the_rejects_beside_the_file(
    db: Database, tmp_path: Path
) -> None:
    bad = ["R-9", "Bad date", "", "", "", "", "yesterday", "", "", "", "New", "", "", "", ""]
    source = write_csv(tmp_path / "tracker.csv", [GOOD[0], bad, GOOD[1]])
    report = import_tracker(db, source, skip_invalid=True, today=AS_OF)
    assert report.written and report.created == 2 and report.rejected_rows == 1
    assert set(_recs(db)) == {"R-1", "R-2"}
    assert report.rejects_file == tmp_path / "tracker-rejects.csv"
    lines = report.rejects_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Row," + ",".join(HEADERS) + ",Problems"
    assert lines[1].startswith("3,R-9,Bad date,") and "'yesterday' is not a date" in lines[1]
    assert len(lines) == 2


def test_dry_run_reports_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    report = import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), dry_run=True, today=AS_OF)
    assert report.ok and report.created == 3 and not report.written
    assert _recs(db) == {}


def test_reimport_updates_by_reference_without_duplicates(db: Database, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "t.csv", GOOD)
    import_tracker(db, source, today=AS_OF)
    with db.reading() as s:
        events = len(s.exec(select(AuditEvent)).all())
    again = import_tracker(db, source, today=AS_OF)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    with db.reading() as s:
        assert len(s.exec(select(AuditEvent)).all()) == events + 0  # nothing changed, nothing logged
    moved = [list(r) for r in GOOD]
    moved[0][10], moved[0][11], moved[0][3] = "Done", "2025-05-01", "Respite now runs every weekend"
    moved[0][9] = "2025-10-01"
    report = import_tracker(db, write_csv(tmp_path / "t2.csv", moved), today=AS_OF)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    recs = _recs(db)
    assert len(recs) == 3
    r1 = recs["R-1"]
    assert r1.status is Status.IMPLEMENTED and r1.implemented_on == date(2025, 5, 1)
    assert r1.target_date == date(2025, 6, 1) and r1.revised_target_date == date(2025, 10, 1)
    assert _history(db, r1)[-1] == (Status.IN_PROGRESS, Status.IMPLEMENTED, date(2025, 5, 1))
    with db.reading() as s:
        assert len(s.exec(select(TargetChange)).all()) == 2
        assert len(s.exec(select(Feedback)).all()) == 3


def test_reimport_cannot_move_a_status_backwards(db: Database, tmp_path: Path) -> None:
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    back = [list(GOOD[1])]
    back[0][10] = "Not started"
    report = import_tracker(db, write_csv(tmp_path / "t2.csv", back), today=AS_OF)
    assert [str(p) for p in report.problems] == [
        "row 2: Status: this recommendation is already Implemented in coprod and cannot go back to "
        "Proposed; check the status or the reference."
    ]
    assert _recs(db)["R-2"].status is Status.IMPLEMENTED


def test_xlsx_with_real_date_cells(db: Database, tmp_path: Path) -> None:
    rows = [
        [
            "X-1",
            "Translate the leaflet",
            "",
            "Leaflet in five languages",
            "",
            "",
            date(2025, 3, 4),
            None,
            date(2025, 5, 1),
            None,
            "Complete",
            date(2025, 4, 30),
            None,
            None,
            None,
        ],
        [
            "X-2",
            "Hold forums in the evening",
            "",
            "",
            "",
            "",
            "4 March 2025",
            None,
            None,
            None,
            "open",
            None,
            None,
            0.25,
            None,
        ],
    ]
    report = import_tracker(db, write_xlsx(tmp_path / "t.xlsx", rows), today=AS_OF)
    assert report.ok, report.problems
    recs = _recs(db)
    assert recs["X-1"].raised_on == date(2025, 3, 4) and recs["X-1"].implemented_on == date(2025, 4, 30)
    assert recs["X-1"].target_date == date(2025, 5, 1)
    assert recs["X-2"].status is Status.ACCEPTED and recs["X-2"].progress == 25


def test_missing_required_column_is_reported_against_the_header(db: Database, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "t.csv", [["Something"]], headers=["Title"])
    report = import_tracker(db, source, today=AS_OF)
    messages = [str(p) for p in report.problems]
    assert messages[0].startswith("row 1: Raised on: no column for Raised on")
    assert len(messages) == 2 and not report.written


def test_blank_rows_and_byte_order_mark_are_ignored(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    text = "\ufeffTitle,Date,Status\n\n,,\nFirst,2025-01-01,new\n\nSecond,2025-01-02,agreed\n"
    path.write_text(text, encoding="utf-8")
    report = import_tracker(db, path, today=AS_OF)
    assert report.ok and report.created == 2
    with db.reading() as s:
        assert sorted(s.exec(select(Recommendation.title)).all()) == ["First", "Second"]


def test_imported_history_does_not_look_freshly_updated(db: Database, tmp_path: Path) -> None:
    from coprod.services.figures.lag import recommendation_lags

    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    with db.reading() as s:
        lags = {lag.reference: lag for lag in recommendation_lags(session=s, as_of=AS_OF)}
    assert lags["R-1"].last_activity_on == date(2025, 3, 1)  # the tracker's "last updated", not today
    assert lags["R-1"].stalled and lags["R-1"].overdue
    assert lags["R-1"].extensions == 1


@pytest.mark.sqlite_only  # SQLite's FTS5 index
def test_a_large_import_keeps_feedback_search_in_step(db: Database, tmp_path: Path) -> None:
    from sqlalchemy import text as sql

    from coprod.services.engagement import capture as engagement

    rows = [
        [
            f"S-{n}",
            f"Recommendation {n}",
            f"Residents said thing{n} matters",
            "",
            "",
            "",
            "2025-01-01",
            "",
            "",
            "",
            "new",
            "",
            "",
            "",
            "",
        ]
        for n in range(300)
    ]
    import_tracker(db, write_csv(tmp_path / "big.csv", rows), today=AS_OF)
    with db.transaction() as s:
        found = s.execute(
            sql("SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH 'thing17'")
        ).scalar_one()
        assert found == 1
        assert s.execute(sql("SELECT count(*) FROM feedback_fts")).scalar_one() == 300
        # the per-row trigger is back: feedback typed in later is searchable too
        session_id = s.exec(select(Feedback.session_id)).first()
        engagement.add_feedback(session=s, session_id=session_id, text="Later zebra crossing")
    with db.reading() as s:
        assert (
            s.execute(sql("SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH 'zebra'")).scalar_one()
            == 1
        )


def test_title_lines_above_the_headings_are_skipped(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Adult social care recommendations tracker,,\nUpdated quarterly,,\n\n"
        "Title,Date raised,Status\nRamps at the library,not a date,new\n",
        encoding="utf-8",
    )
    report = import_tracker(db, path, today=AS_OF)
    assert [str(p) for p in report.problems] == [
        "row 5: Date raised: 'not a date' is not a date; write it as 2025-03-04, 04/03/2025 or 4 March 2025."
    ]


def test_a_tracker_without_references_can_be_imported_again(db: Database, tmp_path: Path) -> None:
    rows = [[title, "2025-01-01", "new"] for title in ("Ramps", "Hearing loops")]
    source = write_csv(tmp_path / "t.csv", rows, headers=["Title", "Date", "Status"])
    import_tracker(db, source, today=AS_OF)
    rows[0][2] = "agreed"
    again = import_tracker(
        db, write_csv(tmp_path / "t2.csv", rows, headers=["Title", "Date", "Status"]), today=AS_OF
    )
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    with db.reading() as s:
        assert len(s.exec(select(Recommendation)).all()) == 2
        ramps = s.exec(select(Recommendation).where(Recommendation.title == "Ramps")).one()
        assert ramps.status is Status.ACCEPTED


def test_rejects_that_cannot_be_saved_stop_the_whole_import(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = ["R-9", "Bad date", "", "", "", "", "yesterday", "", "", "", "New", "", "", "", ""]
    source = write_csv(tmp_path / "tracker.csv", [GOOD[0], bad])
    rejects_path(source).mkdir()  # a folder where the rejects file should go: it cannot be written
    with pytest.raises(CoprodError, match="Nothing imported: the rejected rows could not be saved"):
        import_tracker(db, source, skip_invalid=True, today=AS_OF)
    assert _recs(db) == {}


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_and_tab_separated_files(db: Database, tmp_path: Path, separator: str) -> None:
    path = tmp_path / "t.csv"
    lines = ["Title;Date raised;Status", "Ramps, handrails and lifts;04/03/2025;new"]
    path.write_text("\n".join(line.replace(";", separator) for line in lines), encoding="utf-8")
    report = import_tracker(db, path, today=AS_OF)
    assert report.ok and report.created == 1
    assert list(_recs(db).values())[0].title == "Ramps, handrails and lifts"


def test_a_broken_spreadsheet_is_one_sentence(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(b"this is not a spreadsheet")
    with pytest.raises(CoprodError) as caught:
        import_tracker(db, path, today=AS_OF)
    message = str(caught.value)
    assert message.startswith(f"{path} could not be read as a tracker") and "\n" not in message
