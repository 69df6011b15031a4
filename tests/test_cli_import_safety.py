"""Import and export through the real command line, in separate processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from coprod.persistence.database import open_database
from tests.trackers import write_csv

ROOT = Path(__file__).resolve().parents[1]


def coprod(*argv: str, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "coprod", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env, **popen)  # type: ignore[call-overload]


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=180)
    return process.returncode, out, err


def test_two_imports_of_the_same_file_at_once_do_not_duplicate(tmp_path: Path) -> None:
    rows = [[f"Recommendation number {n}", "2025-01-10", "In progress"] for n in range(3000)]
    source = write_csv(tmp_path / "tracker.csv", rows, headers=["Recommendation", "Date raised", "Status"])
    db = tmp_path / "team.db"
    open_database(db).close()
    both = [coprod("import", "--db", str(db), str(source)) for _ in range(2)]
    results = [finished(p) for p in both]
    assert [code for code, _, _ in results] == [0, 0], results
    outs = sorted(out for _, out, _ in results)
    assert any("3,000 new, 0 updated, 0 unchanged" in out for out in outs), outs
    assert any("0 new, 0 updated, 3,000 unchanged" in out for out in outs), outs
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from recommendation").fetchone()[0] == 3000
