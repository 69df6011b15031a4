"""Other programs, for tests that need real processes: coprod itself, and a lock holder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def coprod(*argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `coprod ARGV` as its own process, with its user folders under `home`."""
    env = {**os.environ, "COPROD_CONFIG_DIR": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "coprod", *argv], capture_output=True, text=True,
                          env=env, timeout=120)


@contextmanager
def write_lock(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the database's write lock until the block ends (or `release`)."""
    proc = subprocess.Popen([sys.executable, "-c", LOCKER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        release(proc)


def release(proc: subprocess.Popen[str]) -> None:
    if proc.stdin is not None and not proc.stdin.closed:
        proc.stdin.close()
    proc.wait(timeout=30)
