"""The bundled report fonts, found the same way from a checkout and from an installed coprod.

DejaVu Sans covers Latin (with accents), Greek and Cyrillic. Text in a script it cannot show
(Chinese, Arabic, Bengali...) would print as empty boxes, so `missing_characters` finds it
first and the export is refused with a sentence naming where it is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from coprod.resources import resource_path
from coprod.services.reports.content import Report, walk_text

REGULAR, BOLD = "CoprodSans", "CoprodSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def fonts_dir() -> Path:
    return resource_path("fonts")


@cache
def register_fonts() -> tuple[str, str]:
    """Register the family with ReportLab once per process; return (regular, bold) names."""
    from reportlab.pdfbase import pdfmetrics  # loaded when a report is first made, not at start-up

    font_class = _subset_font_class()
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(font_class(name, str(fonts_dir() / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


def _subset_font_class() -> type:
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.pdfdoc import escapePDF
    from reportlab.pdfbase.ttfonts import TTFont

    class SubsetFont(TTFont):
        """A TrueType font that remembers how each text it has drawn was encoded.

        ReportLab encodes every line drawn, character by character, into the document's
        font subsets. A character keeps its code once given one, so a text already encoded
        in a document encodes the same again: long reports repeat labels and quotations
        thousands of times, and encoding them was the largest single cost of drawing them.
        """

        def __init__(self, name: str, filename: str) -> None:
            super().__init__(name, filename)
            self._split: WeakKeyDictionary[Any, dict[str, list[tuple[int, bytes]]]] = WeakKeyDictionary()
            self._shown: WeakKeyDictionary[Any, dict[str, list[tuple[int, str]]]] = WeakKeyDictionary()

        def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802 (ReportLab's name)
            memo = self._split.get(doc)
            if memo is None:
                memo = self._split[doc] = {}
            parts = memo.get(text)
            if parts is None:
                parts = memo[text] = super().splitString(text, doc, encoding)
            return parts

        def shown(self, text: str, doc: Any) -> list[tuple[int, str]]:
            """`text` as PDF text-showing operators, each with the font subset it needs."""
            memo = self._shown.get(doc)
            if memo is None:
                memo = self._shown[doc] = {}
            ops = memo.get(text)
            if ops is None:
                ops = memo[text] = [(n, f"({escapePDF(t)}) Tj") for n, t in self.splitString(text, doc)]
            return ops

    return SubsetFont


@cache
def _covered() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    covered: set[int] | None = None
    for name in _FILES:
        font = pdfmetrics.getFont(name)
        cmap = set(font.face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ())


@dataclass(frozen=True, slots=True)
class MissingText:
    where: str
    characters: str  # the distinct characters the font cannot show, in order of first use
    sample: str  # a little of the text around the first one

    def script(self) -> str:
        """A readable name for the first character, e.g. 'CJK UNIFIED IDEOGRAPH-4F60'."""
        return unicodedata.name(self.characters[0], f"U+{ord(self.characters[0]):04X}")


def _ignorable(ch: str) -> bool:
    # Line breaks and invisible joiners are not drawn, so they cannot become boxes.
    return ch in "\n\r\t" or unicodedata.category(ch) in ("Cf", "Cc")


def missing_characters(report: Report) -> list[MissingText]:
    """Each place whose text uses characters the bundled fonts cannot show."""
    covered = _covered()
    out: list[MissingText] = []
    fine: set[str] = set()  # texts already found to be fine: a report repeats many of them
    for where, text in walk_text(report):
        if text.isascii() or text in fine:
            continue
        missing = [ch for ch in text if ord(ch) not in covered and not _ignorable(ch)]
        if not missing:
            fine.add(text)
        else:
            first = text.index(missing[0])
            sample = text[max(0, first - 20) : first + 20]
            out.append(MissingText(where or report.title, "".join(dict.fromkeys(missing)), sample))
    return out
