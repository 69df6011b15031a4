"""Type and colour for printed reports: sans-serif, left aligned, 12 pt body (16 pt easy read).

Colours are dark enough on white for print and low vision; status is always written in
words, so nothing depends on colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from coprod.services.reports.fonts import register_fonts

INK = colors.HexColor("#1d1d1b")
ACCENT = colors.HexColor("#00576b")  # headings: deep teal, 8.9:1 on white
MUTED = colors.HexColor("#4a4a48")
RULE = colors.HexColor("#8a8a86")
SHADE = colors.HexColor("#eef3f4")
BODY_PT, EASY_PT = 12, 16


@dataclass(frozen=True)
class Styles:
    easy: bool
    gap: float
    h1: ParagraphStyle
    subtitle: ParagraphStyle
    notice: ParagraphStyle
    council: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    body: ParagraphStyle
    lead: ParagraphStyle
    status: ParagraphStyle
    quote: ParagraphStyle
    quote_source: ParagraphStyle
    bullet: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_num: ParagraphStyle
    cell_head: ParagraphStyle
    small: ParagraphStyle


def styles_for(easy: bool) -> Styles:
    regular, bold = register_fonts()
    size = EASY_PT if easy else BODY_PT
    lead = size * 1.45

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": regular,
            "fontSize": size,
            "leading": lead,
            "textColor": INK,
            "spaceAfter": size * 0.5,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    def heading(name: str, pt: float, **kw: object) -> ParagraphStyle:
        values: dict[str, object] = {
            "fontName": bold,
            "fontSize": pt,
            "leading": pt * 1.25,
            "textColor": ACCENT,
            "keepWithNext": 1,
        }
        values.update(kw)
        return style(name, **values)

    return Styles(
        easy=easy,
        gap=size * 0.9,
        h1=heading("h1", size + 16, spaceAfter=6),
        subtitle=style(
            "subtitle", fontSize=size + 2, leading=(size + 2) * 1.4, textColor=MUTED, spaceAfter=18
        ),
        notice=style(
            "notice",
            fontName=bold,
            borderWidth=2,
            borderColor=INK,
            borderPadding=(6, 8, 6, 8),
            spaceBefore=4,
            spaceAfter=18,
        ),
        council=style("council", fontName=bold, fontSize=size + 2, leading=(size + 2) * 1.3),
        h2=heading("h2", size + 8, spaceBefore=size * 1.4, spaceAfter=size * 0.6),
        h3=heading("h3", size + 3, spaceBefore=size * 0.9, spaceAfter=size * 0.25),
        h4=heading("h4", size, spaceBefore=size * 0.3, spaceAfter=size * 0.15, textColor=INK),
        body=style("body"),
        lead=style("lead", fontSize=size + 1, leading=(size + 1) * 1.45),
        status=style("status", textColor=INK, spaceAfter=size * 0.3),
        quote=style(
            "quote",
            leftIndent=0.5 * cm,
            rightIndent=0.5 * cm,
            backColor=SHADE,
            borderPadding=(6, 8, 6, 8),
            spaceBefore=6,
            spaceAfter=size * 0.9,
        ),
        quote_source=style("quote_source", leftIndent=0.5 * cm, textColor=MUTED, spaceBefore=-size * 0.5),
        bullet=style(
            "bullet",
            leftIndent=size * 1.3,
            bulletIndent=size * 0.2,
            bulletFontName=regular,
            bulletFontSize=size,
            spaceAfter=size * 0.25,
        ),
        caption=style("caption", fontName=bold, spaceBefore=size * 0.5, keepWithNext=1),
        cell=style("cell", spaceAfter=0, leading=size * 1.3),
        cell_bold=style("cell_bold", fontName=bold, spaceAfter=0, leading=size * 1.3),
        cell_num=style("cell_num", alignment=TA_RIGHT, spaceAfter=0, leading=size * 1.3),
        cell_head=style("cell_head", fontName=bold, spaceAfter=0, leading=size * 1.3),
        small=style("small", textColor=MUTED),
    )
