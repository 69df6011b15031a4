"""A recommendation a tracker marks complete without a date: implemented, dated 'not recorded'."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from coprod import cli
from tests import trackers as t


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def team_db(tmp_path: Path, team_database: Path) -> Path:
    db = team_database
    source = t.write_council_csv(tmp_path / "log.csv", None, t.ACTION_LOG_HEADERS, t.ACTION_LOG)
    assert run("import", "--db", str(db), str(source))[0] == 0
    return db


def test_counted_as_implemented_but_left_out_of_time_to_implement(team_db: Path) -> None:
    code, out, _ = run("lag", "--db", str(team_db), "--as-of", "2026-01-01", "--format", "json")
    assert code == 0
    rows = {r["reference"]: r for r in json.loads(out)}
    assert rows["5"]["status"] == "implemented" and rows["5"]["rag"] == "complete"
    assert rows["5"]["implemented_on"] is None and rows["5"]["days_to_implement"] is None
    assert rows["5"]["lag_days"] is None and not rows["5"]["overdue"]
    code, out, _ = run(
        "lag", "--db", str(team_db), "--as-of", "2026-01-01", "--by", "strategy", "--format", "json"
    )
    groups = {g["name"]: g for g in json.loads(out)}
    advice = groups["Advice"]
    assert advice["implemented"] == 1 and advice["by_status"]["implemented"] == 1
    assert advice["km_subjects"] == 0 and advice["median_days_to_implement"] is None
    assert advice["pct_on_time_original"] is None
    home = groups["Home care"]
    assert home["implemented"] == 1 and home["median_days_to_implement"] == 91 and home["km_subjects"] == 2


def test_check_lists_them_so_the_dates_can_be_added(team_db: Path) -> None:
    code, out, _ = run("check", "--db", str(team_db))
    assert code == 0
    assert "1 completed recommendation has no completion date: 5 (Rewrite the adult social care pages)" in out


def test_reports_show_done_with_no_date(team_db: Path, tmp_path: Path) -> None:
    code, _, err = run(
        "report",
        "you-said-we-did",
        "--db",
        str(team_db),
        "--out",
        str(tmp_path / "y.html"),
        "--as-of",
        "2026-01-01",
    )
    assert code == 0, err
    html = (tmp_path / "y.html").read_text(encoding="utf-8")
    start = html.index("Rewrite the adult social care pages")
    section = html[start : html.index("</article>", start)]
    assert "Done." in section and "finished on" not in section
    for kind, name in (("lag", "board.pdf"), ("review", "pack.html"), ("you-said-we-did", "y.pdf")):
        code, _, err = run(
            "report", kind, "--db", str(team_db), "--out", str(tmp_path / name), "--as-of", "2026-01-01"
        )
        assert code == 0 and (tmp_path / name).stat().st_size > 0, err


def test_a_date_added_to_the_tracker_later_is_taken_in(team_db: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in t.ACTION_LOG]
    rows[4][-1] = "14/08/2025"  # the officer found when the pages were rewritten
    source = t.write_council_csv(tmp_path / "log.csv", None, t.ACTION_LOG_HEADERS, rows)
    code, out, _ = run("import", "--db", str(team_db), str(source))
    assert code == 0 and "0 new, 1 updated, 4 unchanged" in out, out
    assert "no completion date" not in out
    code, out, _ = run("check", "--db", str(team_db))
    assert "no completion date" not in out
    code, out, _ = run("lag", "--db", str(team_db), "--as-of", "2026-01-01", "--format", "json")
    rows_out = {r["reference"]: r for r in json.loads(out)}
    assert rows_out["5"]["implemented_on"] == "2025-08-14" and rows_out["5"]["days_to_implement"] == 44
    # and a tracker that still lacks the date never takes away the one now recorded
    again = t.write_council_csv(tmp_path / "old.csv", None, t.ACTION_LOG_HEADERS, t.ACTION_LOG)
    code, out, _ = run("import", "--db", str(team_db), str(again))
    assert code == 0 and "0 new, 0 updated, 5 unchanged" in out, out
