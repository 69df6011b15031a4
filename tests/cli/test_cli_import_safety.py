"""Import and export through the real command line.

Most commands run in this process (tests/command.py). Two imports at once, and the sheet
claiming every cell, run as separate processes: the one because two programs race for the
same file, the other because the proof is that the process was not aborted."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from coprod.persistence.database import open_database
from tests import command
from tests.engines import copy_database, raw_connection
from tests.trackers import write_csv

ROOT = Path(__file__).resolve().parents[2]


def coprod(*argv: str, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "coprod", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        **popen,
    )  # type: ignore[call-overload]


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=180)
    return process.returncode, out, err


def test_two_imports_of_the_same_file_at_once_do_not_duplicate(tmp_path: Path, team_database: Path) -> None:
    rows = [[f"Recommendation number {n}", "2025-01-10", "In progress"] for n in range(3000)]
    source = write_csv(tmp_path / "tracker.csv", rows, headers=["Recommendation", "Date raised", "Status"])
    db = team_database
    open_database(db).close()
    both = [coprod("import", "--db", str(db), str(source)) for _ in range(2)]
    results = [finished(p) for p in both]
    assert [code for code, _, _ in results] == [0, 0], results
    outs = sorted(out for _, out, _ in results)
    assert any("3,000 new, 0 updated, 0 unchanged" in out for out in outs), outs
    assert any("0 new, 0 updated, 3,000 unchanged" in out for out in outs), outs
    with raw_connection(db) as conn:
        assert conn.execute("select count(*) from recommendation").fetchone()[0] == 3000


def run(*argv: str) -> tuple[int, str, str]:
    done = command.run(*argv)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_importing_a_databases_own_export_changes_nothing(
    demo_db_file: Path, tmp_path: Path, suffix: str
) -> None:
    db = copy_database(demo_db_file, tmp_path / "team.db")
    out = tmp_path / f"tracker{suffix}"
    assert run("export", "--db", str(db), "--out", str(out))[0] == 0
    code, said, err = run("import", "--db", str(db), str(out))
    assert code == 0, err
    assert "0 new, 0 updated, 40 unchanged" in said


def test_text_too_long_for_an_excel_cell_is_refused_naming_the_recommendation(
    tmp_path: Path, team_database: Path
) -> None:
    db = team_database
    long_text = "We met every carer who asked. " * 1200  # 36,000 characters
    source = write_csv(
        tmp_path / "t.csv",
        [["R-7", "Respite", long_text, "2025-01-10", "In progress"]],
        headers=["Ref", "Recommendation", "We did", "Date raised", "Status"],
    )
    assert run("import", "--db", str(db), str(source))[0] == 0
    code, _, err = run("export", "--db", str(db), "--out", str(tmp_path / "out.xlsx"))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "R-7" in err and "We did" in err and "CSV" in err
    assert not (tmp_path / "out.xlsx").exists() and not list(tmp_path.glob("*.partial"))
    # CSV has no such limit: the text goes out whole and comes back unchanged.
    assert run("export", "--db", str(db), "--out", str(tmp_path / "out.csv"))[0] == 0
    code, said, _ = run("import", "--db", str(db), str(tmp_path / "out.csv"))
    assert code == 0 and "0 new, 0 updated, 1 unchanged" in said


def test_csv_export_never_writes_a_live_formula_and_import_gives_the_text_back(
    tmp_path: Path, team_database: Path
) -> None:
    db = team_database
    risky = [
        '=HYPERLINK("http://evil.example","Click")',
        "+cmd|' /C notepad'!A0",
        "@SUM(A1:A9)",
        "-2+3 homes agreed",
    ]
    rows = [[f"R-{n}", text, "Carers", "2025-01-10", "In progress"] for n, text in enumerate(risky)]
    source = write_csv(
        tmp_path / "t.csv", rows, headers=["Ref", "Recommendation", "Owner", "Date raised", "Status"]
    )
    assert run("import", "--db", str(db), str(source))[0] == 0
    with raw_connection(db) as conn:
        conn.execute("update recommendation set title = ? where reference = 'R-0'", ("\t=1+2",))
    out = tmp_path / "out.csv"
    assert run("export", "--db", str(db), "--out", str(out))[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert {"'\t=1+2", "'+cmd|' /C notepad'!A0", "'@SUM(A1:A9)", "'-2+3 homes agreed"} <= set(cells)
    code, said, _ = run("import", "--db", str(db), str(out))
    assert code == 0
    with raw_connection(db) as conn:
        titles = {r for (r,) in conn.execute("select title from recommendation")}
    assert titles >= {"+cmd|' /C notepad'!A0", "@SUM(A1:A9)", "-2+3 homes agreed"}
    assert not [t for t in titles if t.startswith("'")]


def _workbook(path: Path, last_cell: tuple[int, int] | None = None) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Ref", "Recommendation", "Date raised", "Status"])
    sheet.write_row(1, 0, ["R-1", "PLACEHOLDER", "2025-01-10", "new"])
    if last_cell:
        sheet.write(*last_cell, "x")
    book.close()
    return path


def _with_huge_text(source: Path, path: Path, megabytes: int) -> Path:
    """The same workbook with its one text stretched to `megabytes` of 'a': a small zip."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info, data)
                continue
            head, tail = data.split(b"PLACEHOLDER")
            with dst.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head)
                for _ in range(megabytes):
                    fh.write(b"a" * (1 << 20))
                fh.write(tail)
    return path


