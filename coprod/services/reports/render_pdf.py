"""Print PDF with ReportLab: A4, bundled Unicode font, bookmarks, page numbers, metadata.

Long reports are laid out from many small flowables (one per paragraph, entry part or table
chunk), never one huge Table, so time grows in step with the number of entries. ReportLab
cannot tag a PDF for screen readers; the HTML from the same content is the accessible one.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Spacer,
)
from reportlab.platypus import Table as RLTable

from coprod.i18n import tr
from coprod.i18n.dates import long_day
from coprod.services.common.tasks import TaskState
from coprod.services.reports.charts import bar_chart, chart_height
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
from coprod.services.reports.fonts import register_fonts
from coprod.services.reports.pdf_grid import PAD_X, Grid
from coprod.services.reports.pdf_stack import Stack, kept_with_headings, stackable
from coprod.services.reports.pdf_styles import INK, MUTED, RULE, SHADE, Styles, styles_for
from coprod.services.reports.pdf_text import KeepPair, TextBlock, draw_string


@dataclass
class _Mark:
    key: str
    title: str
    level: int


# ReportLab takes each flowable from the front of the story list (and puts split parts back
# there), which moves the whole rest of the list every time: for 100,000 flowables that alone
# made time per entry grow with the length of the report. It is handed the story in chunks.
CHUNK = 500
LOOKAHEAD = 64  # always this many queued, so keep-with-next and page-break checks see ahead


class _Doc(BaseDocTemplate):
    """Adds a PDF bookmark for every flowable carrying a `_mark`, and reports progress."""

    state: TaskState | None = None
    total = 0
    done = 0
    _rest: Iterator[Flowable] | None = None
    _queue: list[Flowable] | None = None

    def build_story(self, story: list[Flowable], canvasmaker: type[Canvas]) -> None:
        self.total = len(story)
        self._rest = islice(story, CHUNK, None)
        self._queue = story[:CHUNK]
        self.build(self._queue, canvasmaker=canvasmaker)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        # ReportLab also hands its own list of held-back flowables here: only the story refills.
        if flowables is self._queue and self._rest is not None and len(flowables) < LOOKAHEAD:
            more = list(islice(self._rest, CHUNK))
            if len(more) < CHUNK:
                self._rest = None
            flowables.extend(more)
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        self.done += 1
        if self.state is not None and self.done % 20 == 0:
            self.state.check()  # Cancel stops layout here; the temporary file is removed
            self.state.set_progress(min(self.done, self.total), self.total)
        mark: _Mark | None = getattr(flowable, "_mark", None)
        if mark is not None:
            self.canv.bookmarkPage(mark.key)
            self.canv.addOutlineEntry(mark.title, mark.key, level=mark.level, closed=mark.level > 0)


# ReportLab encodes each of the half a million small pieces of a long PDF (numbers, names,
# "12 0 obj") with its own PDFDocEncoding codec, written in Python. For ASCII without the
# eight control characters that encoding redefines, it gives exactly the ASCII bytes.
_NOT_PLAIN_ASCII = re.compile("[\x18-\x1f]")
_pdfdoc_encoded = pdfdoc.pdfdocEnc


def _pdfdoc_encoded_quickly(x: Any) -> Any:
    if isinstance(x, str) and x.isascii() and not _NOT_PLAIN_ASCII.search(x):
        return x.encode("ascii")
    return _pdfdoc_encoded(x)


pdfdoc.pdfdocEnc = _pdfdoc_encoded_quickly


class _Deflated(pdfdoc.PDFStream):
    """A page's contents, compressed on another thread while the pages after it are finished
    and the document written (zlib lets go of the interpreter while it works). The filters
    and bytes are those ReportLab's own would give: Flate, then ASCII85 if it is set to."""

    __Comment__ = "page stream"

    def __init__(self, deflated: Future[bytes]) -> None:
        super().__init__(content=b"")
        self._deflated = deflated

    def format(self, document: Any) -> bytes:
        content: bytes | str = self._deflated.result()
        names = [pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)]
        if rl_config.useA85:
            content = pdfdoc.PDFBase85Encode.encode(content)
            names.insert(0, pdfdoc.PDFName(pdfdoc.PDFBase85Encode.pdfname))
        self.dictionary = pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray(names)})
        self.content = content
        return super().format(document)


def _compressed(stream: str) -> bytes:
    return zlib.compress(stream.encode("utf8"))  # as ReportLab's own filter


def _deflate(page: Any, pool: ThreadPoolExecutor) -> None:
    """Start compressing a finished page, as ReportLab would when writing it."""
    if page.compression and page.stream and not page.Contents:
        page.Contents = _Deflated(pool.submit(_compressed, page.stream))


