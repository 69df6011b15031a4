"""The import wizard, driven as a user would: type a path, check columns, read problems, import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlmodel import select

from coprod.domain.models import Recommendation
from coprod.persistence.database import Database
from coprod.ui.context import AppContext
from coprod.ui.dialogs.import_wizard import ImportWizard
from tests.conftest import AS_OF
from tests.trackers import GOOD, HEADERS, write_csv


@pytest.fixture
def ctx(db: Database, qtbot: QtBot) -> Iterator[AppContext]:
    context = AppContext.create(db, as_of=AS_OF)
    yield context
    context.runner.wait()


def _titles(db: Database) -> list[str]:
    with db.reading() as s:
        return sorted(s.exec(select(Recommendation.title)).all())


def _open(ctx: AppContext, qtbot: QtBot, path: Path) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    return wizard


def _next(
    wizard: ImportWizard, qtbot: QtBot, button: QWizard.WizardButton = QWizard.WizardButton.NextButton
) -> None:
    qtbot.waitUntil(lambda: wizard.button(button).isEnabled() and wizard.button(button).isVisible())
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def test_import_a_clean_tracker(ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _open(ctx, qtbot, write_csv(tmp_path / "tracker.csv", GOOD))
    _next(wizard, qtbot)
    combos = wizard.mapping_page.combos
    assert combos[HEADERS.index("Ref")].currentText() == "Reference"
    assert combos[HEADERS.index("Date raised")].currentText() == "Raised on (required)"
    assert "Session" not in [c.currentText() for c in combos.values()]
    _next(wizard, qtbot)
    qtbot.waitUntil(lambda: "can be imported" in wizard.check_page.summary_label.text())
    assert "(3 in all): new 3" in wizard.check_page.summary_label.text()
    assert _titles(db) == []  # checking wrote nothing
    with (
        qtbot.waitSignal(wizard.sig_imported, timeout=10000) as imported,
        qtbot.waitSignal(ctx.bus.sig_changed, timeout=10000),
    ):
        _next(wizard, qtbot, QWizard.WizardButton.CommitButton)
    assert imported.args[0].created == 3
    assert "New recommendations: 3;" in wizard.result_page.result_label.text()
    assert len(_titles(db)) == 3
    _next(wizard, qtbot, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()


def test_problems_are_listed_and_good_rows_can_go_in_alone(
    ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path, qtmodeltester: object
) -> None:
    bad = ["R-9", "Undated", "", "", "", "", "", "", "", "", "new", "", "", "", ""]
    wizard = _open(ctx, qtbot, write_csv(tmp_path / "tracker.csv", [GOOD[0], bad]))
    _next(wizard, qtbot)
    _next(wizard, qtbot)
    page = wizard.check_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    index = page.model.index(0, 2)
    assert page.model.data(index).startswith("this row has no date raised")
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole) == "Row: 3"
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled()
    assert "Rows with problems: 1 of 2" in page.summary_label.text()
    page.skip_box.click()
    assert commit.isEnabled()
    with qtbot.waitSignal(wizard.sig_imported, timeout=10000):
        _next(wizard, qtbot, QWizard.WizardButton.CommitButton)
    assert _titles(db) == ["Weekend respite for carers"]
    assert (tmp_path / "tracker-rejects.csv").exists()
    assert "tracker-rejects.csv" in wizard.result_page.result_label.text()


def test_columns_can_be_chosen_by_hand(ctx: AppContext, db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    headers = ["What", "When", "Where we are"]  # nothing coprod recognises
    wizard = _open(
        ctx,
        qtbot,
        write_csv(tmp_path / "odd.csv", [["Ramps at the library", "2025-01-01", "new"]], headers=headers),
    )
    _next(wizard, qtbot)
    page = wizard.mapping_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # required columns are not matched yet
    assert "Recommendation, Raised on, Status" in page.problem_label.text()
    for index, field in enumerate(("recommendation", "raised_on", "status")):
        combo = page.combos[index]
        combo.setFocus()
        combo.setCurrentIndex(combo.findData(field))
    assert next_button.isEnabled() and not page.problem_label.text()
    _next(wizard, qtbot)
    qtbot.waitUntil(lambda: "can be imported" in wizard.check_page.summary_label.text())
    with qtbot.waitSignal(wizard.sig_imported, timeout=10000):
        _next(wizard, qtbot, QWizard.WizardButton.CommitButton)
    assert _titles(db) == ["Ramps at the library"]


def test_a_missing_file_is_one_sentence_on_the_first_page(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = _open(ctx, qtbot, tmp_path / "nowhere.csv")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error_label.text().startswith("There is no file at")


def test_every_control_has_an_accessible_name(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView

    wizard = _open(ctx, qtbot, write_csv(tmp_path / "t.csv", GOOD, headers=HEADERS))
    for kind in (QLineEdit, QComboBox, QTableView):
        widgets = wizard.findChildren(kind)
        assert widgets
        for widget in widgets:
            assert widget.accessibleName(), widget
    for button in (b for b in wizard.findChildren(QAbstractButton) if b.isEnabled()):
        assert button.accessibleName() or button.text().replace("&", ""), button
