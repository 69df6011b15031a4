"""A Word copy of any report, for an officer to edit before publishing.

Real heading styles (Heading 1 for the title, 2 per section, 3 per entry, 4 per part), data
tables with a header row repeated on every page and a caption, alt text on every picture,
and the document's title and language set, so Word's own "Save as PDF" gives a tagged,
accessible PDF (ReportLab cannot tag its PDFs).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from coprod.i18n import tr
from coprod.i18n.dates import long_day
from coprod.services.reports.content import (
    BarChart,
    Block,
    Bullets,
    Entry,
    Facts,
    Para,
    Point,
    Quote,
    Report,
    Table,
)
from coprod.services.reports.pdf_styles import BODY_PT, EASY_PT

_FONT = "Arial"
_ACCENT = RGBColor(0x00, 0x57, 0x6B)


def render(report: Report, path: Path) -> None:
    doc = Document()
    _setup(doc, report)
    if report.council_name:
        doc.add_paragraph().add_run(report.council_name).bold = True
    doc.add_heading(report.title, level=1)
    if report.subtitle:
        doc.add_paragraph(report.subtitle)
    if report.notice:
        doc.add_paragraph().add_run(report.notice).bold = True
    for section in report.sections:
        doc.add_heading(section.heading, level=2)
        for block in section.blocks:
            _block(doc, block, report.easy_read)
    doc.add_paragraph(tr("report.generated", today=long_day(date.today())))
    doc.save(str(path))


def _setup(doc: WordDocument, report: Report) -> None:
    props = doc.core_properties
    props.title = report.title + (f": {report.subtitle}" if report.subtitle else "")
    props.author = report.author
    props.subject = report.subject
    props.language = report.lang
    props.keywords = report.kind
    size = EASY_PT if report.easy_read else BODY_PT
    styled = ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Caption", "Quote", "List Bullet")
    for name in styled:
        style = doc.styles[name]
        style.font.name = _FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), _FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), report.lang)
        if name.startswith("Heading"):
            style.font.color.rgb = _ACCENT if name != "Heading 4" else RGBColor(0x1D, 0x1D, 0x1B)
            style.font.italic = False
        if name in ("Normal", "List Bullet", "Quote", "Caption"):
            style.font.size = Pt(size)
    doc.styles["Quote"].font.italic = False  # bold not italics in easy read
    doc.styles["Caption"].font.bold = True
    doc.styles["Caption"].font.color.rgb = RGBColor(0x1D, 0x1D, 0x1B)
    headings = {"Heading 1": size + 12, "Heading 2": size + 6, "Heading 3": size + 3, "Heading 4": size}
    for name, pt in headings.items():
        doc.styles[name].font.size = Pt(pt)


def _block(doc: WordDocument, block: Block, easy: bool) -> None:
    if isinstance(block, Entry):
        _entry(doc, block, easy)
    elif isinstance(block, Point):
        _point(doc, block.label, block.blocks, block.picture, block.alt, easy)
    elif isinstance(block, Para):
        p = doc.add_paragraph(block.text)
        if block.lead:
            for run in p.runs:
                run.font.size = Pt((EASY_PT if easy else BODY_PT) + 1)
    elif isinstance(block, Quote):
        doc.add_paragraph(f"“{block.text}”", style="Quote")
        if block.source:
            doc.add_paragraph(f"({block.source})")
    elif isinstance(block, Bullets):
        for item in block.items:
            doc.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Facts):
        _table(doc, "", [], [list(p) for p in block.pairs], bold_first=True)
    elif isinstance(block, Table):
        _table(doc, block.caption, block.headers, block.rows, numeric=block.numeric)
    elif isinstance(block, BarChart):
        rows = [[c, f"{v:.0f}"] for c, v in zip(block.categories, block.values, strict=True)]
        _table(doc, block.title, [tr("report.chart_group"), block.unit], rows, numeric=frozenset({1}))
        doc.add_paragraph(block.description)


def _entry(doc: WordDocument, entry: Entry, easy: bool) -> None:
    doc.add_heading(entry.heading, level=3)
    if entry.status:
        p = doc.add_paragraph()
        p.add_run(tr("report.status_label") + " ").bold = True
        p.add_run(entry.status)
    for part in entry.parts:
        if easy:
            _point(doc, part.label, part.blocks, part.picture, part.alt, easy)
        else:
            doc.add_heading(part.label, level=4)
            for block in part.blocks:
                _block(doc, block, easy)


def _png_for(picture: str) -> str | None:
    """Word needs a bitmap: the PNG made beside each bundled SVG, or the officer's own PNG."""
    path = Path(picture)
    if path.suffix.lower() == ".png" and path.is_file():
        return str(path)
    png = path.with_suffix(".png")
    return str(png) if png.is_file() else None


def _point(doc: WordDocument, label: str, blocks: list[Block], picture: str, alt: str, easy: bool) -> None:
    """A picture with its words beside it, then the point's heading and sentences."""
    png = _png_for(picture) if picture else None
    doc.add_heading(label, level=4)
    if png is not None:
        run = doc.add_paragraph().add_run()
        run.add_picture(png, width=Cm(2.2))
        for pr in run._r.xpath(".//wp:docPr"):
            pr.set("descr", alt)
            pr.set("title", alt)
    for block in blocks:
        _block(doc, block, easy)


def _table(
    doc: WordDocument,
    caption: str,
    headers: list[str],
    rows: list[list[str]],
    *,
    numeric: frozenset[int] = frozenset(),
    bold_first: bool = False,
) -> None:
    if caption:
        doc.add_paragraph(caption, style="Caption")
    cols = len(headers) if headers else max((len(r) for r in rows), default=1)
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if caption:
        _describe_table(table, caption)
    if headers:
        cells = table.add_row().cells
        for cell, text in zip(cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            run = cell.paragraphs[0].add_run(text)
            run.bold = bold_first and i == 0
            if i in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _repeat_header(row: object) -> None:
    """Word repeats this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _describe_table(table: object, caption: str) -> None:
    """The table's alt text (title and description), read by screen readers and Word's checker."""
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", caption)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value[:255])
        tbl_pr.append(el)
