"""A light table flowable for long committee tables.

ReportLab's Table re-applies styles and draws each cell as its own text object, which takes
seconds for thousands of rows. This grid wraps each cell once, draws a whole page of rows
in a single text object, splits between rows, and repeats the header row on every page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from coprod.services.reports.content import RAG_COLOURS
from coprod.services.reports.pdf_text import show, shown_ops, wrapped

PAD_X, PAD_Y = 4.0, 3.0
_MARKS = {symbol: HexColor(colour) for symbol, colour in RAG_COLOURS.items()}

Lines = list[list[str]]  # one list of wrapped lines per cell


def _break_long(line: str, face: str, size: float, room: float) -> list[str]:
    """A word wider than its column ("Recommendation" in a narrow one) is broken with a hyphen
    rather than drawn over the next column."""
    if stringWidth(line, face, size) <= room:
        return [line]
    pieces, current = [], ""
    for ch in line:
        if current and stringWidth(current + ch + "-", face, size) > room:
            pieces.append(current if current.endswith((" ", "-")) else current + "-")
            current = ch.lstrip()
        else:
            current += ch
    return [p.strip() for p in [*pieces, current] if p.strip()]


@lru_cache(maxsize=65536)
def _cell_lines(text: str, face: str, size: float, room: float) -> tuple[str, ...]:
    """A cell's lines; committee tables repeat the same labels, dates and names many times."""
    lines = wrapped(text, face, size, room) or [""]
    if all(stringWidth(line, face, size) <= room for line in lines):
        return tuple(lines)
    return tuple(piece for line in lines for piece in _break_long(line, face, size, room))


