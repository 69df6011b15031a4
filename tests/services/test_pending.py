"""The pending-writes queue: kept on disk, replayed once, never half-read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.models import Feedback, FeedbackTheme
from coprod.persistence.database import Database
from coprod.services.engagement import pending
from coprod.services.engagement.capture import create_session
from tests.conftest import AS_OF

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def test_an_entry_applied_twice_writes_one_item_with_its_themes(db: Database) -> None:
    with db.transaction() as s:
        sid = create_session(session=s, title="Forum", held_on=AS_OF)
    entry = pending.feedback_entry(
        session_id=sid,
        text="Too many forms",
        themes=["Forms", "Access"],
        verbatim=True,
        participant_code="p-9",
    )
    for _ in range(2):  # a crash after the commit but before the queue forgot it
        with db.transaction() as s:
            assert pending.apply(s, entry) == entry.id
    with db.reading() as s:
        items = s.exec(select(Feedback)).all()
        assert [(f.id, f.text, f.is_verbatim) for f in items] == [(entry.id, "Too many forms", True)]
        assert len(s.exec(select(FeedbackTheme)).all()) == 2


def test_the_queue_survives_reopening_and_skips_a_line_cut_short(db: Database, db_path: Path) -> None:
    queue = pending.PendingQueue.beside(db_path)
    with db.transaction() as s:
        sid = create_session(session=s, title="Forum", held_on=AS_OF)
    first, second = (
        pending.feedback_entry(session_id=sid, text=text, themes=[], verbatim=False, participant_code=None)
        for text in ("One", "Two")
    )
    queue.add(first)
    queue.add(second)
    with queue.path.open("a", encoding="utf-8") as fh:  # type: ignore[union-attr]
        fh.write('{"id": "half')  # the power went while a third was written
    again = pending.PendingQueue.beside(db_path)
    assert [e.data["text"] for e in again.entries()] == ["One", "Two"]
    third = pending.feedback_entry(
        session_id=sid, text="Three", themes=[], verbatim=False, participant_code=None
    )
    again.add(third)  # written after the stub, not glued to it
    assert [e.data["text"] for e in again.entries()] == ["One", "Two", "Three"]
    again.remove(third.id)
    again.remove(first.id)
    assert [e.data["text"] for e in pending.PendingQueue.beside(db_path).entries()] == ["Two"]
    again.remove(second.id)
    assert not pending.queue_path(db_path).exists()


WORKER = """
import sys, uuid
import subprocess
import sys
from pathlib import Path
from coprod.services.engagement import pending
queue = pending.PendingQueue(Path(sys.argv[1]))
for n in range(40):
    entry = pending.feedback_entry(session_id=uuid.uuid4(), text=f"{sys.argv[2]}-{n}", themes=[],
                                   verbatim=False, participant_code=None)
    queue.add(entry)
    if n % 2:
        queue.remove(entry.id)
"""


def test_two_processes_sharing_the_queue_lose_none_of_each_others_entries(tmp_path: Path) -> None:
    path = tmp_path / "team.db.pending.jsonl"
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), name]) for name in ("a", "b")]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    texts = sorted(e.data["text"] for e in pending.PendingQueue(path).entries())
    assert texts == sorted(f"{name}-{n}" for name in ("a", "b") for n in range(0, 40, 2))
