"""Where a test run keeps its temporary folders: in memory, where the machine has room for them.

Each test makes its own database files, settings and logs, and SQLite syncs every commit to
disk. On a virtual machine's disk, making a file took about 0.4 ms and every sync waited for
the disk; in a folder kept in memory (`/dev/shm`, a tmpfs on Linux) neither costs anything, and
the suite ran in seven-eighths of the time on a 2-core machine (86.6 s -> 75.5 s). So, unless
the run is told where (`PYTEST_DEBUG_TEMPROOT`, which pytest reads, or `--basetemp`), pytest's
numbered folders go to `/dev/shm` when it is there with room to spare, and elsewhere to the
system's temporary folder, as before. What one run keeps for the next (tests/caches.py) stays
on disk, where it outlives a restart and can share the compiled files installed with the
libraries (hard links). A passing test's own folder is removed when the test ends
(`tmp_path_retention_policy = "failed"`, pyproject.toml), so a run holds about 100 MB at most;
a failing test's folder is kept.

What the tests check is the same wherever the folder is: files, locks, syncs and crashes
behave alike on tmpfs; only a power cut differs, and no test cuts the power.
"""

from __future__ import annotations

import os
import tempfile

MEMORY = "/dev/shm"
ROOM = 2 * 1024**3  # bytes free in MEMORY for it to be used: a run, and a failed run kept
ENV = "PYTEST_DEBUG_TEMPROOT"
KEPT_ENV = "COPROD_TEST_KEPT_TEMPROOT"  # set with ENV here, for the run's processes to inherit


def kept_root() -> str | None:
    """The temporary root for what runs keep: the one chosen by whoever runs the tests, or,
    where this module put the run in memory, the system's own (None: the system's)."""
    return os.environ.get(KEPT_ENV) or os.environ.get(ENV) or None


def in_memory_where_roomy() -> None:
    """Point pytest's temporary root at MEMORY, unless one is set already or it lacks room.
    Called as the suite's conftest is read, before pytest or tests/caches.py look for it;
    the processes of `-n 2` and those the tests start inherit the choice."""
    if os.environ.get(ENV) or not os.path.isdir(MEMORY) or not os.access(MEMORY, os.W_OK | os.X_OK):
        return
    try:
        stats = os.statvfs(MEMORY)
    except OSError:
        return
    if stats.f_bavail * stats.f_frsize >= ROOM:
        os.environ[KEPT_ENV] = tempfile.gettempdir()
        os.environ[ENV] = MEMORY
