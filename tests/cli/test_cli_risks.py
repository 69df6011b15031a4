"""`coprod risks` on the demo register: every format carries the scores and flags."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from coprod.cli import main
from tests.conftest import AS_OF
from tests.engines import copy_database


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_risks_json_lists_the_demo_register_with_scores_and_flags(demo_db_file: Path) -> None:
    code, out, _ = _run("risks", "--db", str(demo_db_file), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 15
    scores = [r["current_score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(r["current_score"] == r["current_likelihood"] * r["current_impact"] for r in rows)
    escalated = [r for r in rows if r["status"] == "escalated"]
    assert [r["level"] for r in escalated] == ["corporate"]
    late = [r for r in rows if r["mitigation_late"]]
    assert late and all(r["late_mitigations"] for r in late)


def test_risks_table_and_csv_agree(demo_db_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.db"
    copy = copy_database(demo_db_file, copy)  # type: ignore[assignment]
    _, table, _ = _run("risks", "--db", str(copy), "--as-of", AS_OF.isoformat())
    _, text, _ = _run("risks", "--db", str(copy), "--as-of", AS_OF.isoformat(), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert table.splitlines()[0].startswith("15 risks as of 26 Nov 2026")
    for r in rows:
        assert any(line.startswith(r["reference"]) for line in table.splitlines())
    assert max(len(line) for line in table.splitlines()) <= 90


def test_risks_on_a_missing_file_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    code, out, err = _run("risks", "--db", str(tmp_path / "none.db"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no file" in err


def test_risk_bands_are_team_rules_saved_in_the_database(demo_db_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.db"
    copy = copy_database(demo_db_file, copy)  # type: ignore[assignment]
    code, out, _ = _run(
        "risks",
        "--db",
        str(copy),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
        "--red-from",
        "12",
        "--escalate-at",
        "20",
    )
    assert code == 0
    assert out.startswith("Risk rules saved: medium from 5, high from 12, escalate at 20.")
    rows = json.loads(out.split("\n", 1)[1])
    assert all((r["current_band"] == "red") == (r["current_score"] >= 12) for r in rows)
    assert all(r["must_escalate"] == (r["current_score"] >= 20 and r["status"] == "open") for r in rows)
    code, out, err = _run("risks", "--db", str(copy), "--amber-from", "14")
    assert code == 2 and "amber band" in err
    _, out, _ = _run("risks", "--db", str(copy), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert any(r["current_band"] == "red" and r["current_score"] == 12 for r in json.loads(out))  # kept


def test_check_counts_risks_and_their_reviews(demo_db_file: Path) -> None:
    code, out, _ = _run("check", "--db", str(demo_db_file))
    assert code == 0
    counts = {
        " ".join(line.split()[:-1]): line.split()[-1] for line in out.splitlines() if line.startswith("  ")
    }
    assert counts["risk"] == "15" and counts["risk review"] == "45"
