"""The Risks page's three tables: the register, a risk's score history and its mitigations.
Bands and trends are shown as words (and an arrow), never colour alone."""

from __future__ import annotations

from coprod.i18n import label, tr
from coprod.i18n.dates import day
from coprod.services.reports.risks import flags, label_status, score_text, trend_text
from coprod.services.risks.view import MitigationLag, RiskRow, ScoreEntry
from coprod.ui.models.base import Column

RISK_COLUMNS: list[Column[RiskRow]] = [
    Column(tr("risk.col.reference"), lambda r: r.reference),
    Column(tr("risk.col.title"), lambda r: r.title),
    Column(tr("risk.col.owner"), lambda r: r.owner or ""),
    Column(tr("risk.col.level"), lambda r: label(r.level)),
    Column(tr("risk.col.status"), lambda r: label(r.status)),
    Column(tr("risk.col.inherent"), lambda r: score_text(r.inherent_score, r.inherent_band)),
    Column(tr("risk.col.current"), lambda r: score_text(r.current_score, r.current_band)),
    Column(tr("risk.col.target"), lambda r: score_text(r.target_score, r.target_band)),
    Column(tr("risk.col.trend"), trend_text, spoken=lambda r: label(r.trend)),
    Column(tr("risk.col.next_review"), lambda r: day(r.next_review_on)),
    Column(tr("risk.col.flags"), lambda r: "; ".join(flags(r))),
]

HISTORY_COLUMNS: list[Column[ScoreEntry]] = [
    Column(tr("risk.col.reviewed_on"), lambda h: day(h.reviewed_on)),
    Column(tr("risk.col.score"), lambda h: str(h.score), align_right=True),
    Column(tr("risk.col.likelihood"), lambda h: str(h.likelihood), align_right=True),
    Column(tr("risk.col.impact"), lambda h: str(h.impact), align_right=True),
    Column(tr("risk.col.reviewer"), lambda h: h.reviewer or ""),
    Column(tr("risk.col.note"), lambda h: h.note or ""),
]

MITIGATION_COLUMNS: list[Column[MitigationLag]] = [
    Column(tr("risk.col.reference"), lambda m: m.reference or ""),
    Column(tr("risk.col.mitigation"), lambda m: m.title),
    Column(tr("risk.col.mitigation_status"), lambda m: label_status(m.status)),
    Column(tr("risk.col.lag"), lambda m: "" if m.lag_days is None else str(m.lag_days), align_right=True),
    Column(
        tr("risk.col.idle"),
        lambda m: "" if m.days_since_update is None else str(m.days_since_update),
        align_right=True,
    ),
    Column(tr("risk.col.late"), lambda m: tr("risk.yes") if m.late else tr("risk.no")),
]
