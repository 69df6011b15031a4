"""Choose the easy read picture for a theme: one from the bundled set, or the council's own file."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFileDialog, QPushButton, QWidget

from coprod.i18n import tr
from coprod.services.reports import pictures
from coprod.ui.context import AppContext
from coprod.ui.dialogs.base import FormDialog
from coprod.ui.operations import pictures as ops

_USUAL = ""  # the set's own picture for the theme


class ThemePictureDialog(FormDialog):
    def __init__(
        self, ctx: AppContext, *, themes: list[str], chosen: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, tr("pictures.title"), parent)
        self.chosen = chosen
        self.theme = QComboBox(self)
        self.theme.addItems(themes)
        self.add_row(tr("pictures.f_theme"), self.theme)
        self.picture = QComboBox(self)
        self.picture.addItem(tr("pictures.usual"), _USUAL)
        for name in pictures.names():
            self.picture.addItem(pictures.named(name).alt, name)
        self.add_row(tr("pictures.f_picture"), self.picture)
        self.own = QPushButton(tr("pictures.own"), self)
        self.own.setAccessibleName(tr("pictures.own").replace("&", ""))
        self.own.clicked.connect(self.choose_file)
        self.form.addRow(self.own)
        self.theme.currentIndexChanged.connect(self._show_choice)
        self._show_choice()

    def _show_choice(self) -> None:
        current = self.chosen.get(self.theme.currentText().casefold(), _USUAL)
        index = self.picture.findData(current)
        if index < 0:  # the council's own file
            self.picture.addItem(current, current)
            index = self.picture.count() - 1
        self.picture.setCurrentIndex(index)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("pictures.own_title"), "", "*.png *.svg")
        if path:
            self.picture.addItem(path, path)
            self.picture.setCurrentIndex(self.picture.count() - 1)

    def submit(self) -> None:
        ops.choose(
            self.ctx,
            theme=self.theme.currentText(),
            picture=self.picture.currentData() or "",
            initiator=self,
            on_done=self.saved,
            on_error=self.show_error,
        )
