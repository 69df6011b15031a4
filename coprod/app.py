"""Start-up wiring: the command line, or the desktop window when no command is given.

The command line decides which; it is handed `run_gui` rather than importing this module, so
`coprod.cli` never imports the app and the app never imports Qt until a window is wanted.
"""

from __future__ import annotations

import sys
from pathlib import Path

INTERCHANGE_SUFFIX = ".coprod.json"


def run_gui(db_target: str | Path | None, *, read_only: bool = False, merge: Path | None = None) -> int:
    """Open the desktop app on `db_target` (default: the local database), offering to merge
    `merge` (an interchange file) once it is open. Imports Qt lazily."""
    from coprod.ui.application import run

    return run(db_target, read_only=read_only, merge=merge)


def opened_file(argv: list[str]) -> Path | None:
    """The interchange file the file manager opened coprod with (`coprodw FILE.coprod.json`)."""
    if len(argv) == 1 and argv[0].lower().endswith(INTERCHANGE_SUFFIX) and Path(argv[0]).is_file():
        return Path(argv[0])
    return None


def main() -> None:
    from coprod.cli import main as cli_main
    from coprod.persistence.permissions import private_process

    private_process()  # residents' words: files and folders coprod makes are the user's only

    interchange = opened_file(sys.argv[1:])
    if interchange is not None:  # opened from the file manager: the window, offering to merge it
        from coprod.persistence.presence import set_program

        set_program("the coprod desktop app")
        sys.exit(run_gui(None, merge=interchange))
    sys.exit(cli_main(sys.argv[1:], open_window=run_gui))
