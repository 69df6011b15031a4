"""The screenshot tour runs the real window on a copy of a database, leaving the user's own
settings (recent files, window size, last page) exactly as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


def _seed(home: Path) -> None:
    """The user's own settings, where the app (organisation and name "coprod") keeps them: on
    Linux QSettings' native format is this INI file under XDG_CONFIG_HOME."""
    store = QSettings(str(home / "config" / "coprod" / "coprod.conf"), QSettings.Format.IniFormat)
    store.setValue("files/recent", ["/council/team.db"])
    store.setValue("window/current_page", 3)
    store.sync()
    assert store.status() == QSettings.Status.NoError


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.sqlite_only  # the tour copies a database file
def test_the_screenshot_tour_leaves_the_users_settings_alone(demo_path: Path, tmp_path: Path) -> None:
    home = tmp_path / "user"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "COPROD_CONFIG_DIR": str(home / "config" / "coprod"),
    }
    _seed(home)
    before = _files(home)
    assert any("coprod" in name for name in before)  # the user's settings are really there

    shots = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "coprod.ui.screenshots", str(demo_path), str(shots), "--settle", "0.05"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert len(list(shots.glob("*.png"))) == 13  # every page, the risk heat map, the personal data tabs
    assert _files(home) == before
