"""The import wizard's column mapping, driven with the keyboard over councils' own trackers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.models import Recommendation
from coprod.persistence.database import Database
from coprod.services.data.importing import import_tracker
from coprod.ui.context import AppContext
from coprod.ui.dialogs.import_wizard import ImportWizard
from coprod.ui.views.review import ReviewPage
from tests import trackers as t
from tests.conftest import AS_OF


@pytest.fixture
def ctx(db: Database, qtbot: QtBot) -> Iterator[AppContext]:
    context = AppContext.create(db, as_of=AS_OF)
    yield context
    context.runner.wait()


def _open(ctx: AppContext, qtbot: QtBot, path: Path) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    return wizard


def _press(wizard: ImportWizard, qtbot: QtBot, button: QWizard.WizardButton) -> None:
    qtbot.waitUntil(lambda: wizard.button(button).isEnabled() and wizard.button(button).isVisible())
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def _import(wizard: ImportWizard, qtbot: QtBot) -> None:
    _press(wizard, qtbot, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: "can be imported" in wizard.check_page.summary_label.text(), timeout=10000)
    with qtbot.waitSignal(wizard.sig_imported, timeout=10000):
        _press(wizard, qtbot, QWizard.WizardButton.CommitButton)


def _combo_for(wizard: ImportWizard, heading: str) -> QComboBox:
    assert wizard.table is not None
    return wizard.mapping_page.combos[wizard.table.headers.index(heading)]


def _statuses(db: Database) -> dict[str, Status]:
    with db.reading() as s:
        return {r.reference: r.status for r in s.exec(select(Recommendation))}  # type: ignore[misc]


def test_each_column_shows_its_field_and_values_and_a_change_is_remembered(
    ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    source = t.write_council_xlsx(
        tmp_path / "scrutiny.xlsx", t.SCRUTINY_TITLE, t.SCRUTINY_HEADERS, t.SCRUTINY, key=t.SCRUTINY_KEY
    )
    wizard = _open(ctx, qtbot, source)
    _press(wizard, qtbot, QWizard.WizardButton.NextButton)
    page = wizard.mapping_page
    shown = {h: _combo_for(wizard, h).currentText() for h in t.SCRUTINY_HEADERS}
    assert shown == {
        "Reference": "Reference",
        "Origin": "Origin",
        "Date": "Raised on (required)",
        "Area": "Strategy",
        "Recommendation": "Recommendation (required)",
        "Exec Date": "Accepted on",
        "Lead Officer/EM": "Owner",
        "Action taken": "We did",
        "Status": "Status (required)",
    }
    sample = page.samples[t.SCRUTINY_HEADERS.index("Action taken")].text()
    assert sample.startswith("• Pilot agreed with two homes / • 40 carers")
    assert not page.rag_combo.isVisible()
    area = _combo_for(wizard, "Area")
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_Home)  # the first choice: not imported
    assert area.currentText() == "Not imported"
    _import(wizard, qtbot)
    assert "3 completed recommendations have no completion date" in wizard.result_page.result_label.text()
    with db.reading() as s:
        assert [r.strategy_id for r in s.exec(select(Recommendation))] == [None] * 5  # type: ignore[misc]
    again = _open(ctx, qtbot, source)
    _press(again, qtbot, QWizard.WizardButton.NextButton)
    assert _combo_for(again, "Area").currentText() == "Not imported"
    assert _combo_for(again, "Action taken").currentText() == "We did"


def test_two_columns_for_one_field_must_be_resolved(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    source = t.write_council_csv(tmp_path / "log.csv", None, t.ACTION_LOG_HEADERS, t.ACTION_LOG)
    wizard = _open(ctx, qtbot, source)
    _press(wizard, qtbot, QWizard.WizardButton.NextButton)
    lead = _combo_for(wizard, "Service area")
    lead.setCurrentIndex(lead.findData("owner"))
    assert "More than one column is imported as Owner" in wizard.mapping_page.problem_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_rag_colours_are_asked_about_once(
    ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    source = t.write_council_xlsx(
        tmp_path / "audit.xlsx",
        t.AUDIT_TITLE,
        t.AUDIT_HEADERS,
        t.AUDIT,
        key=t.AUDIT_KEY,
        key_first=True,
        groups=t.AUDIT_GROUPS,
    )
    wizard = _open(ctx, qtbot, source)
    _press(wizard, qtbot, QWizard.WizardButton.NextButton)
    page = wizard.mapping_page
    assert _combo_for(wizard, "Original due date").currentText() == "Target date"
    assert page.rag_combo.isVisible() and "RAG colours" in page.problem_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.rag_combo.setFocus()
    qtbot.keyClick(page.rag_combo, Qt.Key.Key_End)  # on track: blue is done
    assert page.rag_combo.currentData() == "progress"
    _import(wizard, qtbot)
    assert _statuses(db) == {
        "AUD/24/03-1": Status.IMPLEMENTED,
        "AUD/24/03-2": Status.IN_PROGRESS,
        "AUD/25/01-1": Status.IN_PROGRESS,
        "AUD/25/01-2": Status.IN_PROGRESS,
    }


def test_review_page_lists_completions_without_a_date(
    ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    source = t.write_council_csv(tmp_path / "log.csv", None, t.ACTION_LOG_HEADERS, t.ACTION_LOG)
    assert import_tracker(db, source, today=AS_OF).written
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.sig_loaded, timeout=10000):
        page.show()
    assert page.undated_notice.isVisible()
    assert page.undated_notice.text().startswith(
        "1 completed recommendation has no completion date: 5 (Rewrite the adult social care pages)."
    )


def test_the_recommendation_shows_where_it_came_from_and_that_its_date_was_not_recorded(
    ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    from coprod.ui.views.recommendations import RecommendationsPage

    source = t.write_council_csv(tmp_path / "s.csv", t.SCRUTINY_TITLE, t.SCRUTINY_HEADERS, t.SCRUTINY[:1])
    assert import_tracker(db, source, today=AS_OF).written
    page = RecommendationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.detail is not None, timeout=10000)
    shown = page.detail_view.toPlainText()
    assert "Came from (committee or board)" in shown and "Adults and Health Scrutiny" in shown
    assert "Implemented on" in shown and "Not recorded" in shown


def test_a_workbook_bomb_is_one_sentence_on_the_first_page(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = _open(ctx, qtbot, t.write_cell_bomb(tmp_path / "bomb.xlsx"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.file_page
    assert "claims 1,048,576 rows by 16,384 columns" in wizard.file_page.error_label.text()


def test_another_sheet_of_the_workbook_can_be_chosen(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    source = t.write_council_xlsx(
        tmp_path / "audit.xlsx",
        t.AUDIT_TITLE,
        t.AUDIT_HEADERS,
        t.AUDIT,
        key=t.AUDIT_KEY,
        key_first=True,
        groups=t.AUDIT_GROUPS,
    )
    wizard = _open(ctx, qtbot, source)
    _press(wizard, qtbot, QWizard.WizardButton.NextButton)
    page = wizard.mapping_page
    assert page.sheet_combo.isVisible() and page.sheet_combo.currentText() == "Tracker"  # the key is skipped
    page.sheet_combo.setFocus()
    qtbot.keyClick(page.sheet_combo, Qt.Key.Key_Home)
    assert wizard.table is not None and wizard.table.sheet == "Key"
    assert "Colour" in wizard.table.headers and "Choose the column that holds" in page.problem_label.text()
    qtbot.keyClick(page.sheet_combo, Qt.Key.Key_End)
    assert _combo_for(wizard, "Rec No").currentText() == "Reference"


def test_the_columns_chosen_can_be_saved_for_the_command_line(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from coprod import cli

    source = t.write_council_csv(tmp_path / "audit.csv", t.AUDIT_TITLE, t.AUDIT_HEADERS, t.AUDIT)
    wizard = _open(ctx, qtbot, source)
    _press(wizard, qtbot, QWizard.WizardButton.NextButton)
    audit = _combo_for(wizard, "Audit")
    audit.setCurrentIndex(audit.findData("strategy"))
    profile = tmp_path / "audit-columns.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(profile), ""))
    qtbot.mouseClick(wizard.mapping_page.save_button, Qt.MouseButton.LeftButton)
    assert "--mapping" in wizard.mapping_page.problem_label.text()
    out = io.StringIO()
    assert cli.main(["init", "--db", str(tmp_path / "cli.db")], out=out, err=io.StringIO()) == 0
    argv = ["import", "--db", str(tmp_path / "cli.db"), "--dry-run", "--rag-means", "progress"]
    code = cli.main([*argv, "--mapping", str(profile), str(source)], out=out, err=io.StringIO())
    assert code == 0 and "  Audit: Strategy" in out.getvalue() and "  Priority: ignored" in out.getvalue()


def test_the_missing_completion_date_can_be_added_in_the_app(
    ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import date

    from PySide6.QtCore import QDate

    from coprod.ui.views.recommendations import RecommendationsPage

    source = t.write_council_csv(tmp_path / "s.csv", t.SCRUTINY_TITLE, t.SCRUTINY_HEADERS, t.SCRUTINY[:1])
    assert import_tracker(db, source, today=AS_OF).written
    page = RecommendationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.detail is not None, timeout=10000)
    qtbot.mouseClick(page.buttons["status"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_dialog is not None and page.current_dialog.isVisible())
    dialog = page.current_dialog
    assert dialog is not None and dialog.windowTitle() == "Record the completion date"
    dialog.implemented_on.setDate(QDate(2024, 1, 5))  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.isVisible())
    assert "is before the date it was raised" in dialog.problem.text()
    dialog.implemented_on.setDate(QDate(2025, 9, 1))  # type: ignore[attr-defined]
    before = page.detail
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_dialog is None and page.detail is not before, timeout=10000)
    assert page.detail is not None and page.detail.implemented_on == date(2025, 9, 1)
    assert page.detail.status is Status.IMPLEMENTED and "Not recorded" not in page.detail_view.toPlainText()


def test_every_control_of_the_column_page_has_a_name(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    from tests.ui.accessibility import unnamed_widgets

    source = t.write_council_xlsx(
        tmp_path / "audit.xlsx",
        t.AUDIT_TITLE,
        t.AUDIT_HEADERS,
        t.AUDIT,
        key=t.AUDIT_KEY,
        key_first=True,
        groups=t.AUDIT_GROUPS,
    )
    wizard = _open(ctx, qtbot, source)
    _press(wizard, qtbot, QWizard.WizardButton.NextButton)
    assert wizard.mapping_page.rag_combo.isVisible() and wizard.mapping_page.sheet_combo.isVisible()
    assert unnamed_widgets(wizard.mapping_page) == []
