"""Opening a file made by an older coprod: upgraded in place, after a backup."""

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from coprod.persistence import migrate
from coprod.persistence.backup import backup_dir_for
from coprod.persistence.database import open_database

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def test_older_file_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO owner (id, created_at, updated_at, name, active) "
            "VALUES ('0123456789abcdef0123456789abcdef', '2025-01-01', '2025-01-01', 'Carers Hub', 1)"
        )
    engine.dispose()

    db = open_database(path)
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    db.close()

    (backup,) = backup_dir_for(path).iterdir()
    assert "pre-migration" in backup.name
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT name FROM owner").fetchall() == [("Carers Hub",)]


def test_a_file_from_before_the_smaller_search_index_finds_the_same_feedback(tmp_path: Path) -> None:
    """0013 rebuilds the search index without word positions and narrows the participant index."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    session = "0123456789abcdef0123456789abcdef"
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0012")
        conn.exec_driver_sql(
            "INSERT INTO engagement_session (id, created_at, updated_at, title, held_on, format, "
            "participant_count, ladder_level, groups_targeted, groups_reached, adjustments, "
            "payments_pence, expenses_pence) VALUES (?, '2025-01-01', '2025-01-01', 'Forum', "
            "'2025-01-01', 'WORKSHOP', 0, 'CO_PRODUCTION', '[]', '[]', '[]', 0, 0)",
            (session,),
        )
        for n, said in enumerate(("The buses never come", "The lift is broken", "Kind staff")):
            conn.exec_driver_sql(
                "INSERT INTO feedback (id, created_at, updated_at, session_id, text, is_verbatim, "
                "recorded_at) VALUES (?, '2025-01-01', '2025-01-01', ?, ?, 1, '2025-01-01')",
                (f"{n:032x}", session, said),
            )
    engine.dispose()

    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            found = conn.exec_driver_sql(
                "SELECT f.text FROM feedback_fts JOIN feedback f ON f.rowid = feedback_fts.rowid "
                'WHERE feedback_fts MATCH \'"come" "bus"*\''
            ).all()
            assert found == [("The buses never come",)]
            schema = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master").all())
        assert "detail = none" in schema["feedback_fts"]
        assert "WHERE participant_id IS NOT NULL" in schema["ix_feedback_participant_id"]
    finally:
        db.close()
