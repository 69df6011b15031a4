"""A coprod process that has a database open is visible to others; restore waits for it.

Each holder is a real process: a lock must be released when its process dies, even by kill -9.
The restore that meets it runs in this process (tests/command.py), which is another process.
"""

from __future__ import annotations

import getpass
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod.persistence.database import open_database
from coprod.services.data import backup
from tests.command import run as coprod
from tests.engines import copy_database
from tests.holders import ROOT, env, held_open

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


@pytest.fixture
def files(demo_db_file: Path, tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "gr.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    db = open_database(path, create=False)
    saved = backup.take(db, "manual")
    db.close()
    assert saved is not None
    return path, saved


@pytest.fixture
def holder(files: tuple[Path, Path]) -> Iterator[subprocess.Popen[str]]:
    """Another process with gr.db open, as the desktop app would have it."""
    with held_open(files[0]) as proc:
        yield proc


def _process(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coprod", *argv], capture_output=True, text=True, env=env(), timeout=120
    )


def test_restore_is_refused_while_another_coprod_has_the_file_open(
    files: tuple[Path, Path], holder: subprocess.Popen[str]
) -> None:
    path, saved = files
    before = path.read_bytes()
    result = coprod("restore", "--db", str(path), str(saved))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "the coprod desktop app" in lines[0] and getpass.getuser() in lines[0]
    assert path.read_bytes() == before
    assert not any("pre-restore" in p.name for p in saved.parent.iterdir())


def test_the_lock_goes_when_its_process_is_killed(
    files: tuple[Path, Path], holder: subprocess.Popen[str]
) -> None:
    path, saved = files
    assert coprod("restore", "--db", str(path), str(saved)).returncode == 2
    holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs either way
    holder.wait(30)
    result = coprod("restore", "--db", str(path), str(saved))
    assert result.returncode == 0, result.stderr
    assert f"Restored {path}" in result.stdout


def test_a_reading_command_does_not_block_restore_once_it_has_finished(files: tuple[Path, Path]) -> None:
    path, saved = files
    # Real processes: what they leave behind must not count once they have ended. (In this
    # process their signs would be this process's own, which restore rightly ignores.)
    assert _process("import", "--db", str(path), str(ROOT / "missing.csv")).returncode == 2
    assert _process("lag", "--db", str(path)).returncode == 0
    result = coprod("restore", "--db", str(path), str(saved))
    assert result.returncode == 0, result.stderr


def test_restore_in_this_process_is_refused_too_and_the_file_is_kept(
    files: tuple[Path, Path], holder: subprocess.Popen[str]
) -> None:
    from coprod.domain.errors import DatabaseProblem

    path, saved = files
    mine = open_database(path, create=False)
    with pytest.raises(DatabaseProblem, match="the coprod desktop app") as caught:
        backup.restore(path, saved, closing=mine)
    assert caught.value.code == "db.in_use_by"
    with mine.transaction():  # this process's copy was not closed by the refused restore
        pass
    mine.close()


def test_closing_never_fails_over_a_sign_another_program_has_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a file another process has open cannot be deleted: closing goes on, and the
    sign left behind, held by nobody, does not count as someone having the file open."""
    from coprod.persistence import presence

    path = tmp_path / "gr.db"
    open_database(path).close()
    mine = presence.Presence(path)
    real_unlink = Path.unlink

    def refuse(self: Path, missing_ok: bool = False) -> None:
        if self.parent == presence.lock_dir_for(path) and self.name != "gate.lock":
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    mine.release()
    monkeypatch.undo()
    assert presence.others(path) == []
    with presence.sole_use(path):
        pass
