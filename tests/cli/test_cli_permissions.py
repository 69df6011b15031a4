"""Files coprod makes hold residents' words: only their owner may read them (POSIX)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from coprod.persistence.backup import list_backups
from tests.holders import env


def _coprod(*argv: str) -> subprocess.CompletedProcess[str]:
    # A typical desktop umask, under which files would be readable by everyone.
    return subprocess.run([sys.executable, "-m", "coprod", *argv], capture_output=True, text=True,
                          env=env(), timeout=120, preexec_fn=lambda: os.umask(0o022))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_and_exports_are_the_owners_only(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    db = folder / "gr.db"
    result = _coprod("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    for command in (["backup"], ["export", "--out", str(tmp_path / "out.xlsx")],
                    ["export", "--out", str(tmp_path / "out.csv")],
                    ["export", "--out", str(tmp_path / "all.coprod.json")]):
        result = _coprod(command[0], "--db", str(db), *command[1:])
        assert result.returncode == 0, result.stderr
    assert _mode(folder) == 0o700
    assert _mode(db) == 0o600
    (copy,) = list_backups(db)
    assert _mode(copy) == 0o600 and _mode(copy.parent) == 0o700
    for name in ("out.xlsx", "out.csv", "all.coprod.json"):
        assert _mode(tmp_path / name) == 0o600, name
    lock_folder = db.with_name("gr.db-lock")
    assert _mode(lock_folder) == 0o700


def test_restore_keeps_the_files_own_mode(tmp_path: Path) -> None:
    db = tmp_path / "gr.db"
    assert _coprod("init", "--db", str(db)).returncode == 0
    assert _coprod("backup", "--db", str(db)).returncode == 0
    (copy,) = list_backups(db)
    os.chmod(db, 0o640)  # the team shares it with a group on purpose
    result = _coprod("restore", "--db", str(db), str(copy))
    assert result.returncode == 0, result.stderr
    assert _mode(db) == 0o640
