"""The readable copy of a subject access file: plain sections, in the reports' font."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate, Spacer

from coprod.i18n import N_, tr
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


def _lines(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{k.replace('_', ' ')}: {_shown(v)}" for k, v in value.items()]
    return [str(value)]


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def render_sar(data: dict[str, Any], path: Path) -> None:
    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=2)
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4, keepWithNext=1
    )
    title = ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=6)
    story: list[Any] = [
        TextBlock(tr("sar.title", code=data["identity"]["code"]), title),
        TextBlock(tr("sar.prepared", when=data["prepared_at"]), body),
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
