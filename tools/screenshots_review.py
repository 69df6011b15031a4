"""Screenshots of the Review, Lessons and Dashboard pages, each hosted in a QMainWindow.

    xvfb-run -a -s "-screen 0 1400x900x24" python -m tools.screenshots_review DB OUTDIR

For looking at the pages by eye; not part of the test run. Works on a copy of DB, because
the summary shot records two review decisions.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


def _spin(app: QApplication, until: Callable[[], bool], seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _shoot(
    app: QApplication, page: QWidget, signal: Any, path: Path, then: Callable[[], object] | None = None
) -> None:
    window = QMainWindow()
    window.setWindowTitle(f"coprod - {page.accessibleName()}")
    window.setCentralWidget(page)
    window.resize(1300, 850)
    fired: list[bool] = []
    signal.connect(lambda *_: fired.append(True))
    window.show()
    _spin(app, lambda: bool(fired))
    if then is not None:
        then()
    settle = time.monotonic() + 0.5
    _spin(app, lambda: time.monotonic() > settle)
    window.grab().save(str(path))
    print(path)
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 26))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    copy = Path(tempfile.mkdtemp()) / "shots.db"
    shutil.copy(args.db, copy)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from coprod.domain.enums import ReviewDecision
    from coprod.persistence.database import open_database
    from coprod.services.review import LessonInput, record_decision, review_queue
    from coprod.ui.context import AppContext
    from coprod.ui.views.dashboard import DashboardPage
    from coprod.ui.views.lessons import LessonsPage
    from coprod.ui.views.review import ReviewPage

    ctx = AppContext.create(open_database(copy, create=False), as_of=args.as_of)
    for n, name in enumerate(("lag", "km", "status", "month")):
        page = DashboardPage(ctx)
        _shoot(
            app,
            page,
            page.sig_history_shown,
            args.out / f"dashboard-{name}.png",
            lambda p=page, n=n: p.tabs.setCurrentIndex(n),
        )
    page = DashboardPage(ctx)
    _shoot(
        app,
        page,
        page.sig_history_shown,
        args.out / "dashboard-km-table.png",
        lambda p=page: (p.tabs.setCurrentIndex(1), p.panels["km"].toggle_table()),
    )

    review = ReviewPage(ctx)
    _shoot(app, review, review.sig_loaded, args.out / "review-queue.png")
    review = ReviewPage(ctx)
    review.sig_loaded.connect(
        lambda _n, r=review: r.start_meeting(0) if r.stack.currentIndex() == 0 else None
    )
    _shoot(
        app,
        review,
        review.meeting.sig_item_shown,
        args.out / "review-meeting.png",
        lambda r=review: r.meeting.form.buttons[ReviewDecision.CLOSE].setChecked(True),
    )

    with ctx.db.transaction() as session:
        items = review_queue(session=session, as_of=args.as_of)[:2]
        lesson = LessonInput("The target was set before funding.", "Budget timing.", "Agree funding first.")
        ids = [
            record_decision(
                session=session,
                recommendation_id=items[0].lag.id,
                decision=ReviewDecision.CLOSE,
                on=args.as_of,
                reviewer="Chair",
                notes="Agreed by the board.",
                reason="Superseded by the new carers' hub.",
                lesson=lesson,
            ),
            record_decision(
                session=session,
                recommendation_id=items[1].lag.id,
                decision=ReviewDecision.CONTINUE,
                on=args.as_of,
                reviewer="Chair",
                notes=None,
                next_update_due=args.as_of + timedelta(days=28),
                lesson=lesson,
            ),
        ]
    review = ReviewPage(ctx)
    review.meeting.reviewer = "Chair"
    review.sig_loaded.connect(
        lambda _n, r=review: r.show_summary(ids) if r.stack.currentIndex() == 0 else None
    )
    _shoot(app, review, review.summary.textChanged, args.out / "review-summary.png")
    lessons = LessonsPage(ctx)
    _shoot(app, lessons, lessons.sig_loaded, args.out / "lessons.png")
    ctx.runner.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
