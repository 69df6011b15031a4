"""Screenshots of the Review, Lessons and Dashboard pages, each hosted in a QMainWindow.

    xvfb-run -a -s "-screen 0 1400x900x24" python -m tools.screenshots_review DB OUTDIR [--as-of YYYY-MM-DD]

For looking at the pages by eye; not part of the test run.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


def _shoot(app: QApplication, page: QWidget, title: str, path: Path, wait_signal: object, extra=None) -> None:
    window = QMainWindow()
    window.setWindowTitle(title)
    window.setCentralWidget(page)
    window.resize(1300, 850)
    window.show()
    done = {"flag": False}
    wait_signal.connect(lambda *_: done.__setitem__("flag", True))  # type: ignore[attr-defined]
    for _ in range(400):
        app.processEvents()
        if done["flag"]:
            break
        QTimer.singleShot(10, lambda: None)
        app.processEvents()
        import time

        time.sleep(0.01)
    if extra:
        extra()
    for _ in range(50):
        app.processEvents()
        import time

        time.sleep(0.01)
    window.grab().save(str(path))
    print(path)
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("out", type=Path)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 26))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from coprod.persistence.database import open_database
    from coprod.ui.context import AppContext
    from coprod.ui.views.dashboard import DashboardPage
    from coprod.ui.views.lessons import LessonsPage
    from coprod.ui.views.review import ReviewPage

    ctx = AppContext.create(open_database(args.db, create=False), as_of=args.as_of)
    dash = DashboardPage(ctx)
    _shoot(app, dash, "Dashboard", args.out / "dashboard.png", dash.sig_history_shown)
    dash2 = DashboardPage(ctx)
    _shoot(
        app,
        dash2,
        "Dashboard",
        args.out / "dashboard-status.png",
        dash2.sig_history_shown,
        lambda: dash2.tabs.setCurrentIndex(2),
    )
    dash3 = DashboardPage(ctx)
    _shoot(
        app,
        dash3,
        "Dashboard",
        args.out / "dashboard-table.png",
        dash3.sig_history_shown,
        lambda: (dash3.tabs.setCurrentIndex(1), dash3.panels["km"].toggle_table()),
    )
    review = ReviewPage(ctx)
    _shoot(app, review, "Review", args.out / "review-queue.png", review.sig_loaded)
    review2 = ReviewPage(ctx)
    review2.sig_loaded.connect(lambda _n: review2.start_meeting(0))
    _shoot(
        app,
        review2,
        "Review",
        args.out / "review-meeting.png",
        review2.meeting.sig_item_shown,
        lambda: review2.meeting.form.buttons[list(review2.meeting.form.buttons)[4]].setChecked(True),
    )
    lessons = LessonsPage(ctx)
    _shoot(app, lessons, "Lessons learnt", args.out / "lessons.png", lessons.sig_loaded)
    ctx.runner.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
