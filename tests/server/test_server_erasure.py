"""Erasure on a team server: no table or index file of the database holds the person any more.

PostgreSQL keeps a changed row's old version in the table (and its index entries) until the
table is vacuumed; `coprod erase` rewrites the tables it changed. The test reads every
relation file of the database through the server (a superuser may), so it sees what a copy
of the server's data folder would hold. The server's write-ahead log and its backups are the
database team's to expire, as the README says.
"""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from coprod.persistence.database import open_database
from tests.privacy.people import CODE, CONTACT, NAME, SENTENCE, plant, run
from tests.server.logins import PASSWORD, drop_logins, login_url, unique_login


@pytest.fixture
def pg_url(pg_migrated_url: str) -> str:
    """Here the test's database starts at the newest schema (tests/postgres.py): these tests
    are about what is done with a database, not about making one."""
    return pg_migrated_url


SECRETS = (NAME, CONTACT, SENTENCE, "Brackenfold")


def _relation_files(url: str) -> bytes:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("CHECKPOINT")  # every change written from memory to the files
            paths = conn.exec_driver_sql(
                "SELECT pg_relation_filepath(c.oid) FROM pg_class c "
                "WHERE c.relkind IN ('r', 'i', 't') AND pg_relation_filepath(c.oid) IS NOT NULL"
            ).scalars()
            found = []
            for path in paths:
                data = conn.execute(
                    sa.text("SELECT pg_read_binary_file(:path, 0, 64 * 1024 * 1024, true)"), {"path": path}
                ).scalar()
                found.append(bytes(data or b""))
            return b"".join(found)
    finally:
        engine.dispose()


def _holds(data: bytes) -> list[str]:
    return [s for s in SECRETS if s.encode() in data]


def test_erase_on_a_server_leaves_no_copy_in_its_tables_or_indexes(pg_url: str) -> None:
    db = open_database(pg_url)
    plant(db)
    db.close()
    assert _holds(_relation_files(pg_url)) == list(SECRETS)  # the test can see them before

    code, out, err = run("erase", "--participant", CODE, "--db", pg_url)

    assert code == 0, err
    assert f"Erased {CODE}" in out
    assert _holds(_relation_files(pg_url)) == []


def test_an_ig_leads_erasure_leaves_the_rewrite_to_the_owner_and_says_so(
    pg_server: str, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(pg_url)
    plant(db)
    db.close()
    lead = unique_login("ig")
    try:
        assert run("server", "init", "--db", pg_url)[0] == 0
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        added = run("server", "add-user", lead, "--role", "ig_lead", "--db", pg_url, "--password-stdin")
        assert added[0] == 0, added[2]

        code, out, err = run("erase", "--participant", CODE, "--db", login_url(pg_url, lead))

        assert code == 0, err
        assert "until the database's owner runs 'coprod server scrub'" in out
        assert "The team server's own backups keep their data" in out
        assert run("server", "scrub", "--db", login_url(pg_url, lead)) == (1, SCRUB_REFUSED, "")
        assert run("server", "scrub", "--db", pg_url)[0] == 0  # the owner
        assert _holds(_relation_files(pg_url)) == []
    finally:
        drop_logins(pg_server, pg_url, [lead])


SCRUB_REFUSED = (
    "Only the database's owner can rewrite its tables; ask the database team to run 'coprod server scrub'.\n"
)
