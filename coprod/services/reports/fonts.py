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

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from coprod.resources import resource_path
from coprod.services.reports.content import Report, walk_text

REGULAR, BOLD = "CoprodSans", "CoprodSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def fonts_dir() -> Path:
    return resource_path("fonts")


@cache
def register_fonts() -> tuple[str, str]:
    """Register the family with ReportLab once per process; return (regular, bold) names."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


@cache
def _covered() -> frozenset[int]:
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
    for where, text in walk_text(report):
        if text.isascii():
            continue
        missing = [ch for ch in text if ord(ch) not in covered and not _ignorable(ch)]
        if missing:
            first = text.index(missing[0])
            sample = text[max(0, first - 20) : first + 20]
            out.append(MissingText(where or report.title, "".join(dict.fromkeys(missing)), sample))
    return out
