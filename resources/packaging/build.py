"""Build the one-folder frozen coprod: `python resources/packaging/build.py`.

Needs `pip install -e '.[freeze]'`. Writes dist/coprod/ (the program is dist/coprod/coprod,
or coprod.exe and coprodw.exe on Windows) and prints how long the freeze took and how big
the folder is. Works the same on Linux and Windows; PyInstaller cannot build for another
system than the one it runs on.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parents[1]
SPEC = PACKAGING / "coprod.spec"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    """Freeze coprod into `dist`/coprod (replacing an older build); returns that folder."""
    import PyInstaller.__main__

    out = dist / "coprod"
    if out.exists():
        shutil.rmtree(out)
    PyInstaller.__main__.run(
        [
            str(SPEC),
            "--noconfirm",
            "--log-level",
            os.environ.get("COPROD_FREEZE_LOG", "WARN"),
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ]
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where the build goes (default dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "freeze",
        help="PyInstaller's work folder (default build/freeze/)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out = build(args.dist.resolve(), args.work.resolve())
    took = time.perf_counter() - started
    size = folder_size(out)
    print(f"froze coprod into {out} in {took:.0f} s: {size / 1e6:.0f} MB on disk")
    return 0


if __name__ == "__main__":
    sys.exit(main())
