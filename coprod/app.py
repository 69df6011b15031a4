"""Start-up wiring: the command line, or the desktop window when no command is given.

The command line decides which; it is handed `run_gui` rather than importing this module, so
`coprod.cli` never imports the app and the app never imports Qt until a window is wanted.

A command is a short process of its own, and `main` runs it as one: Python's cycle collector
stays off, and once the command has finished and Python's exit handlers have run, the
process ends without freeing its objects one by one; the operating system takes its memory
back whole. A report leaves about a million objects: walking them cost the review pack 0.4 s
of collections and freeing them 0.3 s more at exit. Every file and database a command opens
is closed by the command itself before it returns, as before. The window is a long session:
once its start-up is done (`freeze_startup_objects`) the collector runs on its GUI thread
only (coprod/ui/collector.py), and it ends as any Python program does.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from contextlib import suppress
from pathlib import Path

INTERCHANGE_SUFFIX = ".coprod.json"


def run_gui(db_target: str | Path | None, *, read_only: bool = False, merge: Path | None = None) -> int:
    """Open the desktop app on `db_target` (default: the local database), offering to merge
    `merge` (an interchange file) once it is open. Imports Qt lazily."""
    from coprod.ui.application import run

    # A long session: the collector runs on the GUI thread once start-up is done, and the
    # process ends as any Python program does.
    _exit.window = True
    return run(db_target, read_only=read_only, merge=merge)


def opened_file(argv: list[str]) -> Path | None:
    """The interchange file the file manager opened coprod with (`coprodw FILE.coprod.json`)."""
    if len(argv) == 1 and argv[0].lower().endswith(INTERCHANGE_SUFFIX) and Path(argv[0]).is_file():
        return Path(argv[0])
    return None


class _ExitAtOnce:
    """The last of the exit handlers: ends a finished command's process straight away."""

    def __init__(self) -> None:
        self.code: int | None = None  # set when a command has finished
        self.window = False

    def __call__(self) -> None:
        if self.code is None:
            return
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):  # a reader that went away: nothing more to say
                stream.flush()
        os._exit(self.code)


_exit = _ExitAtOnce()


def main() -> None:
    """The process: the installed `coprod`, `python -m coprod` and the frozen app."""
    gc.disable()
    # Registered before anything else is imported, so it runs after every other handler
    # (they run last registered first): logging's, and the file locks' release.
    atexit.register(_exit)
    code = run(sys.argv[1:])
    if not _exit.window:
        _exit.code = code
    sys.exit(code)


def run(argv: list[str]) -> int:
    """The command line, or the window, for `argv`; the exit code. Sets this process's umask."""
    from coprod.cli import main as cli_main
    from coprod.persistence.permissions import private_process

    private_process()  # residents' words: files and folders coprod makes are the user's only
    _streams_without_a_console()

    interchange = opened_file(argv)
    if interchange is not None:  # opened from the file manager: the window, offering to merge it
        from coprod.persistence.presence import set_program

        set_program("the coprod desktop app")
        return run_gui(None, merge=interchange)
    return cli_main(argv, open_window=run_gui)


def _streams_without_a_console() -> None:
    """Windows starts `coprodw`, the build without a console, with no standard streams (for a
    scheduled task such as `coprodw backup`, or a file opened from the file manager). Output
    and messages then go to the null device, as a console nobody watches would show them to
    nobody, rather than failing the first write after the work is done."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (the process's)
