"""`coprod import/export/merge/backup/restore` from the command line."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from coprod import cli
from coprod.persistence.backup import list_backups
from tests.trackers import GOOD, write_csv


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_import_prints_every_problem_and_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    run("init", "--db", str(db))
    rows = [
        GOOD[0],
        ["R-2", "No date", "", "", "", "", "", "", "", "", "new", "", "", "", ""],
        ["R-3", "Bad status", "", "", "", "", "2025-01-01", "", "", "", "soon", "", "", "", ""],
    ]
    code, out, err = run("import", "--db", str(db), str(write_csv(tmp_path / "t.csv", rows)))
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0].startswith("row 3: Date raised: this row has no date raised")
    assert lines[1].startswith("row 4: Status: 'soon' is not a status")
    assert lines[2].startswith("Nothing imported: rows with problems: 2 of 3.")


def test_import_skip_invalid_and_dry_run(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    run("init", "--db", str(db))
    rows = [*GOOD, ["R-9", "No date", "", "", "", "", "", "", "", "", "new", "", "", "", ""]]
    source = write_csv(tmp_path / "t.csv", rows)
    code, out, _ = run("import", "--db", str(db), str(source), "--dry-run")
    assert code == 1 and "Nothing imported" in out
    code, out, _ = run("import", "--db", str(db), str(source), "--skip-invalid")
    assert code == 0
    assert "Imported 3 rows from t.csv: 3 new, 0 updated, 0 unchanged." in out
    assert "t-rejects.csv" in out and (tmp_path / "t-rejects.csv").exists()
    code, out, _ = run("import", "--db", str(db), str(write_csv(tmp_path / "u.csv", GOOD)))
    assert code == 0 and "0 new, 0 updated, 3 unchanged" in out


def test_import_of_a_missing_file_is_one_sentence(tmp_path: Path) -> None:
    run("init", "--db", str(tmp_path / "team.db"))
    code, _, err = run("import", "--db", str(tmp_path / "team.db"), str(tmp_path / "nowhere.xlsx"))
    assert code == 2 and err.count("\n") == 1 and "There is no file at" in err


def test_export_merge_backup_restore(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.db", tmp_path / "theirs.db"
    run("init", "--db", str(mine))
    assert run("import", "--db", str(mine), str(write_csv(tmp_path / "t.csv", GOOD)))[0] == 0
    shutil.copy(mine, theirs)
    assert (
        run(
            "import",
            "--db",
            str(theirs),
            str(
                write_csv(
                    tmp_path / "more.csv",
                    [["T-1", "Only theirs", "", "", "", "", "2025-01-01", "", "", "", "new", "", "", "", ""]],
                )
            ),
        )[0]
        == 0
    )
    code, out, err = run("export", "--db", str(theirs), "--out", str(tmp_path / "theirs.coprod.json"))
    assert code == 0 and "records" in out, err
    code, out, err = run("merge", "--db", str(mine), str(tmp_path / "theirs.coprod.json"))
    assert code == 0 and "0 conflicts" in out, err
    code, out, _ = run("export", "--db", str(mine), "--out", str(tmp_path / "mine.xlsx"))
    assert code == 0 and "Exported 4 recommendations" in out
    code, out, _ = run("backup", "--db", str(mine), "--keep", "2")
    assert code == 0 and "Backup written to" in out
    assert len(list_backups(mine)) >= 2  # today's copies are all kept
    oldest = list_backups(mine)[0]
    code, out, err = run("restore", "--db", str(mine), str(oldest))
    assert code == 0 and "Restored" in out and "before is kept in" in out, err


def test_export_to_an_unknown_format(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    run("init", "--db", str(db))
    run("import", "--db", str(db), str(write_csv(tmp_path / "t.csv", GOOD)))
    code, _, err = run("export", "--db", str(db), "--out", str(tmp_path / "x.docx"))
    assert code == 2 and ".xlsx, .csv or .coprod.json" in err


def test_missing_columns_are_a_problem_with_the_file(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "t.csv", [["Ramps", "new"]], headers=["Title", "Status"])
    run("init", "--db", str(tmp_path / "team.db"))
    code, out, _ = run("import", "--db", str(tmp_path / "team.db"), str(source))
    assert code == 1
    assert out.splitlines() == [
        "row 1: Raised on: no column for Raised on; name a column 'Raised on' (or a synonym) or choose it "
        "in the mapping.",
        "Nothing imported: the file lacks columns coprod needs. Choose the column with "
        '--map "Heading=field" (see the list above), or rename the heading, and import again.',
    ]


def test_export_into_a_missing_folder(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    run("init", "--db", str(db))
    run("import", "--db", str(db), str(write_csv(tmp_path / "t.csv", GOOD)))
    for name in ("x.xlsx", "x.csv", "x.coprod.json"):
        code, _, err = run("export", "--db", str(db), "--out", str(tmp_path / "nowhere" / name))
        assert code == 2 and err.count("\n") == 1 and "cannot write" in err, err
