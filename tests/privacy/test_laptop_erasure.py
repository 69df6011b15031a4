"""Erasure on a laptop copy: what waits there to be sent to the team server keeps nothing of the
person, neither what they said nor what they were called, old values included."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod.domain.merge import UNKNOWN
from coprod.persistence import migrate
from coprod.persistence.database import Database
from coprod.persistence.sync import SyncState, forget, pending, write_state
from tests.privacy.people import CODE, plant, run
from tests.privacy.test_erasure import _holds_any, _raw

pytestmark = pytest.mark.sqlite_only  # reads the file's bytes


def _a_laptop_copy(db: Database) -> None:
    with db.transaction() as s:
        write_state(
            s.connection(), SyncState("postgresql://sam@council-db/coprod", 0, None, migrate.head_revision())
        )


def _waiting(db: Database) -> dict[tuple[str, str], tuple[object, object]]:
    with db.reading() as s:
        return {
            (op.table, name): change
            for op in pending(s.connection())
            for name, change in op.changes.items()
            if op.table in ("participant", "feedback")
        }


def test_what_was_typed_at_a_venue_and_erased_before_any_sync_never_leaves_the_laptop(
    db: Database, db_path: Path
) -> None:
    _a_laptop_copy(db)
    plant(db)  # typed offline: every field waits in the outbox
    assert _holds_any(_raw(db_path))

    code, _out, err = run("erase", "--participant", CODE, "--db", str(db_path))

    assert code == 0, err
    assert _holds_any(_raw(db_path)) == []
    waiting = _waiting(db)
    assert waiting[("participant", "name")] == (UNKNOWN, None)  # sent as erased, or not at all
    assert waiting[("participant", "contact")] == (UNKNOWN, None)
    assert waiting[("feedback", "text")] == (UNKNOWN, "[erased]")


def test_an_erasure_after_a_sync_sends_the_blanks_without_the_old_values(db: Database, db_path: Path) -> None:
    _a_laptop_copy(db)
    plant(db)
    with db.transaction() as s:  # the server has it all
        forget(s.connection(), [op.op_id for op in pending(s.connection())])

    code, _out, err = run("erase", "--participant", CODE, "--db", str(db_path))

    assert code == 0, err
    assert _holds_any(_raw(db_path)) == []
    waiting = _waiting(db)
    assert waiting[("participant", "name")] == (UNKNOWN, None)
    assert waiting[("feedback", "text")] == (UNKNOWN, "[erased]")
