import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from coprod.persistence import migrate
from coprod.persistence.database import Database


@pytest.mark.real_migrations
def test_migrations_from_empty_equal_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_name": migrate.include_name, "compare_type": True}
        )
        assert compare_metadata(ctx, SQLModel.metadata) == []
        assert migrate.current_revision(conn) == migrate.head_revision()


@pytest.mark.sqlite_only  # SQLite's FTS5 index, pragmas and file
def test_pragmas_protect_committed_data(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() > 0


@pytest.mark.sqlite_only  # SQLite's FTS5 index, pragmas and file
def test_feedback_search_index_follows_the_table(db: Database) -> None:
    from datetime import date

    from coprod.services.engagement import capture as engagement

    with db.transaction() as s:
        sid = engagement.create_session(session=s, title="Drop-in", held_on=date(2025, 1, 1))
        engagement.add_feedback(session=s, session_id=sid, text="The minibus to the day centre is late")
    with db.engine.connect() as conn:
        hits = conn.execute(
            text("SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH 'minibus'")
        ).scalar()
        assert hits == 1


@pytest.mark.sqlite_only  # SQLite's FTS5 index, pragmas and file
def test_reopening_an_up_to_date_file_changes_nothing(db: Database, db_path) -> None:
    from coprod.persistence.database import open_database

    db.close()
    again = open_database(db_path)
    again.close()
    assert not (db_path.parent / f"{db_path.stem}-backups").exists()


def test_the_chain_read_without_alembic_is_alembics_own() -> None:
    """Opening a file learns the revisions from the scripts' text, so Alembic loads only to
    upgrade; what it learns must be exactly what Alembic sees."""
    from coprod.persistence import migrate

    scripts = migrate.script_directory()
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {rev.revision for rev in scripts.walk_revisions()}


def test_opening_an_up_to_date_file_does_not_load_alembic(tmp_path) -> None:
    import subprocess
    import sys

    from coprod.persistence.database import open_database

    open_database(tmp_path / "team.db").close()
    code = (
        "import sys\n"
        "from coprod.persistence.database import open_database\n"
        f"open_database({str(tmp_path / 'team.db')!r}, create=False).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako', 'reportlab')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
