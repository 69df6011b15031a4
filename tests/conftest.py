"""Shared fixtures. Qt runs offscreen; nothing here touches the network or the user's files."""

from __future__ import annotations

import atexit
import gc
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests import temproot

# Before pytest or tests/caches.py look for it: temporary folders in memory where there is room.
temproot.in_memory_where_roomy()

from tests import caches  # noqa: E402

# Before anything of coprod's is imported, or of Hypothesis' (a plugin: pytest rewrites its
# asserts, 0.8 s a process when not kept): compiled modules and rewritten modules are kept
# between runs (tests/caches.py).
caches.keep_compiled(first_process=not os.environ.get("PYTEST_XDIST_WORKER"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests compare English text whatever the machine's locale, and a message id missing from the
# catalogue fails the test instead of showing the id.
os.environ["COPROD_LANG"] = "en"
os.environ["COPROD_STRICT_MESSAGES"] = "1"
# Never the computer's own credential store (server passwords, database keys): tests that need
# one set an in-memory store of their own (tests/privacy/keys.py); commands run as processes inherit this.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

import coprod.i18n  # noqa: E402, F401  (errors read as sentences, as they do in the app and the CLI)
from coprod.persistence import migrate  # noqa: E402
from coprod.persistence.database import Database, open_database  # noqa: E402
from coprod.services.common.collector import collect_if_due  # noqa: E402
from tests import engines, postgres  # noqa: E402
from tests.checkout import new_files, snapshot  # noqa: E402
from tests.installed import InstalledCopy  # noqa: E402
from tests.installed import installed_copy as build_installed_copy  # noqa: E402
from tests.postgres import pg_migrated_url, pg_server, pg_url  # noqa: E402, F401  (fixtures for the server tests)
from tests.reports_scenario import scenario_file  # noqa: E402, F401  (a fixture: the report tests' scenario)
from tests.review_data import review_file  # noqa: E402, F401  (a fixture: the review tests' records)
from tests.schema_template import TemplateUpgrade, make_template  # noqa: E402
from tests.statements import share_compiled_statements  # noqa: E402

share_compiled_statements()

AS_OF = date(2026, 11, 26)

# A test process lives a minute or two and allocates heavily: with Python's default thresholds
# it spent about a tenth of its time in the collector, walking again and again the modules and
# fixtures every test shares. It collects young objects less often, and what collection
# imported is left out of full collections (see `pytest_collection_finish`).
gc.set_threshold(20_000, 20, 20)
CHECKOUT = Path(__file__).resolve().parents[1]


def _end_worker_at_once() -> None:
    """Once a test process of `-n` has sent its results and every other exit handler has run,
    it ends, as coprod's own commands do (coprod/app.py): tearing down the windows, models and
    modules of a thousand tests one object at a time kept the run waiting 2-4 s at the end."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if os.environ.get("PYTEST_XDIST_WORKER"):
    # Registered before any other exit handler, so it runs after all of them.
    atexit.register(_end_worker_at_once)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its examples in `.hypothesis` in the working folder unless told
    otherwise, and writes there while collecting: send it to pytest's temporary folder. The
    constants it reads from each module's source are kept between runs (tests/caches.py)."""
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is not None:
        home = factory.mktemp("hypothesis")
        caches.keep_hypothesis_constants(home)
        set_hypothesis_home_dir(home)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collecting built (modules, test functions, their parameters) lives to the end of
    the run: full collections need not look at it again."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """With `-n`, a worker that runs out takes tests from the other's queue, so the slow
    tests that start processes of their own never leave a core idle at the end. (Set here,
    not in `addopts`, so that `-p no:xdist` still runs; another `--dist` given is kept.)"""
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import WorkStealingScheduling

    return WorkStealingScheduling(config, log)  # type: ignore[arg-type]


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_CHECKOUT_BEFORE] = snapshot(CHECKOUT)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A test that leaves a file in the checkout fails the run, naming the file."""
    before = session.config.stash.get(_CHECKOUT_BEFORE, None)
    if before is None:
        return
    added = new_files(CHECKOUT, before)
    if added:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["tests left files in the checkout (they belong under tmp_path):", *added[:20]]
        if reporter is not None:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_CHECKOUT_BEFORE = pytest.StashKey[frozenset[str]]()


@pytest.fixture(scope="session")
def _session_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Caches shared by the whole run (fonts, matplotlib), kept under pytest's own folder."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(cache))
        mp.setenv("MPLCONFIGDIR", str(cache / "matplotlib"))
        # Programs the tests start (`python -m coprod`, a window in a process of its own) keep
        # their compiled modules where the test processes keep theirs (tests/caches.py),
        # instead of compiling every module again at each start where the environment says not
        # to write bytecode beside them.
        mp.setenv("PYTHONPYCACHEPREFIX", str(caches.PYCACHE))
        mp.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
        yield cache


@pytest.fixture(scope="session")
def installed_copy(tmp_path_factory: pytest.TempPathFactory) -> InstalledCopy:
    """coprod built and unpacked as an installer would, once a run (tests/installed.py)."""
    return build_installed_copy(_run_folder(tmp_path_factory))


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's own temporary folder: with `-n 2` each worker's is inside the run's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    _session_dirs: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home, device id, settings, logs and temporary files go to a temporary folder, never the
    developer's own, the checkout or /tmp itself."""
    home = tmp_path_factory.mktemp("home")
    scratch = home / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("COPROD_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))


@pytest.fixture(scope="session")
def _schema_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemplateUpgrade]:
    """New databases start as a copy of one migrated in this run (see tests/schema_template.py)."""
    upgrade = TemplateUpgrade(make_template(tmp_path_factory.getbasetemp()), migrate.upgrade_to_head)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(migrate, "upgrade_to_head", upgrade)
        yield upgrade


@pytest.fixture(autouse=True)
def _new_databases_from_template(
    _schema_template: TemplateUpgrade, request: pytest.FixtureRequest
) -> Iterator[None]:
    """Tests marked `real_migrations` build every database through the whole Alembic chain."""
    _schema_template.enabled = request.node.get_closest_marker("real_migrations") is None
    yield
    _schema_template.enabled = True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the server run, tests about the SQLite file itself are left out (tests/engines.py)."""
    if not engines.on_server():
        return
    kept = [item for item in items if item.get_closest_marker("sqlite_only") is None]
    left = [item for item in items if item.get_closest_marker("sqlite_only") is not None]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(scope="session")
def _server_databases() -> Iterator[engines.ServerDatabases | None]:
    """On the server run: a database migrated once, the template of every test's own."""
    if not engines.on_server():
        yield None
        return
    servers = engines.ServerDatabases(postgres.require_server())
    template = servers.new()
    open_database(template).close()  # the real migrations, on the server
    servers.template = engines.make_url(template).database
    engines.servers = servers
    session_made = list(servers.made)
    servers.made.clear()
    try:
        yield servers
    finally:
        servers.drop_all()
        servers.made.extend(session_made)
        servers.drop_all()
        engines.servers = None


@pytest.fixture(scope="session", autouse=True)
def _drop_migrated_server_database() -> Iterator[None]:
    """The server database `postgres.migrated_database` copies, made once a run, goes when the run ends."""
    yield
    postgres.drop_migrated()


@pytest.fixture(autouse=True)
def _drop_test_databases(_server_databases: engines.ServerDatabases | None) -> Iterator[None]:
    """Each test's server databases go when it ends; the session's own stay until the end."""
    if _server_databases is None:
        yield
        return
    before = list(_server_databases.made)
    yield
    made = [url for url in _server_databases.made if url not in before]
    _server_databases.made[:] = before
    for url in made:
        postgres.drop_database(_server_databases.server, url)


@pytest.fixture
def db_path(tmp_path: Path, _server_databases: engines.ServerDatabases | None) -> Path:
    """Where the test's database lives: a file in its folder, or on the server run a URL."""
    if _server_databases is not None:
        return _server_databases.new()  # type: ignore[return-value]  # a URL: open_database takes both
    return tmp_path / "coprod.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def team_database(tmp_path: Path, _server_databases: engines.ServerDatabases | None) -> Path:
    """`team.db` in the test's folder, made as `coprod init` would: import never makes one."""
    if _server_databases is not None:
        return _server_databases.new()  # type: ignore[return-value]
    path = tmp_path / "team.db"
    open_database(path).close()
    return path


@pytest.fixture
def memory_db(_server_databases: engines.ServerDatabases | None) -> Iterator[Database]:
    database = open_database(_server_databases.new() if _server_databases is not None else "sqlite://")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_db_file(
    tmp_path_factory: pytest.TempPathFactory, _server_databases: engines.ServerDatabases | None
) -> Iterator[Path]:
    """A scale-1 demo database built once per test run; copy it (tests/engines.copy_database)
    before changing it."""
    from coprod.services.demo.scenario import generate

    if _server_databases is not None:
        target: Path | str = postgres.create_database(
            _server_databases.server, template=_server_databases.template
        )
    else:
        target = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(target)
    with database.transaction() as session:
        generate(session=session, scale=1, seed=7, as_of=AS_OF)
    database.close()
    yield target  # type: ignore[misc]
    if _server_databases is not None:
        postgres.drop_database(_server_databases.server, str(target))


@pytest.fixture(autouse=True)
def _unraisable_hook_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """`coprod.cli.main` installs its own hook for errors while freeing objects; commands run in
    this process (tests/command.py) leave the test process its own."""
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)


@pytest.fixture(autouse=True)
def _collected_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As in the window (coprod/ui/collector.py): once a test has a QApplication, this process
    collects garbage on this thread only, between tests as well as during them."""
    if "qapp" in request.fixturenames:
        from coprod.ui.collector import collect_on_gui_thread

        collect_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    if not gc.isenabled():
        collect_if_due()
