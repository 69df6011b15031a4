"""Trackers in the layouts councils publish, imported without renaming a column."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from coprod import cli
from coprod.domain.enums import Status
from coprod.domain.models import Feedback, Owner, Recommendation, RecommendationUpdate, StatusChange, Strategy
from coprod.persistence.database import open_database
from tests import trackers as t


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def scrutiny(tmp_path: Path, suffix: str) -> Path:
    if suffix == ".csv":
        return t.write_council_csv(
            tmp_path / "scrutiny.csv", t.SCRUTINY_TITLE, t.SCRUTINY_HEADERS, t.SCRUTINY
        )
    return t.write_council_xlsx(
        tmp_path / "scrutiny.xlsx", t.SCRUTINY_TITLE, t.SCRUTINY_HEADERS, t.SCRUTINY, key=t.SCRUTINY_KEY
    )


def audit(tmp_path: Path, suffix: str) -> Path:
    if suffix == ".csv":
        return t.write_council_csv(tmp_path / "audit.csv", t.AUDIT_TITLE, t.AUDIT_HEADERS, t.AUDIT)
    return t.write_council_xlsx(
        tmp_path / "audit.xlsx",
        t.AUDIT_TITLE,
        t.AUDIT_HEADERS,
        t.AUDIT,
        key=t.AUDIT_KEY,
        key_first=True,
        groups=t.AUDIT_GROUPS,
    )


def action_log(tmp_path: Path, suffix: str) -> Path:
    if suffix == ".csv":
        return t.write_council_csv(tmp_path / "log.csv", None, t.ACTION_LOG_HEADERS, t.ACTION_LOG)
    return t.write_council_xlsx(tmp_path / "log.xlsx", None, t.ACTION_LOG_HEADERS, t.ACTION_LOG)


def recommendations(db_path: Path) -> dict[str, tuple[Recommendation, str | None, str | None, list[str]]]:
    """Each recommendation by reference, with its strategy, owner and public updates."""
    db = open_database(db_path)
    try:
        with db.reading() as s:
            strategies = {i: n for i, n in s.execute(select(Strategy.id, Strategy.name))}
            owners = {i: n for i, n in s.execute(select(Owner.id, Owner.name))}
            updates: dict[object, list[str]] = {}
            for rid, text in s.execute(
                select(RecommendationUpdate.recommendation_id, RecommendationUpdate.text).where(
                    RecommendationUpdate.is_public
                )
            ):
                updates.setdefault(rid, []).append(text)
            return {
                r.reference: (r, strategies.get(r.strategy_id), owners.get(r.owner_id), updates.get(r.id, []))
                for r in s.exec(select(Recommendation))
            }
    finally:
        db.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_scrutiny_committee_tracker(tmp_path: Path, team_database: Path, suffix: str) -> None:
    db, source = team_database, scrutiny(tmp_path, suffix)
    code, out, _ = run("import", "--db", str(db), "--dry-run", str(source))
    assert code == 0, out
    for line in (
        "  Action taken: We did",
        "  Lead Officer/EM: Owner",
        "  Area: Strategy",
        "  Exec Date: Accepted on",
        "  Origin: Origin",
        "  Date: Raised on",
    ):
        assert line in out.splitlines(), out
    code, out, _ = run("import", "--db", str(db), str(source))
    assert code == 0 and "5 new" in out, out
    assert "3 completed recommendations have no completion date" in out
    recs = recommendations(db)
    first, strategy, owner, updates = recs["SR (25/26) 01"]
    assert first.status is Status.IMPLEMENTED and first.implemented_on is None and first.progress == 100
    assert first.raised_on == date(2025, 6, 12) and first.accepted_on == date(2025, 7, 15)
    assert first.origin == "Adults and Health Scrutiny" and recs["SR (24/25) 07"][0].origin == (
        "Health and Wellbeing Board"
    )
    assert (strategy, owner) == ("Adult Social Care", "Jo Bloggs, Director of ASC")
    assert updates == ["• Pilot agreed with two homes\n• 40 carers used it by March"]
    assert recs["SR (25/26) 02"][0].status is Status.IN_PROGRESS
    assert recs["SR (25/26) 03"][0].status is Status.ON_HOLD
    assert recs["SR (25/26) 04"][0].status is Status.IMPLEMENTED and recs["SR (25/26) 04"][3] == []
    code, out, _ = run("import", "--db", str(db), str(source))
    assert code == 0 and "0 new, 0 updated, 5 unchanged" in out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_audit_tracker_with_rag_colours_asks_what_they_mean(
    tmp_path: Path, team_database: Path, suffix: str
) -> None:
    db, source = team_database, audit(tmp_path, suffix)
    code, out, _ = run("import", "--db", str(db), str(source))
    assert code == 1 and "say what the RAG colours mean" in out
    assert recommendations(db) == {}
    code, out, _ = run("import", "--db", str(db), "--dry-run", "--rag-means", "outcome", str(source))
    assert code == 0 and "  Original due date: Target date" in out and "  RAG: Status" in out, out
    code, out, _ = run("import", "--db", str(db), "--rag-means", "progress", str(source))
    assert code == 0 and "4 new" in out, out
    recs = recommendations(db)
    assert {ref: r.status for ref, (r, *_) in recs.items()} == {
        "AUD/24/03-1": Status.IMPLEMENTED,
        "AUD/24/03-2": Status.IN_PROGRESS,
        "AUD/25/01-1": Status.IN_PROGRESS,
        "AUD/25/01-2": Status.IN_PROGRESS,
    }
    done = recs["AUD/24/03-1"][0]
    assert done.implemented_on is None and done.raised_on == date(2024, 9, 12)
    assert (done.target_date, done.revised_target_date) == (date(2025, 3, 31), date(2025, 6, 30))


def test_green_means_achieved_when_the_key_says_so(tmp_path: Path, team_database: Path) -> None:
    db, source = team_database, audit(tmp_path, ".xlsx")
    assert run("import", "--db", str(db), "--rag-means", "outcome", str(source))[0] == 0
    recs = recommendations(db)
    assert recs["AUD/24/03-2"][0].status is Status.IMPLEMENTED
    assert recs["AUD/25/01-2"][0].status is Status.ACCEPTED


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_you_said_we_did_action_log(tmp_path: Path, team_database: Path, suffix: str) -> None:
    db, source = team_database, action_log(tmp_path, suffix)
    code, out, _ = run("import", "--db", str(db), str(source))
    assert code == 0 and "5 new" in out, out
    recs = recommendations(db)
    assert recs["1"][0].status is Status.IMPLEMENTED and recs["1"][0].implemented_on == date(2025, 6, 3)
    assert recs["3"][0].status is Status.NOT_TAKEN_FORWARD and recs["3"][0].decision_reason == "Superseded"
    assert recs["4"][0].decision_reason == "Not affordable this year; we will look again in 2026"
    assert recs["5"][0].status is Status.IMPLEMENTED and recs["5"][0].implemented_on is None
    assert recs["2"][1] == "Home care"
    assert "1 completed recommendation has no completion date (5 on row 6)" in out
    with open_database(db).reading() as s:
        assert "Carers never know who is coming" in set(s.exec(select(Feedback.text)))
        note = s.exec(
            select(StatusChange.note).where(
                StatusChange.to_status == Status.IMPLEMENTED,
                StatusChange.recommendation_id == recs["5"][0].id,
            )
        ).one()
    assert "did not record the completion date" in str(note)


def test_columns_chosen_on_the_command_line_and_from_a_profile(tmp_path: Path, team_database: Path) -> None:
    db, source = team_database, audit(tmp_path, ".csv")
    code, out, _ = run(
        "import",
        "--db",
        str(db),
        "--dry-run",
        "--rag-means",
        "progress",
        str(source),
        "--map",
        "Audit=strategy",
        "--map",
        "Latest update=ignore",
    )
    assert code == 0 and "  Audit: Strategy" in out and "  Latest update: ignored" in out, out
    profile = tmp_path / "audit-profile.json"
    profile.write_text(json.dumps({"Audit": "strategy", "Priority": "reason"}), encoding="utf-8")
    code, out, _ = run(
        "import", "--db", str(db), "--rag-means", "progress", "--mapping", str(profile), str(source)
    )
    assert code == 0, out
    assert recommendations(db)["AUD/25/01-1"][1] == "Safeguarding"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--map", "Audit"], "not a column choice"),
        (["--map", "Audit=colour"], "'colour' is not a field coprod keeps"),
        (["--map", "Budget=owner"], "no column headed 'Budget'"),
        (["--sheet", "Summary"], "has no sheet called Summary; choose one of: Key, Tracker"),
    ],
)
def test_a_wrong_column_choice_is_one_sentence(
    tmp_path: Path, team_database: Path, argv: list[str], words: str
) -> None:
    code, _, err = run("import", "--db", str(team_database), str(audit(tmp_path, ".xlsx")), *argv)
    assert code == 2 and err.count("\n") == 1 and words in err, err


def test_the_sheet_can_be_named(tmp_path: Path, team_database: Path) -> None:
    code, out, _ = run(
        "import",
        "--db",
        str(team_database),
        "--dry-run",
        "--sheet",
        "key",
        str(audit(tmp_path, ".xlsx")),
    )
    assert code == 1 and "Sheet: Key" in out and "no column for Recommendation" in out


def test_section_headings_across_the_table_are_listed_not_imported(
    tmp_path: Path, team_database: Path
) -> None:
    rows = [
        "Live recommendations",
        *t.SCRUTINY[1:3],
        "Completed recommendations",
        t.SCRUTINY[0],
        t.SCRUTINY[3],
    ]
    source = t.write_council_xlsx(tmp_path / "s.xlsx", t.SCRUTINY_TITLE, t.SCRUTINY_HEADERS, rows)  # type: ignore[arg-type]
    code, out, _ = run("import", "--db", str(team_database), str(source))
    assert code == 0 and "4 new" in out, out
    assert "Row 4 ('Live recommendations') is a section heading" in out
    assert "Row 7 ('Completed recommendations') is a section heading" in out


def test_a_value_merged_across_columns_below_the_headings_stays_in_its_own_column(
    tmp_path: Path, team_database: Path
) -> None:
    import xlsxwriter

    path = tmp_path / "merged.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Ref", "Recommendation", "You said", "Date raised", "Status"])
    for r in range(1, 15):
        sheet.write_row(r, 0, [f"R-{r}", f"Recommendation {r}", "", "2025-01-10", "Ongoing"])
    sheet.merge_range(2, 1, 2, 2, "Recommendation 2, typed across two columns")
    sheet.merge_range(12, 4, 13, 4, "Complete")  # one status for two rows
    book.close()
    code, out, _ = run("import", "--db", str(team_database), str(path))
    assert code == 0 and "14 new" in out, out
    db = open_database(team_database)
    with db.reading() as s:
        assert list(s.exec(select(Feedback.text))) == []
        status = {r.reference: r.status for r in s.exec(select(Recommendation))}
    db.close()
    assert status["R-12"] is Status.IMPLEMENTED and status["R-13"] is Status.IMPLEMENTED