class Grid(Flowable):
    def __init__(
        self,
        header: Lines,
        rows: Sequence[Lines],
        widths: Sequence[float],
        *,
        numeric: frozenset[int],
        font: str,
        bold: str,
        size: float,
        ink: Color,
        rule: Color,
        shade: Color,
        heights: Sequence[float] | None = None,
        bold_first: bool = False,
        caption: str = "",
    ) -> None:
        super().__init__()
        self.header, self.rows, self.widths = header, list(rows), list(widths)
        self.numeric, self.font, self.bold, self.size = numeric, font, bold, size
        self.ink, self.rule, self.shade = ink, rule, shade
        self.leading = size * 1.25
        self.bold_first = bold_first
        # The caption is drawn as part of the first piece so it can never be left alone at
        # the foot of a page, and a table is never pushed whole to the next page by it.
        self.caption = caption
        self.caption_h = self.leading * 1.5 if caption else 0.0
        self.header_h = self._height(header) if header else 0.0  # no header: a label/value list
        # Heights are measured once and handed on when splitting: a long table splits per page.
        self.heights = list(heights) if heights is not None else [self._height(r) for r in self.rows]

    @classmethod
    def build(
        cls, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], **kw: object
    ) -> Grid:
        font, bold, size = kw["font"], kw["bold"], kw["size"]

        def wrap(text: str, col: int, face: str) -> list[str]:
            return list(_cell_lines(text, face, size, widths[col] - 2 * PAD_X))

        head = [wrap(h, i, bold) for i, h in enumerate(headers)]  # type: ignore[arg-type]
        first = kw.get("bold_first", False)
        body = [
            [wrap(v, i, bold if first and i == 0 else font) for i, v in enumerate(row)]  # type: ignore[arg-type]
            for row in rows
        ]
        return cls(head, body, widths, **kw)  # type: ignore[arg-type]

    def _height(self, row: Lines) -> float:
        return max(len(cell) for cell in row) * self.leading + 2 * PAD_Y

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self.caption_h + self.header_h + sum(self.heights)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self.header_h - self.caption_h
        n, used = 0, 0.0
        while n < len(self.rows) and used + self.heights[n] <= room:
            used += self.heights[n]
            n += 1
        if n < len(self.rows) and len(self.rows) - n < 2:
            n -= 1  # never leave one row alone at the head of the next page
        if n <= 0 or (n < 2 and len(self.rows) > 1):
            return []  # not even two rows fit: move the whole grid to the next page
        kw = {
            "numeric": self.numeric,
            "font": self.font,
            "bold": self.bold,
            "size": self.size,
            "ink": self.ink,
            "rule": self.rule,
            "shade": self.shade,
            "bold_first": self.bold_first,
        }
        return [
            Grid(
                self.header, self.rows[:n], self.widths, heights=self.heights[:n], caption=self.caption, **kw
            ),
            Grid(self.header, self.rows[n:], self.widths, heights=self.heights[n:], **kw),
        ]

    def draw(self) -> None:
        c = self.canv
        if self.caption:
            c.setFillColor(self.ink)
            c.setFont(self.bold, self.size)
            c.drawString(0, self.height - self.size, self.caption)
        top = self.height - self.caption_h
        if self.header:
            c.setFillColor(self.shade)
            c.rect(0, top - self.header_h, self.width, self.header_h, stroke=0, fill=1)
        rows = ([(self.header, self.header_h, self.bold)] if self.header else []) + [
            (r, h, self.font) for r, h in zip(self.rows, self.heights, strict=True)
        ]
        if self._plain(c):
            c._code.append(self._text_code(c, top, rows))
        else:
            self._draw_text_object(c, top, rows)
        if self.header:
            c.setStrokeColor(self.ink)
            c.setLineWidth(1)
            c.line(0, top - self.header_h, self.width, top - self.header_h)
        c.setStrokeColor(self.rule)
        c.setLineWidth(0.4)
        y = top - self.header_h
        for h in self.heights:
            y -= h
            c.line(0, y, self.width, y)

    def _plain(self, c: Canvas) -> bool:
        """Whether the rows can be written as operators directly: plain colours, fonts that
        remember how their lines are shown (the report's own), and a bottom-up canvas."""
        colours = (self.ink, *_MARKS.values())
        return (
            c.bottomup
            and not c._enforceColorSpace
            and all(type(colour) is Color for colour in colours)
            and all(getattr(getFont(face), "shown", None) is not None for face in (self.font, self.bold))
        )

    def _cells(
        self, top: float, rows: list[tuple[Lines, float, str]]
    ) -> Iterator[tuple[str, float, float, int, list[str]]]:
        """Each cell's face, left edge, the top of its row, its column and its lines, in the
        order they are drawn."""
        y = top
        for row, h, row_face in rows:
            x = 0.0
            for col, lines in enumerate(row):
                face = self.bold if self.bold_first and col == 0 else row_face
                yield face, x, y, col, lines
                x += self.widths[col]
            y -= h

    def _line_left(self, x: float, col: int, line: str, face: str) -> float:
        if col in self.numeric:
            return x + self.widths[col] - PAD_X - stringWidth(line, face, self.size)
        return x + PAD_X

    def _baseline(self, y: float, k: int) -> float:
        return y - PAD_Y - self.size - k * self.leading + self.size * 0.2

    def _text_code(self, c: Canvas, top: float, rows: list[tuple[Lines, float, str]]) -> str:
        """The text object ReportLab writes for these rows, written directly: a committee
        table of thousands of rows sets a font and an origin for every cell and line."""
        doc = c._doc
        ink = f"{fp_str(self.ink.red, self.ink.green, self.ink.blue)} rg"
        tf = f" {fp_str(self.size)} Tf {fp_str(self.leading)} TL"
        code = [f"BT 1 0 0 1 0 0 Tm {ink}"]

        for face, x, y, col, lines in self._cells(top, rows):
            font = getFont(face)
            current = -1  # a new font: the first line names its subset again
            for k, line in enumerate(lines):
                code.append(f"1 0 0 1 {fp_str(self._line_left(x, col, line, face), self._baseline(y, k))} Tm")
                mark = _MARKS.get(line[:1]) if k == 0 else None
                if mark is not None:  # a status symbol in its colour; the word follows in ink
                    code.append(f"{fp_str(mark.red, mark.green, mark.blue)} rg")
                    current = shown_ops(code, font, line[:1], doc, tf, current)
                    code.append(ink)
                    line = line[1:]
                current = shown_ops(code, font, line, doc, tf, current)
        code.append("ET")
        return " ".join(code)

    def _draw_text_object(self, c: Canvas, top: float, rows: list[tuple[Lines, float, str]]) -> None:
        text = c.beginText()
        text.setFillColor(self.ink)
        for face, x, y, col, lines in self._cells(top, rows):
            text.setFont(face, self.size, self.leading)
            for k, line in enumerate(lines):
                text.setTextOrigin(self._line_left(x, col, line, face), self._baseline(y, k))
                mark = _MARKS.get(line[:1]) if k == 0 else None
                if mark is not None:
                    text.setFillColor(mark)
                    show(text, line[:1])
                    text.setFillColor(self.ink)
                    line = line[1:]
                show(text, line)
        c.drawText(text)
