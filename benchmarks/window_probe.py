"""Start the desktop app on a database as `coprod --db FILE` does, and exit as soon as the
window is on screen with its sessions listed. Used by the whole-process table; the daily
backup is left out (it runs once a day, and copies the whole file)."""

from __future__ import annotations

import os
import sys


def main(db_path: str) -> int:
    import gc

    gc.disable()  # as coprod.app.main starts every process; freeze_startup_objects turns it on
    from coprod.persistence.permissions import private_process

    private_process()
    from coprod.ui.application import freeze_startup_objects, make_app

    app = make_app()
    from PySide6.QtCore import QTimer

    from coprod.ui.dialogs.open_problem import open_with_way_forward

    db = open_with_way_forward(db_path, read_only=False)
    if db is None:
        return 2
    from coprod.ui.context import AppContext
    from coprod.ui.main_window import MainWindow

    ctx = AppContext.create(db)
    window = MainWindow(ctx)
    window.show()
    freeze_startup_objects()

    def shown() -> None:
        if window.isVisible() and window.sessions.model.rowCount() > 0 and ctx.runner.pending == 0:
            sys.stdout.flush()
            os._exit(0)  # the figure is the time to here; closing down is not part of it

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(shown)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
