"""Foundation steps: the integrity and count check."""

from __future__ import annotations

from benchmarks.bench import Bench, step


@step("coprod check (integrity, schema, counts)")
def check(bench: Bench) -> str:
    from coprod.persistence.database import open_database
    from coprod.services.data.check import run_check

    db = open_database(bench.db_path, create=False, migrate_schema=False)
    try:
        report = run_check(db)
    finally:
        db.close()
    return f"{report.counts['feedback']:,} feedback, {report.counts['recommendation']:,} recommendations"
