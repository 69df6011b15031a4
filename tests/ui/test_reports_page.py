from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QFileDialog, QLabel, QWidget
from sqlmodel import select

from coprod.domain.models import PublishedReport
from coprod.persistence.database import Database
from coprod.services.recommendations import lifecycle as recs
from coprod.ui.context import AppContext
from coprod.ui.views.reports import ReportsPage
from tests.reports_scenario import AS_OF, PLANTED, Scenario, copy_scenario, flat, pdf_text


@pytest.fixture
def scenario(db: Database, scenario_file: tuple[Path | str, Scenario]) -> Scenario:
    """The scenario built once a run, copied into the test's own database."""
    return copy_scenario(db, scenario_file)


@pytest.fixture
def page(qtbot, scenario: Scenario) -> Iterator[ReportsPage]:  # type: ignore[no-untyped-def]
    ctx = AppContext.create(scenario.db, as_of=AS_OF)
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    assert widget.strategy.count() == 0  # nothing loaded until the page is shown
    widget.show()
    qtbot.waitUntil(lambda: widget.strategy.count() > 0)
    yield widget
    ctx.runner.wait()


def _choose(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_preview_shows_report_and_checks(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    # Before any preview, the empty panes say what will appear in them.
    assert page.preview_stack.currentWidget() is page.preview_hint
    assert page.preview_hint.text().startswith("Choose Preview to see the report here")
    assert page.checks.count() == 1 and page.checks.item(0).text().startswith("The checks appear here")
    assert not page.checks.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    _choose(page.format, ".html")
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    text = page.html_view.toPlainText()
    assert "Weekend respite for carers" in text and "Not taken forward" in text
    for value in PLANTED.values():
        assert value not in text
    from coprod.domain.enums import AuditAction
    from coprod.domain.models import AuditEvent

    with page.ctx.workspace.reading() as s:
        actions = [
            e.action for e in s.exec(select(AuditEvent).where(AuditEvent.table_name == "published_report"))
        ]
    assert actions == [AuditAction.VIEW]  # a preview is logged as a view, not an export
    assert page.preview_stack.currentWidget() is page.html_view
    checks = [page.checks.item(i).text() for i in range(page.checks.count())]
    # a preview is not a publication, so nothing claims to be the first published version
    assert checks[0].startswith("No version of this report has been published yet")
    assert any(c.startswith("Removed: An NHS number removed from") for c in checks)
    advice = [c for c in checks if c.startswith("Plain English: ") and "could be easier" not in c]
    (total,) = [c for c in checks if "could be easier for residents to read" in c]  # before them
    assert total.startswith(f"Plain English: {len(advice):,} place") and checks.index(total) < checks.index(
        advice[0]
    )


def test_pdf_preview_shows_the_pages_in_the_app(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    _choose(page.kind, "lag")
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.pdf_view is not None, "Qt PDF (PySide6-Pdf) is a dependency"
    assert page.preview_stack.currentWidget() is page.pdf_view
    qtbot.waitUntil(lambda: page.pdf_doc.pageCount() > 1)
    assert "Recommendations: implementation lag" in page.pdf_doc.getAllText(0).text()


def test_save_for_a_strategy_and_publish(
    qtbot,
    page: ReportsPage,
    scenario: Scenario,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "carers"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "*.pdf"))
    page.scope.setFocus()
    qtbot.keyClick(page.scope, Qt.Key.Key_Down)  # keyboard: Everything -> One strategy
    assert page.strategy.isEnabled() and not page.session.isEnabled()
    qtbot.mouseClick(page.publish, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "carers.pdf"
    assert saved.exists() and "Carers Strategy, as at 26 November 2026" in flat(pdf_text(saved))
    assert "Report saved to" in page.message.text() and "published version" in page.message.text()
    with scenario.db.reading() as s:
        rows = s.exec(select(PublishedReport)).all()
    assert [(r.kind, r.scope) for r in rows] == [("you-said-we-did", {"strategy": "Carers Strategy"})]


def test_text_the_font_cannot_show_is_reported_not_saved(
    qtbot,
    page: ReportsPage,
    scenario: Scenario,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with scenario.db.transaction() as s:
        recs.add_update(
            session=s, recommendation_id=scenario.doing, text="新しい電話番号", on=AS_OF, public=True
        )
    target = tmp_path / "r.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "*.pdf"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot show some characters" in page.message.text(), timeout=20000)
    assert not target.exists() and page.save_button.isEnabled()


def test_cancel_stops_generation(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    page.ctx.runner.run(gate.wait)  # the database worker is busy with something else
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.cancel_button.isEnabled() and not page.preview_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: page.message.text() == "Cancelled; nothing was saved.", timeout=20000)
    assert page.preview_button.isEnabled() and not page.cancel_button.isEnabled()


def test_print_goes_to_the_chosen_printer(
    qtbot,
    page: ReportsPage,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    out = tmp_path / "printed.pdf"
    page.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    page.printer().setOutputFileName(str(out))
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Sent to the printer."
    assert "Weekend respite for carers" in flat(pdf_text(out))
    sizes: list[float] = []
    for pdf_page in PdfReader(str(out)).pages:
        pdf_page.extract_text(
            visitor_text=lambda t, cm, tm, _f, size: t.strip() and sizes.append(size * abs(tm[3]))
        )
    assert min(sizes) >= 12  # printed at the report's size, not the screen's


def test_every_control_is_named_and_labelled(page: ReportsPage) -> None:
    controls = (
        page.findChildren(QComboBox) + page.findChildren(QDateEdit) + page.findChildren(QAbstractButton)
    )
    assert controls and all(c.accessibleName() for c in controls)
    buddies = {label.buddy() for label in page.findChildren(QLabel) if label.buddy() is not None}
    for widget in page.findChildren(QComboBox) + page.findChildren(QDateEdit):
        assert widget in buddies
    named: list[QWidget] = [page.checks, page.html_view, page.preview_stack]
    assert all(w.accessibleName() for w in named)


def test_scope_lists_follow_changes_announced_on_the_bus(
    qtbot, page: ReportsPage, scenario: Scenario
) -> None:  # type: ignore[no-untyped-def]
    from coprod.services.engagement import capture as engagement
    from coprod.ui.changes import Changes

    page.scope.setCurrentIndex(page.scope.findData("strategy"))
    with scenario.db.transaction() as s:
        engagement.create_strategy(session=s, name="Housing Strategy")
    page.ctx.bus.sig_changed.emit(Changes.of("strategy"), None)
    qtbot.waitUntil(lambda: page.strategy.findText("Housing Strategy") >= 0, timeout=10000)
    assert page.strategy.currentText() == "Carers Strategy"  # the choice made is kept


def test_publishing_without_a_council_contact_is_refused(
    qtbot,
    page: ReportsPage,
    scenario: Scenario,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coprod.services.team.settings import set_setting

    with scenario.db.transaction() as s:
        set_setting(session=s, key="contact", value="")
    target = tmp_path / "yswd"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "*.pdf"))
    qtbot.mouseClick(page.publish, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be published" in page.message.text(), timeout=20000)
    assert not (tmp_path / "yswd.pdf").exists()
    with scenario.db.reading() as s:
        assert s.exec(select(PublishedReport)).all() == []
    qtbot.mouseClick(page.publish, Qt.MouseButton.LeftButton)  # a draft may still be saved
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Draft: contact details missing." in flat(pdf_text(tmp_path / "yswd.pdf"))
    checks = [page.checks.item(i).text() for i in range(page.checks.count())]
    assert any("no way for residents to contact the council" in c for c in checks)


def test_board_report_names_officers_only_when_ticked(qtbot, page: ReportsPage, scenario: Scenario) -> None:  # type: ignore[no-untyped-def]
    from coprod.services.engagement import capture as engagement

    with scenario.db.transaction() as s:
        oid = engagement.create_owner(session=s, name="Priya Raman")
        s.flush()
        rec = recs.get(session=s, recommendation_id=scenario.doing)
        rec.owner_id = oid
        s.add(rec)
    assert not page.name_officers.isEnabled()  # "You said, we did" names nobody
    _choose(page.kind, "lag")
    assert page.name_officers.isEnabled()
    _choose(page.format, ".html")
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert "Priya Raman" not in page.html_view.toPlainText()
    page.name_officers.setFocus()
    qtbot.keyClick(page.name_officers, Qt.Key.Key_Space)
    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert "Priya Raman" in page.html_view.toPlainText()


def test_officer_chooses_an_easy_read_picture_for_a_theme(
    qtbot,
    page: ReportsPage,
    scenario: Scenario,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = tmp_path / "our-carers.svg"
    own.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><rect width="36" '
        'height="36" fill="#00576b"/></svg>',
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(own), "*.svg"))
    qtbot.mouseClick(page.pictures_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "picture_dialog", None) is not None)
    dialog = page.picture_dialog
    qtbot.waitUntil(dialog.isVisible)
    themes = [dialog.theme.itemText(i) for i in range(dialog.theme.count())]
    assert themes == ["Carers' support", "Communication"]
    assert dialog.picture.currentData() == ""  # the usual picture until one is chosen
    qtbot.mouseClick(dialog.own, Qt.MouseButton.LeftButton)
    assert dialog.picture.currentData() == str(own)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _choose(page.format, ".html")
    page.easy_read.setChecked(True)
    with qtbot.waitSignal(page.sig_generated, timeout=20000) as blocker:
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    theme_points = [
        b for s in blocker.args[0].report.sections for b in s.blocks if type(b).__name__ == "Point"
    ]
    assert str(own.resolve()) in {p.picture for p in theme_points}


def test_other_pages_read_while_a_report_renders(qtbot, page: ReportsPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The render runs off the database thread: a read asked for meanwhile comes back at once."""
    from coprod.domain.models import Recommendation
    from coprod.services.reports import staged
    from coprod.ui.operations.run import read

    rendering, release, threads = threading.Event(), threading.Event(), {}
    real_write = staged.write

    def slow_write(*args, **kwargs):  # type: ignore[no-untyped-def]  # a very big report
        threads["render"] = threading.current_thread()
        rendering.set()
        release.wait(20)
        real_write(*args, **kwargs)

    monkeypatch.setattr(staged, "write", slow_write)
    _choose(page.format, ".pdf")
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(rendering.is_set, timeout=10000)

    got: list[int] = []

    def count(s):  # type: ignore[no-untyped-def]
        threads["read"] = threading.current_thread()
        return len(s.exec(select(Recommendation.id)).all())

    read(page.ctx, count, on_done=got.append)  # e.g. the Recommendations page loading its list
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got[0] > 0 and not release.is_set()  # answered while the report was still rendering
    assert threads["read"] is not threads["render"]
    assert not page.preview_button.isEnabled()  # the report is still on its way

    with qtbot.waitSignal(page.sig_generated, timeout=20000):
        release.set()
    assert page.preview_button.isEnabled()
    assert not list(Path(page._tmp.name).glob(".coprod-*"))  # no partial file is left behind


def test_dates_the_wrong_way_round_are_one_sentence_and_no_file(
    qtbot,
    page: ReportsPage,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QApplication

    qtbot.mouseClick(page.limit_dates, Qt.MouseButton.LeftButton)
    for field, typed in ((page.date_from, "1/6/26"), (page.date_to, "1/1/26")):
        field.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(QApplication.focusWidget(), typed)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    target = tmp_path / "r.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "*.pdf"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "the first date is after the second" in page.message.text(), timeout=20000)
    assert "from 1 June 2026 to 1 January 2026" in page.message.text()
    assert not target.exists() and page.save_button.isEnabled()
