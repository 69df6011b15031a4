"""A plain-text paragraph flowable: one font, left aligned, wrapped once, split by lines.

Reports are plain text (no inline markup), so ReportLab's Paragraph, which parses markup
for every paragraph, is not needed; this is several times faster for reports of hundreds of
pages. It reads its font, size, leading, colour, indents, spacing, background and
keep-with-next from a ParagraphStyle, so the styles stay in one place.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable


@lru_cache(maxsize=65536)
def _split(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """The lines of `text` at this width; long reports wrap the same quotation many times."""
    return tuple(wrapped(text, font, size, width))


# Each word's width in each font and size, measured once: a report's texts are all different,
# but their words are the same few thousand.
_WORD_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def wrapped(text: str, font: str, size: float, width: float) -> list[str]:
    """ReportLab's `simpleSplit`, line for line: words joined by single spaces while they fit,
    a word wider than the line on a line of its own, empty lines dropped."""
    known = _WORD_WIDTHS.setdefault((font, size), {})

    def measured(word: str) -> float:
        found = known.get(word)
        if found is None:
            found = known[word] = stringWidth(word, font, size)
        return found

    space = measured(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words: list[str] = []
        used = -space
        for word in paragraph.split():
            w = measured(word)
            if used + space + w <= width or not words:
                words.append(word)
                used = used + space + w
            else:
                lines.append(" ".join(words))
                words, used = [word], w
        if words:
            lines.append(" ".join(words))
    return lines


class TextBlock(Flowable):
    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        bullet: str | None = None,
        bold_prefix: tuple[str, str] | None = None,
        lines: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.text, self.style, self.bullet, self.bold_prefix = text, style, bullet, bold_prefix
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._lines = lines
        self._first = True

    # The prefix ("Status:") is drawn bold in front of the first line.
    def _prefix_width(self) -> float:
        if not self.bold_prefix:
            return 0.0
        return stringWidth(self.bold_prefix[0] + " ", self.bold_prefix[1], self.style.fontSize)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        s = self.style
        self.width = available_width
        usable = available_width - s.leftIndent - s.rightIndent
        if self._lines is None:
            if self.bold_prefix:
                pad = " " * max(
                    1, int(self._prefix_width() / max(1.0, stringWidth(" ", s.fontName, s.fontSize))) + 1
                )
                lines = _split(pad + self.text, s.fontName, s.fontSize, usable)
                self._lines = [lines[0].lstrip(" "), *lines[1:]] if lines else [""]
            else:
                self._lines = list(_split(self.text, s.fontName, s.fontSize, usable)) or [""]
        self.height = len(self._lines) * s.leading + self._pad() * 2
        return self.width, self.height

    def _pad(self) -> float:
        bp = self.style.borderPadding
        return (bp[0] if isinstance(bp, list | tuple) else bp) if self.style.backColor is not None else 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return self.style.spaceBefore if self._first else 0.0

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.spaceAfter

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        assert self._lines is not None
        fit = int((available_height - self._pad() * 2) // self.style.leading)
        if fit < 2 or fit >= len(self._lines):
            return []  # keep short paragraphs whole; ReportLab moves them to the next page
        head = TextBlock(
            self.text, self.style, bullet=self.bullet, bold_prefix=self.bold_prefix, lines=self._lines[:fit]
        )
        tail = TextBlock(self.text, self.style, lines=self._lines[fit:])
        head.keepWithNext = False
        tail._first = False
        return [head, tail]

    def draw(self) -> None:
        self.draw_at(self.canv, 0.0)

    def draw_at(self, c: Canvas, dy: float) -> None:
        """Draw with the bottom `dy` above the canvas origin, without a graphics state of its
        own: a pair draws its heading this way, and a report draws a hundred thousand."""
        s = self.style
        assert self._lines is not None
        pad = self._pad()
        if s.backColor is not None:
            c.setFillColor(s.backColor)
            c.rect(
                s.leftIndent - 8,
                dy,
                self.width - s.leftIndent - s.rightIndent + 16,
                self.height,
                stroke=0,
                fill=1,
            )
        top = dy + self.height - pad
        baseline = top - s.fontSize
        if self.bullet:
            c.setFillColor(s.textColor)
            c.setFont(s.bulletFontName, s.bulletFontSize)
            draw_string(c, s.bulletIndent, baseline, self.bullet)
        x = s.leftIndent
        font = getFont(s.fontName)
        plain = type(s.textColor) is Color and c.bottomup and not c._enforceColorSpace
        if self.bold_prefix or getattr(font, "shown", None) is None or not plain:
            self._draw_text_object(c, x, baseline)
            return
        # The operators ReportLab's text object writes for these lines, written directly:
        # a long report draws a hundred thousand paragraphs.
        doc, leading = c._doc, s.leading
        code = [_begin(s.textColor)]
        tf = f" {fp_str(s.fontSize)} Tf {fp_str(leading)} TL"
        current = -1
        for i, line in enumerate(self._lines):
            code.append(f"1 0 0 1 {fp_str(x, baseline - i * leading)} Tm")
            current = shown_ops(code, font, line, doc, tf, current)
        code.append("ET")
        c._code.append(" ".join(code))

    def _draw_text_object(self, c: Canvas, x: float, baseline: float) -> None:
        s = self.style
        assert self._lines is not None
        text = c.beginText()
        text.setFillColor(s.textColor)
        if self.bold_prefix:
            text.setFont(self.bold_prefix[1], s.fontSize, s.leading)
            text.setTextOrigin(x, baseline)
            show(text, self.bold_prefix[0] + " ")
            text.setFont(s.fontName, s.fontSize, s.leading)
            show(text, self._lines[0])
            rest, start = self._lines[1:], 1
        else:
            text.setFont(s.fontName, s.fontSize, s.leading)
            rest, start = self._lines, 0
        for i, line in enumerate(rest, start=start):
            text.setTextOrigin(x, baseline - i * s.leading)
            show(text, line)
        c.drawText(text)


def draw_string(c: Canvas, x: float, y: float, text: str) -> None:
    """What `c.drawString(x, y, text)` writes, in the canvas's font and size, written directly
    when the font is the report's own: every page's footer and every bullet draws one."""
    font = getFont(c._fontname)
    if not c.bottomup or getattr(font, "shown", None) is None or not text:
        c.drawString(x, y, text)
        return
    code = [f"BT 1 0 0 1 {fp_str(x, y)} Tm"]
    shown_ops(code, font, text, c._doc, f" {fp_str(c._fontsize)} Tf {fp_str(c._leading)} TL", -1)
    code.append("T* ET")
    c._code.append(" ".join(code))


def shown_ops(code: list[str], font: Any, line: str, doc: Any, tf: str, current: int) -> int:
    """Append what a text object writes to show `line` in `font` (which remembers its lines
    as operators), naming the font subset again where it changes; `tf` follows each name
    (" 9 Tf 11.25 TL"). Returns the subset in use after the line."""
    if not line:
        code.append("")
    for subset, op in font.shown(line, doc):
        if subset != current:
            code.append(font.getSubsetInternalName(subset, doc) + tf)
            current = subset
        code.append(op)
    return current


@lru_cache(maxsize=64)
def _begin(colour: Color) -> str:
    """How a text object drawn in `colour` begins (as `canvas.beginText()` and `setFillColor`)."""
    return f"BT 1 0 0 1 0 0 Tm {fp_str(colour.red, colour.green, colour.blue)} rg"


def show(text: PDFTextObject, line: str) -> None:
    """What `text.textOut(line)` writes, from the font's memory of lines already encoded."""
    font = getFont(text._fontname)
    shown = getattr(font, "shown", None)
    if shown is None or not line:
        text.textOut(line)
        return
    code, doc = text._code, text._canvas._doc
    for subset, op in shown(line, doc):
        if subset != text._curSubset:
            name = font.getSubsetInternalName(subset, doc)
            code.append(f"{name} {fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL")
            text._curSubset = subset
        code.append(op)


