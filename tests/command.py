"""`coprod ARGV` run inside the test process: the same `main` and argv as the installed command,
with its output captured. Starting Python and importing coprod costs about a second of CPU per
command, so tests use this unless the behaviour needs a real process (see tests/processes.py).
`main` installs its own hook for errors while freeing objects; conftest.py puts the test
process's back after each test.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass

from coprod import cli


@dataclass(frozen=True)
class Ran:
    """What a finished command left: named as `subprocess.CompletedProcess` names them."""

    returncode: int
    stdout: str
    stderr: str


def run(*argv: str) -> Ran:
    """`coprod ARGV` through `coprod.cli.main`, as `python -m coprod ARGV` would run it."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return Ran(int(code), out.getvalue(), err.getvalue())


def run_program(*argv: str) -> Ran:
    """`coprod ARGV` through the program's own start-up (`coprod.app.run`, what the `coprod`
    script, `python -m coprod` and the frozen app run), with its process-wide settings such as
    the umask; only ending the process is left to `coprod.app.main`."""
    from coprod import app

    out, err = io.StringIO(), io.StringIO()
    with _argv(["coprod", *argv]), _umask_kept(), redirect_stdout(out), redirect_stderr(err):
        code = app.run(list(argv))
    return Ran(int(code), out.getvalue(), err.getvalue())


@contextmanager
def _argv(argv: list[str]) -> Iterator[None]:
    saved = sys.argv
    sys.argv = argv
    try:
        yield
    finally:
        sys.argv = saved


@contextmanager
def _umask_kept() -> Iterator[None]:
    """The entry sets this process's umask; the test process gets its own back afterwards."""
    saved = os.umask(0o022)
    os.umask(saved)
    try:
        yield
    finally:
        os.umask(saved)
