"""Every export is on the record: no file leaves coprod without its audit event."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent
from coprod.persistence import database as database_module
from coprod.persistence.database import open_database
from coprod.services.data.export import export_tracker
from coprod.services.engagement import pending
from tests.command import run as coprod
from tests.engines import copy_database
from tests.processes import write_lock
from tests.trackers import GOOD, write_csv


def exports(path: Path) -> list[AuditEvent]:
    db = open_database(path)
    try:
        with db.reading() as s:
            return list(s.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)))
    finally:
        db.close()


@pytest.fixture
def team(demo_db_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    return copy_database(demo_db_file, path)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("export",), "tracker.xlsx"),
        (("export",), "all.coprod.json"),
        (("report", "you-said-we-did"), "yswd.html"),
    ],
)
@pytest.mark.sqlite_only  # a locked or read-only file
def test_an_export_from_a_locked_database_keeps_no_file(
    team: Path, tmp_path: Path, args: tuple[str, ...], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)  # give up on the lock sooner
    out = tmp_path / name
    with write_lock(team):  # another process holds the lock; the command runs in this one
        result = coprod(*args, "--db", str(team), "--out", str(out))
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "in use by another program" in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".coprod-", name))] == []
    assert exports(team) == []


@pytest.mark.sqlite_only  # a locked or read-only file
def test_an_export_from_a_read_only_database_waits_in_the_queue_and_reaches_the_log(
    team: Path, tmp_path: Path
) -> None:
    db = open_database(team, read_only=True)
    try:
        export_tracker(db, tmp_path / "tracker.csv")
    finally:
        db.close()
    assert (tmp_path / "tracker.csv").exists()
    waiting = pending.PendingQueue.for_reader(team).entries()
    assert not pending.queue_path(team).exists()  # nothing left beside a file only read
    assert [e.data["changes"]["file"] for e in waiting] == ["tracker.csv"]
    assert exports(team) == []

    # The next command that writes to the file records it first.
    result = coprod("import", "--db", str(team), str(write_csv(tmp_path / "t.csv", GOOD)))
    assert result.returncode == 0, result.stderr
    logged = exports(team)
    assert [(e.id, e.changes["file"]) for e in logged] == [(waiting[0].id, "tracker.csv")]
    assert pending.PendingQueue.for_reader(team).entries() == []


@pytest.mark.sqlite_only  # the file's write lock
def test_while_a_report_is_drawn_another_program_can_save(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long report (the review pack takes seconds) is drawn with the database free: only
    reading what it needs and recording the export hold it, each for a moment."""
    import sqlite3
    import threading

    from coprod.services.reports import generate

    drawing, finish = threading.Event(), threading.Event()
    draw = generate._write

    def held_up(*args: object) -> None:
        drawing.set()
        assert finish.wait(60)
        draw(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(generate, "_write", held_up)
    out = tmp_path / "review.pdf"
    ran: list[object] = []
    command = threading.Thread(
        target=lambda: ran.append(coprod("report", "review", "--db", str(team), "--out", str(out)))
    )
    command.start()
    try:
        assert drawing.wait(60)
        other = sqlite3.connect(team, timeout=0.2)  # an officer's window saving a note meanwhile
        try:
            other.execute("BEGIN IMMEDIATE")  # takes the write lock, or says it is held
            other.rollback()
        finally:
            other.close()
    finally:
        finish.set()
        command.join(60)
    (result,) = ran
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    assert out.exists() and [e.changes["report"] for e in exports(team)] == ["review"]
