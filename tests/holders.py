"""Another coprod process holding a database open, for the lock tests (a real process)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOLD = """
import sys, time
from coprod.persistence.presence import set_program
from coprod.persistence.database import open_database
set_program(sys.argv[2])
db = open_database(sys.argv[1], create=False)
print("open", flush=True)
time.sleep(600)
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@contextmanager
def held_open(path: Path, program: str = "the coprod desktop app") -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), program], stdout=subprocess.PIPE, text=True, env=env()
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
        if proc.stdout is not None:
            proc.stdout.close()
