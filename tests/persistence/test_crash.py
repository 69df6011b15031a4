"""Killing coprod mid-write loses nothing that had committed and never damages the file."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select, text

from coprod.domain.models import Recommendation
from coprod.persistence.bulk import FTS_BATCH_MIN, FTS_TRIGGER
from coprod.persistence.database import open_database

BULK = FTS_BATCH_MIN + 50  # big enough for the batched search-index path


def _write_forever(path: Path, start: int, report: int) -> None:
    """The child: single recommendations through the ORM and, every fourth round, a tracker
    import through Core bulk inserts. Each reference is reported only after its commit."""
    from coprod.services.data.importing import import_tracker
    from coprod.services.recommendations import lifecycle as recs

    db = open_database(path)
    for i in range(start, start + 100000):
        if i % 4 == 0:
            tracker = path.parent / f"t{i}.csv"
            lines = ["Reference,Title,You said,Date raised,Status"]
            lines += [f"I{i}-{n},Imported {n},Said {n},2025-01-01,new" for n in range(BULK)]
            tracker.write_text("\n".join(lines), encoding="utf-8")
            import_tracker(db, tracker, today=date(2026, 1, 1))
            refs = [f"I{i}-{n}" for n in range(BULK)]
        else:
            with db.transaction() as s:
                recs.create_recommendation(session=s, title=f"Written {i}", raised_on=date(2025, 1, 1),
                                           reference=f"W{i}")
            refs = [f"W{i}"]
        os.write(report, (" ".join(refs) + "\n").encode())


def _read_reports(fd: int, count: int, *, timeout: float = 120.0) -> bytes:
    """What the child has reported once it has reported `count` commits (one line each)."""
    received = b""
    deadline = time.monotonic() + timeout
    while (lines := received.count(b"\n")) < count:
        assert time.monotonic() < deadline, f"the child reported {lines} commits of {count} in {timeout} s"
        chunk = os.read(fd, 65536)
        assert chunk, "the child stopped before its commits were reported"
        received += chunk
    return received


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_sigkill_during_writes_keeps_every_committed_transaction(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    open_database(path).close()
    rng = random.Random(20261126)
    committed: set[str] = set()
    reports, waited_for = 0, 0
    fork = multiprocessing.get_context("fork")
    for round_ in range(4):
        read_end, write_end = os.pipe()
        child = fork.Process(target=_write_forever, args=(path, round_ * 100000, write_end), daemon=True)
        child.start()
        os.close(write_end)
        # Kill only once the child has reported a known number of commits (at least one bulk
        # import among them), however slow the machine, then at a varied moment in what follows.
        commits = rng.randint(5, 9)
        reported = _read_reports(read_end, commits)
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        received = reported.decode() + _read_all(read_end)
        lines = received[: received.rfind("\n") + 1].splitlines()  # a line cut short by the kill is left out
        committed.update(ref for line in lines for ref in line.split())
        reports += len(lines)
        os.close(read_end)
        waited_for += commits
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert [r[0] for r in conn.execute(text("PRAGMA integrity_check"))] == ["ok"]
            # a kill during a bulk import never leaves feedback search without its trigger
            assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = :n"),
                                {"n": FTS_TRIGGER}).scalar_one() == 1
            indexed = conn.execute(text("SELECT count(*) FROM feedback_fts")).scalar_one()
            assert indexed == conn.execute(text("SELECT count(*) FROM feedback")).scalar_one()
        with db.reading() as s:
            stored = set(s.exec(select(Recommendation.reference)).scalars())  # type: ignore[call-overload]
    finally:
        db.close()
    assert reports >= waited_for  # the children really were writing when killed
    assert committed <= stored
