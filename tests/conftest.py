"""Shared fixtures. Qt runs offscreen; nothing here touches the network or the user's files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests compare English text whatever the machine's locale, and a message id missing from the
# catalogue fails the test instead of showing the id.
os.environ["COPROD_LANG"] = "en"
os.environ["COPROD_STRICT_MESSAGES"] = "1"

import coprod.i18n  # noqa: E402, F401  (errors read as sentences, as they do in the app and the CLI)
from coprod.persistence.database import Database, open_database  # noqa: E402

AS_OF = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Device id, settings and logs go to a temporary folder, never the developer's own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COPROD_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "coprod.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def team_database(tmp_path: Path) -> Path:
    """`team.db` in the test's folder, made as `coprod init` would: import never makes one."""
    path = tmp_path / "team.db"
    open_database(path).close()
    return path


@pytest.fixture
def memory_db() -> Iterator[Database]:
    database = open_database("sqlite://")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scale-1 demo database built once per test run; copy it before changing it."""
    from coprod.services.demo.scenario import generate

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    with database.transaction() as session:
        generate(session=session, scale=1, seed=7, as_of=AS_OF)
    database.close()
    return path
