"""The reports scenario for every test in this folder, built once per run and copied into each
test's own database (filling it takes longer than most report tests do)."""

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod.persistence.database import Database, open_database
from tests import engines, postgres
from tests.reports_scenario import Scenario, make_scenario


@pytest.fixture(scope="session")
def _scenario_file(
    tmp_path_factory: pytest.TempPathFactory, _server_databases: engines.ServerDatabases | None
) -> Iterator[tuple[Path | str, Scenario]]:
    if _server_databases is not None:
        server, template = _server_databases.server, _server_databases.template
        url = postgres.create_database(server, template=template)
        db = open_database(url)
        try:
            built = make_scenario(db)
        finally:
            db.close()
        yield url, built
        postgres.drop_database(server, url)
        return
    path = tmp_path_factory.mktemp("reports-scenario") / "scenario.db"
    db = open_database(path)
    try:
        built = make_scenario(db)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    yield path, built


@pytest.fixture
def scenario(db: Database, _scenario_file: tuple[Path | str, Scenario]) -> Scenario:
    """The test's `db`, holding the scenario: a page-by-page copy of the one built for the run
    (on the server run, the test's database made again as a copy of it)."""
    path, built = _scenario_file
    if isinstance(path, str):
        assert engines.servers is not None
        db.engine.dispose()
        engines.servers.refill(db.url, path)
        return dataclasses.replace(built, db=db)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with db.engine.connect() as conn:
            target = conn.connection.driver_connection
            assert isinstance(target, sqlite3.Connection)
            source.backup(target)
    finally:
        source.close()
    return dataclasses.replace(built, db=db)