class KeepPair(Flowable):
    """A heading and the flowable after it, never parted by a page break.

    ReportLab's keepWithNext does the same by measuring the pair inside a copy of the whole
    frame each time; for a thousand entries that copying alone took a noticeable share of
    the run. The pair splits only inside its second flowable, keeping the heading with it.
    """

    def __init__(self, first: TextBlock, second: Flowable) -> None:
        super().__init__()
        first.keepWithNext = 0
        self.first, self.second = first, second
        self.gap = self.h2 = 0.0
        mark = getattr(first, "_mark", None)
        if mark is not None:
            self._mark = mark  # the document bookmarks the heading through its pair

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _w, h1 = self.first.wrap(available_width, available_height)
        self.gap = max(self.first.getSpaceAfter(), self.second.getSpaceBefore())
        _w, h2 = self.second.wrap(available_width, max(0.0, available_height - h1 - self.gap))
        self.h2 = h2  # measured here: not every flowable keeps its height in `.height`
        self.width, self.height = available_width, h1 + self.gap + h2
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return self.first.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.second.getSpaceAfter()

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        _w, h1 = self.first.wrap(available_width, available_height)
        room = available_height - h1 - self.gap
        if room <= 0:
            return []
        parts = self.second.split(available_width, room)
        if not parts:
            return []  # the whole pair moves to the next page
        return [KeepPair(self.first, parts[0]), *parts[1:]]

    def draw(self) -> None:
        c = self.canv
        if isinstance(self.second, TextBlock | KeepPair):
            self.second.draw_at(c, 0.0)
        else:
            self.second.drawOn(c, 0, 0)
        self.first.draw_at(c, self.h2 + self.gap)

    def draw_at(self, c: Canvas, dy: float) -> None:
        if isinstance(self.second, TextBlock | KeepPair):
            self.second.draw_at(c, dy)
        else:
            self.second.drawOn(c, 0, dy)
        self.first.draw_at(c, dy + self.h2 + self.gap)
