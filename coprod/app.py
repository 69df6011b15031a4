"""Start-up wiring: the command line, or the desktop window when no command is given.

The command line decides which; it is handed `run_gui` rather than importing this module, so
`coprod.cli` never imports the app and the app never imports Qt until a window is wanted.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(db_target: str | Path | None, *, read_only: bool = False) -> int:
    """Open the desktop app on `db_target` (default: the local database). Imports Qt lazily."""
    from coprod.ui.application import run

    return run(db_target, read_only=read_only)


def main() -> None:
    from coprod.cli import main as cli_main
    from coprod.persistence.permissions import private_process

    private_process()  # residents' words: files and folders coprod makes are the user's only

    sys.exit(cli_main(sys.argv[1:], open_window=run_gui))
