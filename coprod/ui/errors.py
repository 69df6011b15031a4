"""Showing a problem to the user: one plain sentence, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from coprod.domain.errors import CoprodError
from coprod.i18n import describe, tr

log = logging.getLogger(__name__)


def plain_message(exc: BaseException) -> str:
    if isinstance(exc, CoprodError):
        return describe(exc)
    log.error("unexpected problem", exc_info=exc)
    return tr("ui.unexpected", reason=str(exc).splitlines()[0] if describe(exc) else type(exc).__name__)


def show_problem(parent: QWidget | None, exc: BaseException, *, way_forward: str = "") -> None:
    text = plain_message(exc)
    if way_forward:
        text = f"{text} {way_forward}"
    box = QMessageBox(QMessageBox.Icon.Warning, tr("ui.problem"), text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(tr("ui.problem"))
    box.open()