@pytest.fixture(scope="module")
def huge_text_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook under 2 MB holding one 300 MB text, made once: the tests only read it."""
    folder = tmp_path_factory.mktemp("huge_text")
    bomb = _with_huge_text(_workbook(folder / "base.xlsx"), folder / "bomb.xlsx", megabytes=300)
    assert bomb.stat().st_size < 2_000_000
    return bomb


def test_a_sheet_claiming_every_cell_excel_has_is_refused_without_reading(
    tmp_path: Path, team_database: Path
) -> None:
    bomb = _workbook(tmp_path / "bomb.xlsx", last_cell=(1_048_575, 16_383))
    assert bomb.stat().st_size < 10_000
    started = time.monotonic()
    code, out, err = finished(coprod("import", "--db", str(team_database), "--dry-run", str(bomb)))
    assert code == 2, (code, err)  # not 134: the process was not aborted
    assert err.count("\n") == 1 and "Traceback" not in err and "bomb.xlsx" in err
    assert "1,048,576 rows" in err
    assert time.monotonic() - started < 15


def test_a_small_file_holding_a_huge_text_is_refused_without_reading(
    huge_text_bomb: Path, tmp_path: Path, team_database: Path
) -> None:
    code, out, err = run("import", "--db", str(team_database), "--dry-run", str(huge_text_bomb))
    assert code == 2, (code, err)
    assert err.count("\n") == 1 and "Traceback" not in err and "bomb.xlsx" in err


def test_a_normal_workbook_is_still_read(tmp_path: Path, team_database: Path) -> None:
    book = _workbook(tmp_path / "t.xlsx")
    code, out, err = run("import", "--db", str(team_database), "--dry-run", str(book))
    assert code == 0 and "Would import 1 row from" in out, err


ENCODED_HEADERS = "Ref\tRecommendation\tRaised on\tStatus\r\n"
ENCODED_ROW = "R-1\tCafé for carers in Neuchâtel\t2025-01-10\tnew\r\n"


@pytest.mark.parametrize(
    ("encoding", "mark", "guessed"),
    [
        ("utf-16-le", b"\xff\xfe", False),
        ("utf-16-be", b"\xfe\xff", False),
        ("utf-32-le", b"\xff\xfe\x00\x00", False),
        ("utf-8", b"\xef\xbb\xbf", False),
        ("utf-16-le", b"", True),
        ("cp1252", b"", True),
    ],
)
def test_csv_text_encodings(
    tmp_path: Path, team_database: Path, encoding: str, mark: bytes, guessed: bool
) -> None:
    source = tmp_path / "t.csv"
    source.write_bytes(mark + (ENCODED_HEADERS + ENCODED_ROW).encode(encoding))
    db = team_database
    code, said, err = run("import", "--db", str(db), str(source))
    assert code == 0 and "1 new" in said, (said, err)
    assert ("did not say how its text is encoded" in said) is guessed
    if encoding == "cp1252":
        assert "Windows-1252" in said
    with raw_connection(db) as conn:
        title = conn.execute("select title from recommendation").fetchone()[0]
    assert title == "Café for carers in Neuchâtel"


def test_implausible_dates_are_refused_with_their_row_and_decimals_are_fractions(
    tmp_path: Path, team_database: Path
) -> None:
    headers = ["Ref", "Recommendation", "Date raised", "Status", "Completed on", "We did", "% complete"]
    rows = [
        ["R-1", "Year one", "0001-01-01", "new", "", "", ""],
        ["R-2", "Victorian", "01/01/1900", "new", "", "", ""],
        ["R-3", "Far future target", "2025-01-10", "Completed", "2101-01-01", "Done", ""],
        ["R-4", "Half done", "2025-01-10", "In progress", "", "", "0.5"],
    ]
    source = write_csv(tmp_path / "t.csv", rows, headers=headers)
    db = team_database
    code, said, _ = run("import", "--db", str(db), str(source))
    assert code == 1
    lines = said.splitlines()
    assert lines[0].startswith("row 2: Date raised: '0001-01-01'") and "1990" in lines[0]
    assert lines[1].startswith("row 3: Date raised: '01/01/1900'")
    assert lines[2].startswith("row 4: Completed on: '2101-01-01'") and "2100" in lines[2]
    code, said, _ = run("import", "--db", str(db), str(source), "--skip-invalid")
    assert code == 0 and "1 new" in said
    with raw_connection(db) as conn:
        assert conn.execute("select reference, progress from recommendation").fetchall() == [("R-4", 50)]


def test_the_rejects_file_never_holds_a_live_formula(tmp_path: Path, team_database: Path) -> None:
    rows = [["R-1", '=HYPERLINK("http://evil.example")', "", "new"], ["R-2", "Ramps", "2025-01-10", "new"]]
    source = write_csv(tmp_path / "t.csv", rows, headers=["Ref", "Recommendation", "Date raised", "Status"])
    code, _, err = run("import", "--db", str(team_database), str(source), "--skip-invalid")
    assert code == 0, err
    with (tmp_path / "t-rejects.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in cells


def test_both_bombs_are_refused_in_under_a_second(huge_text_bomb: Path, tmp_path: Path) -> None:
    from coprod.domain.errors import CoprodError
    from coprod.services.data.importing import read_table

    bombs = [_workbook(tmp_path / "cells.xlsx", last_cell=(1_048_575, 16_383)), huge_text_bomb]
    for bomb in bombs:
        # CPU time, which another process busy on the same machine does not stretch: reading
        # either bomb would take minutes of it
        started = time.process_time()
        with pytest.raises(CoprodError):
            read_table(bomb)
        assert time.process_time() - started < 1.0
