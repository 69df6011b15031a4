"""A copy of coprod as an installer would lay it out: a wheel built from a copy of the sources
(nothing is written into the checkout), unpacked into a folder of its own.

Building it costs seconds (the build backend named in pyproject.toml, called as pip would
call it, without pip's own start-up), so the run builds it once: the first test to ask builds
it in the run's temporary folder, the others (in this process or another worker of `-n 2`)
wait for it and read it. Tests only read it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class InstalledCopy:
    wheel: Path
    names: list[str]  # every file in the wheel
    site: Path  # where it was unpacked: put it on PYTHONPATH


def installed_copy(folder: Path) -> InstalledCopy:
    """The copy under `folder` (shared by the run's workers), built by whoever comes first."""
    lock = folder / "installed-copy.lock"
    home = folder / "installed-copy"
    deadline = time.monotonic() + 600
    while True:
        try:
            lock.mkdir()
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{lock} was never released") from None
            time.sleep(0.05)
    try:
        if not (home / "done").is_file():
            shutil.rmtree(home, ignore_errors=True)
            _build(home)
            (home / "done").write_text("built\n")
    finally:
        lock.rmdir()
    (wheel,) = (home / "dist").glob("coprod-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    return InstalledCopy(wheel, names, home / "site")


def _build(home: Path) -> None:
    source = home / "source"
    source.mkdir(parents=True)
    shutil.copytree(ROOT / "coprod", source / "coprod", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    backend = tomllib.loads((source / "pyproject.toml").read_text())["build-system"]["build-backend"]
    build = f"import sys, {backend} as backend; backend.build_wheel(sys.argv[1])"
    subprocess.run(
        [sys.executable, "-c", build, str(home / "dist")],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (wheel,) = (home / "dist").glob("coprod-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(home / "site")
