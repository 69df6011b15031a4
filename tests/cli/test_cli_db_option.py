"""`--db` means the same before or after the command, for every command.

If either position were ignored, the command would work on the default database in the
user data folder: writing commands would create it, reading ones would fail to find it.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from coprod import cli
from coprod.persistence.database import default_db_path, open_database
from coprod.services.data import backup
from coprod.services.data.interchange import export_interchange
from tests import command
from tests.engines import copy_database
from tests.trackers import GOOD, write_csv

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)

# command -> the arguments after it; {dir} is the test's folder.
COMMANDS = {
    "demo": ["--scale", "1"],
    "init": [],
    "check": [],
    "lag": [],
    "stalled": [],
    "report": ["lag", "--out", "{dir}/board.html"],
    "import": ["{dir}/tracker.csv"],
    "export": ["--out", "{dir}/out.csv"],
    "merge": ["{dir}/theirs.coprod.json"],
    "backup": [],
    "restore": ["{dir}/saved.db"],
}
CREATING = {"demo", "init"}


@pytest.fixture(scope="module")
def _made_once(demo_db_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interchange file and the backup every test starts from, made once (tests copy them)."""
    folder = tmp_path_factory.mktemp("db_option")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(folder / "home"))
        mp.setenv("XDG_DATA_HOME", str(folder / "home" / "data"))
        mp.setenv("XDG_STATE_HOME", str(folder / "home" / "state"))
        theirs = folder / "theirs.db"
        theirs = copy_database(demo_db_file, theirs)  # type: ignore[assignment]
        db = open_database(theirs)
        export_interchange(db, folder / "theirs.coprod.json")
        saved = backup.take(db, "manual")
        db.close()
    assert saved is not None
    shutil.copy(saved, folder / "saved.db")
    return folder


@pytest.fixture
def files(_made_once: Path, demo_db_file: Path, tmp_path: Path) -> Path:
    """An existing database, a tracker, an interchange file and a backup to restore."""
    for name in ("theirs.db", "theirs.coprod.json", "saved.db"):
        shutil.copy(_made_once / name, tmp_path / name)
    write_csv(tmp_path / "tracker.csv", GOOD)
    copy_database(demo_db_file, tmp_path / "mine.db")
    return tmp_path


def _argv(command: str, where: str, db: Path, folder: Path) -> list[str]:
    rest = [a.format(dir=folder) for a in COMMANDS[command]]
    if where == "before":
        return ["--db", str(db), command, *rest]
    return [command, "--db", str(db), *rest]


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_db_option_is_used_wherever_it_stands(command: str, where: str, files: Path) -> None:
    db = files / ("new.db" if command in CREATING else "mine.db")
    before = db.stat().st_mtime_ns if db.exists() else None
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(_argv(command, where, db, files), out=out, err=err)
    assert code == 0, err.getvalue()
    assert not default_db_path().exists(), "the command used the default database"
    assert str(db) in out.getvalue() or command not in {"demo", "init", "check", "restore"}
    if command in CREATING:
        assert db.exists()
    if command in {"import", "restore"}:
        assert db.stat().st_mtime_ns != before


def test_demo_and_restore_with_db_first_never_touch_the_default_database(files: Path) -> None:
    default = default_db_path()
    demo = command.run("--db", str(files / "new.db"), "demo")
    assert demo.returncode == 0, demo.stderr
    assert (files / "new.db").exists() and not default.exists()
    restored = command.run("--db", str(files / "mine.db"), "restore", str(files / "saved.db"))
    assert restored.returncode == 0, restored.stderr
    assert not default.exists()
    assert f"Restored {files / 'mine.db'}" in restored.stdout


@pytest.mark.parametrize("argv", [["--read-only", "lag"], ["lag", "--read-only"]])
def test_read_only_means_the_same_before_or_after_the_command(argv: list[str], files: Path) -> None:
    db = files / "mine.db"
    before = db.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    assert cli.main([*argv, "--db", str(db)], out=out, err=err) == 0, err.getvalue()
    assert not (files / "mine.db-lock").exists()  # opened as a reader, not a writer
    assert db.read_bytes() == before


def test_read_only_is_refused_for_a_command_that_writes(files: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(
        ["--read-only", "import", "--db", str(files / "mine.db"), str(files / "tracker.csv")],
        out=out,
        err=err,
    )
    assert code == 2
    assert len(err.getvalue().strip().splitlines()) == 1 and "cannot run read only" in err.getvalue()


@pytest.mark.parametrize(
    ("argv", "what"),
    [
        (["risks", "--red-from", "15"], "coprod risks --amber-from/--red-from/--escalate-at changes"),
        (["retention", "--apply"], "coprod retention --apply changes"),
        (["backup", "--keep", "3"], "coprod backup --keep changes"),
        (["settings", "set", "contact_phone", "01632 960000"], "coprod settings changes"),
        (["participants", "add", "--name", "Ann Example"], "coprod participants changes"),
    ],
)
def test_a_reading_command_asked_to_change_something_refuses_read_only(
    argv: list[str], what: str, files: Path
) -> None:
    db = files / "mine.db"
    before = db.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--read-only", *argv, "--db", str(db)], out=out, err=err) == 2
    assert len(err.getvalue().strip().splitlines()) == 1
    assert what in err.getvalue() and "cannot run read only" in err.getvalue()
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [["risks"], ["settings", "list"], ["participants", "find", "Smith"], ["retention", "--dry-run"]],
)
def test_commands_that_only_read_take_read_only_too(argv: list[str], files: Path) -> None:
    db = files / "mine.db"
    before = db.read_bytes()
    for where in (["--read-only", *argv], [*argv, "--read-only"]):
        out, err = io.StringIO(), io.StringIO()
        code = cli.main([*where, "--db", str(db)], out=out, err=err)
        assert code in (0, 1), err.getvalue()  # 1: `participants find` found no one
        assert err.getvalue() == ""
        assert not (files / "mine.db-lock").exists()  # opened as a reader, not a writer
    assert db.read_bytes() == before
