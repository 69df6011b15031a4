"""A tour of every page of the real main window, saved as PNG files, for looking at by eye.

    xvfb-run -a -s "-screen 0 1366x768x24" python -m coprod.ui.screenshots DB OUTDIR
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1920x1080x24" python -m coprod.ui.screenshots DB OUTDIR

Not part of the test run. Opens a copy of DB so nothing in it changes, with settings of its
own in a temporary folder: the user's recent files, window size and column widths are
neither read nor written. The window opens at the size it would open on that screen, so what
is cut off there is cut off here.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from coprod.i18n import tr
from coprod.services.data.opening import open_workspace
from coprod.ui.application import freeze_startup_objects, make_app
from coprod.ui.context import AppContext
from coprod.ui.main_window import MainWindow
from coprod.ui.views.privacy import show_personal_data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--settle", type=float, default=3.0, help=tr("cli.help.screenshots.settle"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="coprod-screenshots-"))
    # Before the first QSettings is made: every option then lives in a file under `work`.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    copy = work / args.db.name
    shutil.copy(args.db, copy)
    app = make_app()
    ctx = AppContext.create(open_workspace(copy))
    window = MainWindow(ctx)
    window.show()
    freeze_startup_objects()

    def settle(seconds: float) -> None:
        """At least `seconds`, and until the page's data has arrived."""
        end = time.monotonic() + seconds
        while True:
            app.processEvents()
            if time.monotonic() >= end and not ctx.runner.pending and not ctx.pool.pending:
                return
            time.sleep(0.02)

    settle(args.settle)
    for n in range(window.nav.count()):
        window.nav.setCurrentRow(n)
        settle(args.settle)
        path = args.out / f"{n + 1:02d}-{window.nav.item(n).text().lower()}.png"
        window.grab().save(str(path))
        print(path)
    # The dashboard's risk heat map is on a tab of its own.
    window.nav.setCurrentRow(0)
    window.dashboard.tabs.setCurrentWidget(window.dashboard.risk_map)
    settle(args.settle)
    path = args.out / "01-dashboard-risk-heat-map.png"
    window.grab().save(str(path))
    print(path)
    # The personal data window (Tools), one picture per tab.
    personal = show_personal_data(window, ctx)
    for n in range(personal.tabs.count()):
        personal.tabs.setCurrentIndex(n)
        settle(args.settle)
        path = args.out / f"11-personal-data-{n + 1}.png"
        personal.grab().save(str(path))
        print(path)
    personal.close()
    ctx.runner.wait()
    window.close()
    ctx.workspace.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
