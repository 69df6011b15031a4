"""Reading commands work on a file or folder the user cannot write, and leave nothing behind.

The commands run as real processes without the right to override file permissions (as root
they would write anywhere), the way an officer opens the team's archived copy. Giving those
rights up cannot be undone, so it cannot happen in the test process; one process runs a test's
whole list of commands, each through `coprod.cli.main` as `python -m coprod` would.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.command import Ran
from tests.engines import copy_database
from tests.holders import env
from tests.platforms import is_root, read_only_folders

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)

READING = {
    "lag": [],
    "stalled": ["--format", "csv"],
    "check": [],
    "report": ["lag", "--out", "{out}/board.html"],
    "export": ["--out", "{out}/tracker.csv"],
    "export-all": ["--out", "{out}/all.coprod.json"],
    "risks": [],
    "settings": ["list"],
    "participants": ["find"],
    "retention": ["--dry-run"],
}
# Without these, even root is held to the files' permission bits.
DROP = "-dac_override,-dac_read_search,-fowner"


def _as_user(argv: list[str]) -> list[str]:
    if not is_root():
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root, these tests need setpriv (util-linux) to give up root's rights")
    return [setpriv, "--bounding-set", DROP, "--inh-caps", DROP, *argv]


def coprod(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _as_user([sys.executable, "-m", "coprod", *argv]),
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
    )


# The program's start-up (coprod.app.main), then each command in turn; the results as JSON.
COMMANDS = """
import io, json, sys
from coprod.cli import main
from coprod.persistence.permissions import private_process

private_process()
ran = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    ran.append([main(argv, out=out, err=err), out.getvalue(), err.getvalue()])
print(json.dumps(ran))
"""


def coprod_each(*commands: list[str]) -> list[Ran]:
    """Each of `commands` as `coprod ARGV`, one after the other in one process without root's rights."""
    done = subprocess.run(
        _as_user([sys.executable, "-c", COMMANDS, json.dumps(commands)]),
        capture_output=True,
        text=True,
        env=env(),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return [Ran(code, out, err) for code, out, err in json.loads(done.stdout)]


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def archive(demo_db_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "gr.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    (tmp_path / "out").mkdir()
    return path


def _run_all(path: Path, out: Path, *extra: str, then: list[str] | None = None) -> list[Ran]:
    """Every reading command on `path` succeeds; `then` runs after them in the same process."""
    commands = [
        [name.split("-")[0], "--db", str(path), *[a.format(out=out) for a in rest], *extra]
        for name, rest in READING.items()
    ]
    results = coprod_each(*commands, *([then] if then else []))
    for name, result in zip(READING, results[: len(READING)], strict=True):
        assert result.returncode == 0, f"{name}: {result.stderr}"
        assert "Traceback" not in result.stderr
    return results[len(READING) :]


def test_a_read_only_file(archive: Path, tmp_path: Path) -> None:
    before, listing = archive.read_bytes(), _listing(archive.parent)
    archive.chmod(0o444)
    try:
        _run_all(archive, tmp_path / "out")
    finally:
        archive.chmod(0o600)
    assert archive.read_bytes() == before
    assert _listing(archive.parent) == listing  # no -wal, -shm or lock folder left beside it
    assert (tmp_path / "out" / "tracker.csv").exists() and (tmp_path / "out" / "board.html").exists()


@read_only_folders
def test_a_read_only_folder(archive: Path, tmp_path: Path) -> None:
    before, listing = archive.read_bytes(), _listing(archive.parent)
    archive.parent.chmod(0o555)
    try:
        _run_all(archive, tmp_path / "out")
    finally:
        archive.parent.chmod(0o700)
    assert archive.read_bytes() == before
    assert _listing(archive.parent) == listing


def test_read_only_when_asked(archive: Path, tmp_path: Path) -> None:
    before = archive.read_bytes()
    then = ["--db", str(archive), "lag", "--read-only"]
    (result,) = _run_all(archive, tmp_path / "out", "--read-only", then=then)
    assert archive.read_bytes() == before
    assert not archive.with_name("gr.db-lock").exists()  # not even the sign of a writer
    assert result.returncode == 0, result.stderr


def test_what_an_earlier_read_only_open_left_does_not_stop_writing(archive: Path, tmp_path: Path) -> None:
    from tests.trackers import GOOD, write_csv

    archive.chmod(0o444)
    # An older reader opened it read only; SQLite left -shm and -wal with the file's mode then.
    leave = (
        "import sqlite3, sys; c = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True); "
        "c.execute('SELECT count(*) FROM recommendation').fetchone(); c.close()"
    )
    subprocess.run(_as_user([sys.executable, "-c", leave, str(archive)]), check=True, timeout=60)
    assert Path(f"{archive}-shm").exists()
    archive.chmod(0o600)  # the officer is given the file to work on
    result = coprod("import", "--db", str(archive), str(write_csv(tmp_path / "t.csv", GOOD)))
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(archive)
    assert conn.execute("SELECT count(*) FROM recommendation WHERE reference = 'R-1'").fetchone() == (1,)
    conn.close()


@read_only_folders
def test_restore_into_a_folder_that_cannot_be_written_is_one_sentence(archive: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    shutil.copy(archive, saved)
    before = archive.read_bytes()
    archive.parent.chmod(0o555)
    try:
        result = coprod("restore", "--db", str(archive), str(saved))
    finally:
        archive.parent.chmod(0o700)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "its folder cannot be written" in result.stderr and str(archive) in result.stderr
    assert archive.read_bytes() == before


def test_a_command_that_changes_a_read_only_file_says_so_in_one_sentence(
    archive: Path, tmp_path: Path
) -> None:
    before, listing = archive.read_bytes(), _listing(archive.parent)
    archive.chmod(0o444)
    try:
        result = coprod("privacy-report", "--db", str(archive), "--out", str(tmp_path / "out" / "p.html"))
    finally:
        archive.chmod(0o600)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"coprod: The database {archive} is read-only and coprod privacy-report changes it; "
        "copy it somewhere you can write, or ask for the right to change it."
    )
    assert archive.read_bytes() == before
    assert _listing(archive.parent) == listing
    assert not (tmp_path / "out" / "p.html").exists()


def test_a_read_only_file_can_still_be_backed_up(archive: Path) -> None:
    before, listing = archive.read_bytes(), _listing(archive.parent)
    archive.chmod(0o444)
    try:
        result = coprod("backup", "--db", str(archive))
    finally:
        archive.chmod(0o600)
    assert result.returncode == 0, result.stderr
    assert archive.read_bytes() == before
    # the backups and the lock that keeps two backups apart; no -wal or -shm beside the file
    assert _listing(archive.parent) == sorted([*listing, "gr-backups", "gr.db-lock"])
    (copy,) = (archive.parent / "gr-backups").iterdir()
    query = "SELECT count(*), group_concat(reference) FROM recommendation"
    with closing(sqlite3.connect(archive)) as original, closing(sqlite3.connect(copy)) as copied:
        assert copied.execute(query).fetchone() == original.execute(query).fetchone()
