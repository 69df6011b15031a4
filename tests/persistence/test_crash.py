"""Killing coprod mid-write loses nothing that had committed and never damages the file.

The writer is killed the hardest way each system has: SIGKILL on POSIX, TerminateProcess on
Windows (what Task Manager's End task and a power-off of the process do). Neither lets it
run any clean-up.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from sqlalchemy import select, text

from coprod.domain.models import Recommendation
from coprod.persistence.bulk import FTS_BATCH_MIN, FTS_TRIGGER
from coprod.persistence.database import open_database

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)

BULK = FTS_BATCH_MIN + 50  # big enough for the batched search-index path


# Fork where there is one (fast); Windows has none and starts a fresh interpreter instead.
CONTEXT = "fork" if hasattr(os, "fork") else "spawn"
# What multiprocessing reports for a process killed as above.
KILLED = -signal.SIGKILL if os.name == "posix" else -signal.SIGTERM


def _write_forever(path: Path, start: int, report: Connection) -> None:
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
                recs.create_recommendation(
                    session=s, title=f"Written {i}", raised_on=date(2025, 1, 1), reference=f"W{i}"
                )
            refs = [f"W{i}"]
        report.send_bytes(" ".join(refs).encode())


def _read_reports(reader: Connection, count: int, *, timeout: float = 120.0) -> list[str]:
    """The commits the child has reported once it has reported `count` of them (one message
    each), however slow the machine; a spawned child first starts an interpreter."""
    messages: list[str] = []
    deadline = time.monotonic() + timeout
    while len(messages) < count:
        left = deadline - time.monotonic()
        assert left > 0, f"the child reported {len(messages)} commits of {count} in {timeout} s"
        if reader.poll(min(left, 0.5)):
            messages.append(reader.recv_bytes().decode())
    return messages


def _read_all(reader: Connection) -> list[str]:
    """Every further commit the killed child reported (a message is whole or absent)."""
    messages: list[str] = []
    while reader.poll():
        try:
            messages.append(reader.recv_bytes().decode())
        except (EOFError, OSError):  # the end, or a message cut off by the kill
            break
    return messages


def test_sigkill_during_writes_keeps_every_committed_transaction(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    open_database(path).close()
    rng = random.Random(20261126)
    committed: set[str] = set()
    reports, waited_for = 0, 0
    context = multiprocessing.get_context(CONTEXT)
    for round_ in range(4):
        read_end, write_end = context.Pipe(duplex=False)
        child = context.Process(target=_write_forever, args=(path, round_ * 100000, write_end), daemon=True)
        child.start()
        write_end.close()
        # Kill only once the child has reported a known number of commits (at least one bulk
        # import among them), then at a varied moment in what follows.
        commits = rng.randint(5, 9)
        messages = _read_reports(read_end, commits)
        time.sleep(rng.uniform(0.0, 0.05))
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        child.join(10)
        assert child.exitcode == KILLED
        messages += _read_all(read_end)
        committed.update(ref for message in messages for ref in message.split())
        reports += len(messages)
        waited_for += commits
        read_end.close()
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert [r[0] for r in conn.execute(text("PRAGMA integrity_check"))] == ["ok"]
            # a kill during a bulk import never leaves feedback search without its trigger
            assert (
                conn.execute(
                    text("SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": FTS_TRIGGER}
                ).scalar_one()
                == 1
            )
            indexed = conn.execute(text("SELECT count(*) FROM feedback_fts")).scalar_one()
            assert indexed == conn.execute(text("SELECT count(*) FROM feedback")).scalar_one()
        with db.reading() as s:
            stored = set(s.exec(select(Recommendation.reference)).scalars())  # type: ignore[call-overload]
    finally:
        db.close()
    assert reports >= waited_for  # the children really were writing when killed
    assert committed <= stored
