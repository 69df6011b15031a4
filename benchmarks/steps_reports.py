"""Report steps: "You said, we did" with 1,000 recommendations (aim < 2 s) and the board lag
report at the run's scale (aim < 5 s at scale 250). Each includes building the content, the
personal-data guard, the font check and writing the PDF."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench import AS_OF, Bench, step


def _report(db_path: Path, kind: str, out: Path) -> str:
    from coprod.persistence.database import open_database
    from coprod.services.reports.generate import ReportRequest, generate

    db = open_database(db_path, create=False, migrate_schema=False)
    try:
        with db.transaction() as session:
            result = generate(session=session, request=ReportRequest(kind=kind, out=out, as_of=AS_OF))
    finally:
        db.close()
    from pypdf import PdfReader

    pages = len(PdfReader(str(out)).pages)
    entries = sum(1 for _ in result.report.entries())
    return f"{pages:,} pages, {entries:,} entries, {len(result.redactions)} redactions"


def _scale25(bench: Bench) -> Path:
    """A database with exactly 1,000 recommendations (demo scale 25), built once per run."""
    path = bench.workdir / "demo-25.db"
    if "yswd_db" not in bench.extra:
        from coprod.persistence.database import open_database
        from coprod.services.demo.scenario import generate

        for suffix in ("", "-wal", "-shm"):
            (bench.workdir / f"demo-25.db{suffix}").unlink(missing_ok=True)
        db = open_database(path)
        with db.transaction() as session:
            generate(session=session, scale=25, seed=1, as_of=AS_OF)
        db.close()
        bench.extra["yswd_db"] = path
    return path


@step("report: you said, we did PDF, 1,000 recommendations (aim < 2 s)", repeat=3)
def yswd_1000(bench: Bench) -> str:
    path = _scale25(bench)
    from time import perf_counter

    started = perf_counter()
    note = _report(path, "you-said-we-did", bench.workdir / "yswd-1000.pdf")
    return f"{note}; {perf_counter() - started:.2f} s"


@step("report: board lag report PDF (aim < 5 s at scale 250)")
def board(bench: Bench) -> str:
    return _report(bench.db_path, "lag", bench.workdir / "board.pdf")
