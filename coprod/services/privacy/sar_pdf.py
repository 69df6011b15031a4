"""The readable copy of a subject access file: plain sections, in the reports' font."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate, Spacer

from coprod.domain.enums import AuditAction
from coprod.i18n import N_, label, tr
from coprod.i18n.dates import long_day, moment
from coprod.services.reports.fonts import register_fonts
from coprod.services.reports.pdf_text import TextBlock

SECTIONS = (
    ("identity", N_("sar.identity")),
    ("consents", N_("sar.consents")),
    ("sessions", N_("sar.sessions")),
    ("said", N_("sar.said")),
    ("recommendations", N_("sar.recommendations")),
    ("audit_events", N_("sar.audit")),
    ("other_versions", N_("sar.other_versions")),
    ("to_check", N_("sar.to_check")),
)


# What each value is called in the readable copy (the JSON keeps its own names).
LABELS = {
    "code": N_("sar.label.code"),
    "name": N_("sar.label.name"),
    "contact": N_("sar.label.contact"),
    "lawful_basis": N_("sar.label.lawful_basis"),
    "recorded_on": N_("sar.label.recorded_on"),
    "retain_until": N_("sar.label.retain_until"),
    "use": N_("sar.label.use"),
    "given_on": N_("sar.label.given_on"),
    "how": N_("sar.label.how"),
    "wording": N_("sar.label.wording"),
    "withdrawn_on": N_("sar.label.withdrawn_on"),
    "title": N_("sar.label.title"),
    "held_on": N_("sar.label.held_on"),
    "format": N_("sar.label.format"),
    "session": N_("sar.label.session"),
    "recorded_at": N_("sar.label.recorded_at"),
    "text": N_("sar.label.text"),
    "quoted_word_for_word": N_("sar.label.quoted"),
    "themes": N_("sar.label.themes"),
    "deleted": N_("sar.label.deleted"),
    "reference": N_("sar.label.reference"),
    "status": N_("sar.label.status"),
    "at": N_("sar.label.at"),
    "by": N_("sar.label.by"),
    "action": N_("sar.label.action"),
    "record": N_("sar.label.record"),
    "fields": N_("sar.label.fields"),
    "about": N_("sar.label.about"),
    "field": N_("sar.label.field"),
    "in_force": N_("sar.label.in_force"),
    "other_version": N_("sar.label.other_version"),
    "kept_on": N_("sar.label.kept_on"),
    "settled": N_("sar.label.settled"),
    "feedback_id": N_("sar.label.feedback_id"),
}
RECORDS = {
    "participant": N_("sar.about_details"),
    "consent": N_("sar.record.consent"),
    "feedback": N_("sar.about_words"),
}
_DAYS = frozenset({"recorded_on", "retain_until", "given_on", "withdrawn_on", "held_on", "kept_on"})
_MOMENTS = frozenset({"recorded_at", "at"})


def _lines(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{tr(LABELS[k]) if k in LABELS else k}: {_shown(k, v)}" for k, v in value.items()]
    return [str(value)]


def _shown(key: str, value: Any) -> str:
    """A value as the person reads it: dates and times written out, yes or no, plain words."""
    if value is None or value == "" or value == []:
        return tr("sar.not_recorded")
    if isinstance(value, bool):
        return tr("sar.yes") if value else tr("sar.no")
    if key in _DAYS:
        return long_day(date.fromisoformat(str(value)))
    if key in _MOMENTS:
        return moment(datetime.fromisoformat(str(value)).astimezone())
    if key == "action" and value in set(AuditAction):
        return label(AuditAction(value))
    if key == "record":
        return tr(RECORDS[value]) if value in RECORDS else str(value).replace("_", " ")
    if isinstance(value, list):
        return ", ".join(str(v).replace("_", " ") if key == "fields" else str(v) for v in value)
    return str(value)


def render_sar(data: dict[str, Any], path: Path) -> None:
    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=2)
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4, keepWithNext=1
    )
    title = ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=6)
    story: list[Any] = [
        TextBlock(tr("sar.title", code=data["identity"]["code"]), title),
        TextBlock(
            tr("sar.prepared", when=moment(datetime.fromisoformat(data["prepared_at"]).astimezone())), body
        ),
    ]
    for key, heading in SECTIONS:
        story.append(TextBlock(tr(heading), head))
        items = data[key]
        if isinstance(items, dict):
            story += [TextBlock(line, body) for line in _lines(items)]
            continue
        if not items:
            story.append(TextBlock(tr("sar.none"), body))
        for item in items:
            story += [TextBlock(line, body) for line in _lines(item)]
            story.append(Spacer(1, 4))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=tr("sar.title", code=data["identity"]["code"]),
        lang="en-GB",
    )
    doc.build(story)
