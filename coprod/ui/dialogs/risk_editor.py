"""Making a new risk, and choosing the recommendations that mitigate a risk."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from coprod.domain.risk import RiskCategory, RiskLevel, RiskStatus
from coprod.i18n import label, tr
from coprod.services.risks.register import RiskIn
from coprod.ui.dialogs.risk_actions import RiskDialog


class MitigationsDialog(RiskDialog):
    """Tick the recommendations that mitigate a risk; the box above narrows the list."""

    def __init__(
        self,
        reference: str,
        choices: list[tuple[uuid.UUID, str]],
        linked: set[uuid.UUID],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("risk.page.link_title", reference=reference), parent)
        self.find_edit = QLineEdit(self)
        self.find_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for rid, text in choices:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, rid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if rid in linked else Qt.CheckState.Unchecked)
        self.add(tr("risk.page.link_filter"), self.find_edit)
        self.add(tr("risk.page.link_list"), self.list)
        self.find_edit.textChanged.connect(self._narrow)
        self.resize(640, 480)
        self.find_edit.setFocus()

    def _narrow(self, text: str) -> None:
        words = text.casefold().split()
        for n in range(self.list.count()):
            item = self.list.item(n)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def chosen(self) -> list[uuid.UUID]:
        return [
            self.list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]


class NewRiskDialog(RiskDialog):
    """A new risk: the description must be a cause, an event and an effect."""

    def __init__(
        self,
        *,
        identified_on: date,
        parent: QWidget | None = None,
        editing: RiskIn | None = None,
        owner: str | None = None,
    ) -> None:
        title = (
            tr("risk.page.edit_title", reference=editing.reference) if editing else tr("risk.page.new_title")
        )
        super().__init__(title, parent)
        self.identified_on = editing.identified_on if editing else identified_on
        self.editing = editing
        self.reference = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.cause, self.event_edit, self.effect = (self._text() for _ in range(3))
        self.category = QComboBox(self)
        for c in RiskCategory:
            self.category.addItem(label(c), c)
        self.level = QComboBox(self)
        for lv in RiskLevel:
            self.level.addItem(label(lv), lv)
        self.owner = QLineEdit(self)
        self.ratings: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        self.controls, self.actions_edit = self._text(), self._text()
        self.review_months = QSpinBox(self)
        self.review_months.setRange(1, 12)
        self.review_months.setValue(3)
        self.add(tr("risk.page.f.reference"), self.reference)
        self.add(tr("risk.page.f.title"), self.title_edit)
        self.add(tr("risk.page.f.cause"), self.cause)
        self.add(tr("risk.page.f.event"), self.event_edit)
        self.add(tr("risk.page.f.effect"), self.effect)
        self.add(tr("risk.page.f.category"), self.category)
        self.add(tr("risk.page.f.level"), self.level)
        self.add(tr("risk.page.f.owner"), self.owner)
        for key in ("inherent", "current", "target"):
            self._pair(key)
        self.add(tr("risk.page.f.controls"), self.controls)
        self.add(tr("risk.page.f.actions"), self.actions_edit)
        self.add(tr("risk.page.f.review_months"), self.review_months)
        self.status = QComboBox(self)
        for st in RiskStatus:
            self.status.addItem(label(st), st)
        self.status.setAccessibleName(tr("risk.page.f.status").replace("&", ""))
        if editing is not None:
            self.add(tr("risk.page.f.status"), self.status)
            self._fill(editing, owner)
        else:
            self.status.hide()
        self.reference.setFocus()

    def _fill(self, r: RiskIn, owner: str | None) -> None:
        self.reference.setText(r.reference)
        self.title_edit.setText(r.title)
        for edit, words in ((self.cause, r.cause), (self.event_edit, r.event), (self.effect, r.effect)):
            edit.setPlainText(words)
        for edit, notes in ((self.controls, r.controls), (self.actions_edit, r.actions)):
            edit.setPlainText(notes or "")
        self.category.setCurrentIndex(self.category.findData(r.category))
        self.level.setCurrentIndex(self.level.findData(r.level))
        self.status.setCurrentIndex(self.status.findData(r.status))
        self.owner.setText(owner or "")
        self.review_months.setValue(r.review_months)
        for key, pair in (("inherent", r.inherent), ("current", r.current), ("target", r.target)):
            for spin, value in zip(self.ratings[key], pair, strict=True):
                spin.setValue(value)
        for spin in self.ratings["current"]:
            spin.setEnabled(False)
            spin.setToolTip(tr("risk.page.current_by_review"))

    def _text(self) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3)
        return edit

    def _pair(self, key: str) -> None:
        caption = tr(f"risk.page.f.{key}")
        what = caption.replace("&", "").split(" likelihood")[0]
        host = QWidget(self)
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        spins = []
        for name in ("risk.page.f.likelihood_of", "risk.page.f.impact_of"):
            spin = QSpinBox(host)
            spin.setRange(1, 5)
            spin.setValue(3)
            spin.setAccessibleName(tr(name, what=what))
            row.addWidget(spin)
            spins.append(spin)
        row.addStretch(1)
        self.ratings[key] = (spins[0], spins[1])
        self.add(caption, host)
        host.setAccessibleName(caption.replace("&", ""))
        caption_label = self.form.labelForField(host)
        assert isinstance(caption_label, QLabel)  # add() gave it one
        caption_label.setBuddy(spins[0])

    def risk_in(self) -> RiskIn:
        def pair(key: str) -> tuple[int, int]:
            a, b = self.ratings[key]
            return (a.value(), b.value())

        return RiskIn(
            reference=self.reference.text().strip(),
            title=self.title_edit.text().strip(),
            cause=self.cause.toPlainText(),
            event=self.event_edit.toPlainText(),
            effect=self.effect.toPlainText(),
            inherent=pair("inherent"),
            current=pair("current"),
            target=pair("target"),
            identified_on=self.identified_on,
            category=RiskCategory(self.category.currentData()),
            level=RiskLevel(self.level.currentData()),
            controls=self.controls.toPlainText().strip() or None,
            actions=self.actions_edit.toPlainText().strip() or None,
            review_months=self.review_months.value(),
            status=RiskStatus(self.status.currentData()) if self.editing else RiskStatus.OPEN,
        )
