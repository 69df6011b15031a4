"""What an officer types while the team server cannot be reached waits on the laptop's disk."""

from __future__ import annotations

import pytest
from sqlmodel import select

from coprod.domain.models import Feedback
from coprod.persistence.database import open_database
from coprod.services.engagement import pending
from coprod.services.engagement.capture import create_session
from tests.conftest import AS_OF


@pytest.fixture
def pg_url(pg_migrated_url: str) -> str:
    """Here the test's database starts at the newest schema (tests/postgres.py): these tests
    are about what is done with a database, not about making one."""
    return pg_migrated_url


def test_words_queued_for_an_unreachable_server_survive_a_restart_and_are_written_once(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        with db.transaction() as s:
            sid = create_session(session=s, title="Drop-in at the library", held_on=AS_OF)
        queue = pending.PendingQueue.for_database(db.path, db.label)
        assert queue.path is not None and "pending" in queue.path.parts  # on disk, in the user's folder
        assert "@" not in queue.path.name and pg_url not in str(queue.path)  # no login or address in the name
        entry = pending.feedback_entry(
            session_id=sid, text="The bus stop moved", themes=[], verbatim=True, participant_code=None
        )
        queue.add(entry)  # the network went as the officer pressed Save

        again = pending.PendingQueue.for_database(db.path, db.label)  # the app started again
        assert [e.data["text"] for e in again.entries()] == ["The bus stop moved"]
        assert pending.replay(db) == 1
        assert pending.replay(db) == 0
        with db.reading() as s:
            assert [f.text for f in s.exec(select(Feedback)).all()] == ["The bus stop moved"]
        assert pending.PendingQueue.for_database(db.path, db.label).entries() == []
    finally:
        db.close()
