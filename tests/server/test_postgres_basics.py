"""coprod on a PostgreSQL server: the schema migrates there and the figures match SQLite's."""

from __future__ import annotations

from pathlib import Path

from tests.command import run

AS_OF = "2026-11-26"


def test_demo_gives_the_same_lag_figures_on_both_engines(pg_url: str, tmp_path: Path) -> None:
    sqlite_file = str(tmp_path / "demo.db")
    for target in (sqlite_file, pg_url):
        assert run("demo", "--seed", "1", "--db", target).returncode == 0
    on_sqlite = run("lag", "--db", sqlite_file, "--format", "json", "--as-of", AS_OF)
    on_server = run("lag", "--db", pg_url, "--format", "json", "--as-of", AS_OF)
    assert on_sqlite.returncode == on_server.returncode == 0
    assert '"reference": "R-0001"' in on_server.stdout
    assert on_server.stdout == on_sqlite.stdout