def _numbered_canvas(footer_left: str, font: str) -> type[Canvas]:
    """A canvas that knows the page count at the end, for "Page 3 of 12"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="coprod-deflate") as pool:
                for state in self._pages:
                    self.__dict__.update(state)
                    width, _ = self._pagesize
                    self.setFont(font, 11)
                    self.setFillColor(MUTED)
                    draw_string(self, 2 * cm, 1.2 * cm, footer_left)
                    number = tr("report.page", page=self._pageNumber, pages=total)
                    draw_string(self, width - 2 * cm - self.stringWidth(number), 1.2 * cm, number)
                    super().showPage()
                    _deflate(self._doc.Pages.pages[-1], pool)
                super().save()

    return NumberedCanvas


def render(
    report: Report, path: Path, *, landscape_pages: bool = False, state: TaskState | None = None
) -> None:
    """Write `report` as a PDF at `path` (the caller has already guarded and checked it)."""
    regular, _bold = register_fonts()
    st = styles_for(report.easy_read)
    pagesize = landscape(A4) if landscape_pages else A4
    doc = _Doc(
        str(path),
        pagesize=pagesize,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2.2 * cm,
        title=report.title + (f": {report.subtitle}" if report.subtitle else ""),
        author=report.author,
        subject=report.subject,
        creator="coprod",
        lang=report.lang,
        keywords=[report.kind],
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer = f"{report.council_name}: {report.title}" if report.council_name else report.title
    story = list(kept_with_headings(_story(report, st, doc.width)))
    doc.state = state
    if state is not None:
        state.set_status(tr("report.laying_out"))
    doc.build_story(story, canvasmaker=_numbered_canvas(footer, regular))


def _p(text: str, style: ParagraphStyle) -> Flowable:
    return TextBlock(text, style)


def _marked(flowable: Flowable, key: str, title: str, level: int) -> Flowable:
    flowable._mark = _Mark(key, title, level)
    return flowable


def _story(report: Report, st: Styles, width: float) -> Iterator[Flowable]:
    yield from _masthead(report, st, width)
    for n, section in enumerate(report.sections):
        first = section.blocks[0] if section.blocks else None
        if isinstance(first, BarChart):
            # A heading must not sit alone at the foot of a page above a chart kept whole.
            yield CondPageBreak(chart_height(first) + 3 * cm)
        yield _marked(_p(section.heading, st.h2), f"s{n}", section.heading, 0)
        for m, block in enumerate(section.blocks):
            yield from _block(block, st, width, f"s{n}e{m}")
    yield Spacer(1, 0.6 * cm)
    yield _p(tr("report.generated", today=long_day(date.today())), st.small)


def _masthead(report: Report, st: Styles, width: float) -> Iterator[Flowable]:
    logo = _logo(report.logo_path)
    name = _p(report.council_name, st.council) if report.council_name else Spacer(1, 1)
    if logo is not None:
        head = RLTable([[name, logo]], colWidths=[width - 5 * cm, 5 * cm])
        head.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        yield head
    elif report.council_name:
        yield name
    yield Spacer(1, 0.3 * cm)
    title = _p(report.title, st.h1)
    yield _marked(title, "title", report.title, 0)
    if report.subtitle:
        yield _p(report.subtitle, st.subtitle)
    if report.notice:
        yield _p(report.notice, st.notice)


def _logo(path: str) -> Flowable | None:
    if not path or not Path(path).is_file():
        return None
    try:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(path).getSize()
    except Exception:  # noqa: BLE001  (an unreadable logo is left out, never fatal)
        return None
    height = 2 * cm
    return Image(path, width=height * w / h if h else height, height=height, hAlign="RIGHT")


def _block(block: Block, st: Styles, width: float, key: str) -> Iterator[Flowable]:
    if isinstance(block, Entry):
        yield from _entry(block, st, width, key)
    elif isinstance(block, Point):
        inner = [f for b in block.blocks for f in _block(b, st, width, key)]
        yield _easy_point(block.label, inner, st, width, block.picture)
    elif isinstance(block, Para):
        yield _p(block.text, st.lead if block.lead else st.body)
    elif isinstance(block, Quote):
        yield _p(f"“{block.text}”", st.quote)
        if block.source:
            yield _p(f"({block.source})", st.quote_source)
    elif isinstance(block, Bullets):
        for item in block.items:
            yield TextBlock(item, st.bullet, bullet="•")
    elif isinstance(block, Facts):
        yield from _facts(block, st, width)
    elif isinstance(block, Table):
        yield from _table(block, st, width)
    elif isinstance(block, BarChart):
        # Title, picture and its description stay on one page.
        yield KeepTogether(
            [
                _p(block.title, st.h3),
                bar_chart(block, width=width, font=st.body.fontName, easy=st.easy),
                _p(block.description, st.small),
            ]
        )


def _entry(entry: Entry, st: Styles, width: float, key: str) -> Iterator[Flowable]:
    head: Flowable = _marked(_p(entry.heading, st.h3), key, entry.heading, 1)
    if entry.status:
        status = TextBlock(entry.status, st.status, bold_prefix=(tr("report.status_label"), st.h4.fontName))
        head = KeepPair(head, status)
    body: list[Flowable] = []
    for part in entry.parts:
        flowables: list[Flowable] = []
        for block in part.blocks:
            flowables.extend(_block(block, st, width, key))
        if st.easy:
            body.append(_easy_point(part.label, flowables, st, width, part.picture))
        elif flowables:
            body.append(KeepPair(_p(part.label, st.h4), flowables[0]))
            body.extend(flowables[1:])
        else:
            body.append(_p(part.label, st.h4))
    # The heading never stands alone at the foot of a page: it goes with the first point.
    items = [KeepPair(head, body[0]) if body else head, *body[1:], Spacer(1, st.gap)]
    if stackable(items):
        yield Stack(items)
    else:
        yield from items


@lru_cache(maxsize=64)
def _svg(path: str) -> Any:
    from svglib.svglib import svg2rlg

    return svg2rlg(path)


class _Pictogram(Flowable):
    """An SVG picture as vector graphics, drawn once per file into a PDF form and reused, so
    forty "You said" bubbles cost one drawing."""

    def __init__(self, path: str, art: Any, side: float) -> None:
        super().__init__()
        self.art, self.side = art, side
        self.form = "pic" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:12]

    def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        c = self.canv
        if not c.hasForm(self.form):
            c.beginForm(self.form, lowerx=0, lowery=0, upperx=self.art.width, uppery=self.art.height)
            renderPDF.draw(self.art, c, 0, 0)
            c.endForm()
        scale = self.side / max(self.art.width, self.art.height)
        c.saveState()
        c.scale(scale, scale)
        c.doForm(self.form)
        c.restoreState()


def _picture(path: str, side: float) -> Flowable:
    """The picture as vector graphics (SVG) or an image (PNG), fitted in a square."""
    if not path or not Path(path).is_file():
        return Spacer(side, side)
    if path.lower().endswith(".svg"):
        art = _svg(path)
        if art is None or not art.width or not art.height:
            return Spacer(side, side)
        return _Pictogram(path, art, side)
    try:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(path).getSize()
    except Exception:  # noqa: BLE001  (an unreadable picture is left out, never fatal)
        return Spacer(side, side)
    scale = side / max(w, h)
    return Image(path, width=w * scale, height=h * scale)


def _easy_point(label: str, flowables: list[Flowable], st: Styles, width: float, picture: str) -> Flowable:
    side = 2.4 * cm
    cell = [_p(label, st.h4), *flowables]
    t = RLTable([[_picture(picture, side), cell]], colWidths=[side + 0.6 * cm, width - side - 0.6 * cm])
    t.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ]
    )
    return t


def _facts(block: Facts, st: Styles, width: float) -> Iterator[Flowable]:
    numeric = all(v.replace(",", "").rstrip("%").isdigit() for _, v in block.pairs)
    widths = [width * 0.55, width * 0.2] if numeric else [width * 0.35, width * 0.6]
    yield Grid.build(
        [],
        [list(p) for p in block.pairs],
        widths,
        numeric=frozenset({1}) if numeric else frozenset(),
        font=st.cell.fontName,
        bold=st.cell_head.fontName,
        size=st.cell.fontSize,
        ink=INK,
        rule=RULE,
        shade=SHADE,
        bold_first=True,
    )
    yield Spacer(1, st.gap * 0.5)


def _fit_headers(widths: list[float], headers: list[str], font: str, size: float) -> list[float]:
    """Widen any column too narrow for the longest word of its header, taking the room from
    the widest columns, so a heading is never broken mid-word or drawn over its neighbour."""
    need = [
        max((stringWidth(w, font, size) for w in h.split()), default=0.0) + 2 * PAD_X + 1 for h in headers
    ]
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    if short <= 0:
        return widths
    spare = {i: w - need[i] for i, w in enumerate(widths) if w > need[i]}
    room = sum(spare.values())
    if room < short:
        return widths  # nothing to take from: leave it to the grid to break the word
    return [
        max(n, w) if i not in spare else w - short * spare[i] / room
        for i, (n, w) in enumerate(zip(need, widths, strict=True))
    ]


def _table(block: Table, st: Styles, width: float) -> Iterator[Flowable]:
    weights = block.widths or tuple(1.0 for _ in block.headers)
    if len(block.headers) <= 2:
        width = min(width, 12 * cm)  # a short list of counts reads better narrow
    col_widths = _fit_headers(
        [width * w / sum(weights) for w in weights], block.headers, st.cell_head.fontName, st.cell.fontSize
    )
    if not block.rows:
        yield _p(block.caption, st.caption)
        yield _p(tr("report.table_empty"), st.body)
        return
    yield Grid.build(
        block.headers,
        block.rows,
        col_widths,
        caption=block.caption,
        numeric=block.numeric,
        font=st.cell.fontName,
        bold=st.cell_head.fontName,
        size=st.cell.fontSize,
        ink=INK,
        rule=RULE,
        shade=SHADE,
    )
    yield Spacer(1, 0.3 * cm)
