"""An installed copy carries the compiled catalogues and speaks Welsh when asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.installed import InstalledCopy


def test_an_installed_copy_finds_its_catalogues(tmp_path: Path, installed_copy: InstalledCopy) -> None:
    target = installed_copy.site
    names = installed_copy.names
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
