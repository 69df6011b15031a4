"""The audit log: events merged from another copy say so, and saving it is on the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent
from coprod.persistence import database as database_module
from coprod.persistence.database import Database
from coprod.ui.context import AppContext
from coprod.ui.views.audit_log import AuditLogView
from tests.processes import write_lock


def test_an_event_merged_from_a_file_names_the_file_beside_its_actor(
    db: Database, ctx: AppContext, qtbot: QtBot
) -> None:
    with db.transaction() as s:
        s.add(
            AuditEvent(
                actor="chief.executive",
                device_id="x",
                action=AuditAction.UPDATE,
                table_name="recommendation",
                row_id="r1",
                changes={"title": ["a", "b"]},
                merged_from="theirs.coprod.json",
            )
        )
    view = AuditLogView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.reload()
    actors = {view.model.row_values(r)[1] for r in range(view.model.rowCount())}
    assert "chief.executive (merged from theirs.coprod.json)" in actors


@pytest.mark.sqlite_only  # a locked file
def test_saving_the_log_from_a_locked_database_keeps_no_file(
    db: Database,
    db_path: Path,
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = AuditLogView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.sig_loaded, timeout=10000):
        view.reload()
    out = tmp_path / "audit-log.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)  # give up on the lock sooner:
    db.engine.dispose()  # the connections made from here on
    with write_lock(db_path):
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "in use by another program" in view.status_label.text(), timeout=15000)
    assert not out.exists()
