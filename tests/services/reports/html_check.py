"""Checks an HTML report's structure the way an accessibility audit would, with html.parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Outline:
    lang: str | None = None
    headings: list[int] = field(default_factory=list)
    tables: int = 0
    tables_with_headers: int = 0
    captions: int = 0
    text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.outline = Outline()
        self._in_table_header = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.outline.lang = dict(attrs).get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.outline.headings.append(int(tag[1]))
        elif tag == "table":
            self.outline.tables += 1
            self._in_table_header = 0
        elif tag == "th" and dict(attrs).get("scope") == "col":
            self._in_table_header += 1
            if self._in_table_header == 1:
                self.outline.tables_with_headers += 1
        elif tag == "caption":
            self.outline.captions += 1

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.outline.text.append(data.strip())


def outline(html: str) -> Outline:
    parser = _Parser()
    parser.feed(html)
    return parser.outline


def headings_in_order(levels: list[int]) -> bool:
    """Starts at h1 and never skips a level going down."""
    return (
        bool(levels) and levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    )
