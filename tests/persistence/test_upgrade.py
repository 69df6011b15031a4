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
