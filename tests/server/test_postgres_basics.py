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


def test_reports_read_the_same_on_both_engines(pg_url: str, tmp_path: Path) -> None:
    sqlite_file = str(tmp_path / "demo.db")
    for target in (sqlite_file, pg_url):
        assert run("demo", "--seed", "1", "--db", target).returncode == 0
    for kind in ("you-said-we-did", "lag", "review"):
        written = []
        for name, target in (("file", sqlite_file), ("server", pg_url)):
            out = tmp_path / f"{kind}-{name}.html"
            ran = run("report", kind, "--db", target, "--out", str(out), "--as-of", AS_OF)
            assert ran.returncode == 0, ran.stderr
            written.append(out.read_text(encoding="utf-8"))
        assert "<h1" in written[0] and "<table" in written[0]  # a whole report, not a stub
        assert written[0] == written[1], kind
