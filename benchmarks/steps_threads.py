"""Threads: how long a page's read waits while the board report renders.

The GUI keeps one database worker for short reads and writes and a general pool for long
work. Here the same two executors stand in for them: a report generated whole on the
database worker (as before) makes a read queue behind the PDF; a staged report (read
briefly, render on the pool, record one audit event) lets the read through at once.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.bench import AS_OF, Bench, step

if TYPE_CHECKING:
    from coprod.persistence.database import Database
    from coprod.services.reports.generate import ReportRequest

HEAD_START_S = 0.3  # the read is asked for once the report is well under way


def _read(db: Database) -> int:
    from sqlmodel import select

    from coprod.domain.models import Recommendation

    with db.reading() as s:
        return len(s.exec(select(Recommendation.id).limit(200)).all())


def _wait_for_read(worker: ThreadPoolExecutor, db: Database) -> float:
    time.sleep(HEAD_START_S)
    started = time.perf_counter()
    worker.submit(_read, db).result()
    return time.perf_counter() - started


@step("threads: a read while the board report renders (whole on the db worker vs staged)")
def read_during_report(bench: Bench) -> str:
    from coprod.persistence.database import open_database
    from coprod.services.reports import staged
    from coprod.services.reports.generate import ReportRequest, generate

    db = open_database(bench.db_path, create=False, migrate_schema=False)
    worker, pool = ThreadPoolExecutor(1), ThreadPoolExecutor(2)
    try:
        request = ReportRequest(kind="lag", out=Path(bench.workdir / "board-whole.pdf"), as_of=AS_OF)

        def whole() -> object:
            with db.transaction() as session:
                return generate(session=session, request=request)

        report = worker.submit(whole)
        waited_whole = _wait_for_read(worker, db)
        report.result()

        request = ReportRequest(kind="lag", out=Path(bench.workdir / "board-staged.pdf"), as_of=AS_OF)
        started = time.perf_counter()
        prepared = worker.submit(lambda: _prepare(db, request)).result()
        held = time.perf_counter() - started
        rendering = pool.submit(staged.render, prepared)
        waited_staged = _wait_for_read(worker, db)
        worker.submit(staged.record, db, rendering.result()).result()
    finally:
        worker.shutdown()
        pool.shutdown()
        db.close()
    return (
        f"read waited {waited_whole:.2f} s behind the whole report, {waited_staged * 1000:.0f} ms "
        f"while the staged one rendered (its scope load held the worker {held:.2f} s)"
    )


def _prepare(db: Database, request: ReportRequest) -> Any:
    from coprod.services.reports import staged

    with db.reading() as session:
        return staged.read(session=session, request=request)
