"""`coprod lag` and `coprod stalled` as a board officer would run them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from coprod import cli
from coprod.domain.lag import JSON_KEYS
from tests.engines import copy_database

AS_OF = "2026-11-26"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo(demo_db_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "demo.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    return str(path)


def test_json_rows_have_exactly_the_documented_keys(demo: str) -> None:
    code, out, err = run("lag", "--db", demo, "--as-of", AS_OF, "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 40
    assert all(tuple(r) == JSON_KEYS for r in rows)
    statuses = {r["status"] for r in rows}
    assert statuses == {"proposed", "accepted", "in_progress", "on_hold", "implemented", "not_taken_forward"}
    done = next(r for r in rows if r["status"] == "implemented")
    assert (
        done["rag"] == "complete" and done["days_open"] is None and isinstance(done["days_to_implement"], int)
    )
    closed = next(r for r in rows if r["status"] == "not_taken_forward")
    assert closed["lag_days"] is None and closed["rag"] == "closed"
    # one recommendation a line, written as the CSV's rows are (dates ISO, ids as text)
    lines = out.splitlines()
    assert len(lines) == 40 + 2 and (lines[0], lines[-1]) == ("[", "]")
    csv_rows = list(
        csv.DictReader(io.StringIO(run("lag", "--db", demo, "--as-of", AS_OF, "--format", "csv")[1]))
    )
    as_text = [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
    assert as_text == csv_rows


def test_json_of_nothing_is_an_empty_list(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    assert run("init", "--db", str(empty))[0] == 0
    code, out, _ = run("lag", "--db", str(empty), "--format", "json")
    assert code == 0 and out == "[]\n" and json.loads(out) == []


def test_table_fits_an_80_column_terminal(demo: str) -> None:
    for argv in (
        ["lag"],
        ["stalled"],
        ["lag", "--by", "strategy"],
        ["lag", "--by", "owner"],
        ["lag", "--by", "session"],
        ["lag", "--by", "cqc"],
    ):
        code, out, err = run(*argv, "--db", demo, "--as-of", AS_OF)
        assert code == 0, err
        lines = out.splitlines()
        assert len(lines) > 3
        assert max(len(line) for line in lines) <= 80, argv


def test_stalled_lists_only_stalled_or_overdue_worst_first(demo: str) -> None:
    code, out, _ = run("stalled", "--db", demo, "--as-of", AS_OF, "--format", "json")
    rows = json.loads(out)
    assert rows and all(r["stalled"] or r["overdue"] for r in rows)
    keys = [(-(r["lag_days"] or 0), -(r["days_since_update"] or 0)) for r in rows]
    assert keys == sorted(keys)
    code, table, _ = run("stalled", "--db", demo, "--as-of", AS_OF)
    assert f"{len(rows)} stalled or overdue" in table
    assert rows[0]["reference"] in table.splitlines()[2]


def test_grouped_json_carries_the_kaplan_meier_median(demo: str) -> None:
    code, out, _ = run("lag", "--db", demo, "--as-of", AS_OF, "--by", "strategy", "--format", "json")
    groups = json.loads(out)
    assert {g["name"] for g in groups} >= {"Carers strategy", "Safeguarding improvement plan"}
    for g in groups:
        assert {
            "km_median_days",
            "km_median_ci_low",
            "km_median_ci_high",
            "pct_on_time_original",
            "mean_overdue_lag",
            "stalled",
            "extensions",
            "by_status",
        } <= set(g)
        assert sum(g["by_status"].values()) == g["total"]
    assert sum(g["total"] for g in groups) == 40


def test_csv_is_readable_by_a_spreadsheet(demo: str) -> None:
    code, out, _ = run("lag", "--db", demo, "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 40 and tuple(rows[0]) == JSON_KEYS


def test_bad_as_of_date_is_one_line(demo: str) -> None:
    code, _, err = run("lag", "--db", demo, "--as-of", "yesterday")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not a date" in err


def test_lag_on_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    code, _, err = run("lag", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "There is no file" in err and not (tmp_path / "none.db").exists()
