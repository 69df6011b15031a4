"""What one run of the tests keeps for the next, outside the checkout.

Where the environment says not to write bytecode (`PYTHONDONTWRITEBYTECODE`), every run would
compile every coprod module again, and pytest would rewrite the asserts of every test module
again, in each worker of `-n 2`: seconds of each run. So the test processes, and the programs
they start (`python -m coprod`, a window in a process of its own), keep what they compile in
one folder in the system's temporary folder (`<temp>/pytest-of-<user>/`, on disk even when
the run's own folders are in memory: tests/temproot.py), which outlives a run. Python checks
each compiled file against its source's time and size, as it does beside the sources; nothing
is written into the checkout. With a folder of its own, Python no longer reads what pip and
Python's installer compiled beside the libraries' sources: the first run links those files
into the folder rather than compiling every library again.

Hypothesis, too, reads the constants of every module the tests import (about a second and a
half a process): it keeps them by a hash of each source, in a folder kept here. Its database of
examples stays in the run's own folder.
"""

from __future__ import annotations

import getpass
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests import temproot as temproot_module


def _pytest_root(temproot_name: str | None) -> Path:
    """The folder pytest keeps its numbered run folders in under `temproot_name` (or the
    system's temporary folder), as `TempPathFactory` finds it."""
    temproot = Path(temproot_name or tempfile.gettempdir()).resolve()
    try:
        user = getpass.getuser()
    except (ImportError, KeyError, OSError):
        user = "unknown"
    return temproot / f"pytest-of-{user}"


# Kept on disk, under the temporary root the person running the tests chose or the system's,
# although this run's own folders may be in memory (RUNS, tests/temproot.py).
ROOT = _pytest_root(temproot_module.kept_root())
RUNS = _pytest_root(os.environ.get(temproot_module.ENV))
PYCACHE = ROOT / "coprod-pycache"
HYPOTHESIS_CONSTANTS = ROOT / "coprod-hypothesis-constants"


def keep_compiled(first_process: bool) -> None:
    """From here on this process reads and writes compiled modules under PYCACHE. The run's
    first process also readies the folder for the run (the workers of `-n 2` start after it)."""
    try:
        ROOT.mkdir(mode=0o700, exist_ok=True)
        PYCACHE.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return  # a read-only temporary folder: compile every run, as before
    if first_process:
        _forget_earlier_runs()
        _take_installed()
    sys.pycache_prefix = str(PYCACHE)
    sys.dont_write_bytecode = False


def _take_installed() -> None:
    """Link the compiled files installed beside the standard library's and the environment's
    sources into PYCACHE, once for each of those folders (the first run on a machine)."""
    checkout = Path(__file__).resolve().parents[1]
    tag = sys.implementation.cache_tag
    for entry in sorted({Path(p).resolve() for p in sys.path if os.path.isabs(p) and os.path.isdir(p)}):
        if entry in (checkout, ROOT, RUNS) or ROOT in entry.parents or RUNS in entry.parents:
            continue  # the checkout's own modules are compiled into PYCACHE by their first run
        mirror = PYCACHE / entry.relative_to(entry.anchor)
        done = mirror / ".linked"
        if done.exists():
            continue
        for folder, _dirs, files in os.walk(entry):
            if os.path.basename(folder) != "__pycache__":
                continue
            target = mirror / Path(folder).parent.relative_to(entry)
            for name in files:
                if name.endswith(f".{tag}.pyc"):
                    try:
                        target.mkdir(parents=True, exist_ok=True)
                        os.link(os.path.join(folder, name), target / name)
                    except OSError:
                        pass  # there already, or another file system: compiled when first imported
        try:
            done.parent.mkdir(parents=True, exist_ok=True)
            done.touch()
        except OSError:
            pass


def _forget_earlier_runs() -> None:
    """Modules the tests wrote into earlier runs' folders (an installed copy, a test's own
    script) were compiled into PYCACHE too, under those folders' paths: drop them."""
    for runs in {ROOT, RUNS}:
        shutil.rmtree(PYCACHE / runs.relative_to(runs.anchor), ignore_errors=True)


def keep_hypothesis_constants(home: Path) -> None:
    """Hypothesis' folder `home` (the run's own) reads and writes its constants in the kept folder."""
    try:
        HYPOTHESIS_CONSTANTS.mkdir(mode=0o700, exist_ok=True)
        (home / "constants").symlink_to(HYPOTHESIS_CONSTANTS, target_is_directory=True)
    except OSError:
        pass  # found again in this run, as before
