"""An installed copy carries the compiled catalogues and speaks Welsh when asked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path


def test_an_installed_copy_finds_its_catalogues(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    source = tmp_path / "source"
    source.mkdir()
    shutil.copytree(root / "coprod", source / "coprod", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("coprod-*.whl")
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(target)
    assert "coprod/locale/cy/LC_MESSAGES/coprod.mo" in names
    assert "coprod/locale/en/LC_MESSAGES/coprod.mo" in names
    probe = "import coprod.i18n as i; print(i.__file__, i.tr('menu.file'), i.ntr('count.day', 2), sep='\\n')"
    env = {k: v for k, v in os.environ.items() if k != "COPROD_STRICT_MESSAGES"}
    shown = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env | {"PYTHONPATH": str(target), "COPROD_LANG": "cy"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert shown == [str(target / "coprod" / "i18n" / "__init__.py"), "&Ffeil", "2 diwrnod"]
