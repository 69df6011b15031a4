"""`--db` means the same before or after the command, for every command.

If either position were ignored, the command would work on the default database in the
user data folder: writing commands would create it, reading ones would fail to find it.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coprod import cli
from coprod.persistence.database import default_db_path, open_database
from coprod.services.data import backup
from coprod.services.data.interchange import export_interchange
from tests.trackers import GOOD, write_csv

ROOT = Path(__file__).resolve().parents[2]

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


@pytest.fixture
def files(demo_db_file: Path, tmp_path: Path) -> Path:
    """An existing database, a tracker, an interchange file and a backup to restore."""
    theirs = tmp_path / "theirs.db"
    shutil.copy(demo_db_file, theirs)
    db = open_database(theirs)
    export_interchange(db, tmp_path / "theirs.coprod.json")
    saved = backup.take(db, "manual")
    db.close()
    assert saved is not None
    shutil.copy(saved, tmp_path / "saved.db")
    write_csv(tmp_path / "tracker.csv", GOOD)
    shutil.copy(demo_db_file, tmp_path / "mine.db")
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


def _subprocess(argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
    return subprocess.run([sys.executable, "-m", "coprod", *argv], capture_output=True, text=True,
                          env=env, timeout=120)


def test_demo_and_restore_with_db_first_never_touch_the_default_database(files: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    default = home / "data" / "coprod" / "coprod.db"
    demo = _subprocess(["--db", str(files / "new.db"), "demo"], home)
    assert demo.returncode == 0, demo.stderr
    assert (files / "new.db").exists() and not default.exists()
    restored = _subprocess(["--db", str(files / "mine.db"), "restore", str(files / "saved.db")], home)
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
    code = cli.main(["--read-only", "import", "--db", str(files / "mine.db"), str(files / "tracker.csv")],
                    out=out, err=err)
    assert code == 2
    assert len(err.getvalue().strip().splitlines()) == 1 and "cannot run read only" in err.getvalue()
