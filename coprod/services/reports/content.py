"""The plain content model every report is built as, before any PDF or HTML exists.

Services build a `Report` of sections and blocks; the personal-data guard, the font check,
the plain-English check and the published-version hashes all read this one model, and the
renderers only lay it out. Nothing here knows about ReportLab, HTML or Qt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coprod.domain.settings import Organisation


@dataclass
class Para:
    """A paragraph. `lead` is the larger opening text under the title."""

    text: str
    lead: bool = False
    authored: bool = False  # written by an officer: the plain-English check reads it


@dataclass
class Quote:
    """Words a resident said, printed as a quotation; `source` says where and when."""

    text: str
    source: str = ""


@dataclass
class Bullets:
    items: list[str]
    authored: bool = False


@dataclass
class Facts:
    """Label and value pairs (a definition list in HTML, a two-column block in print)."""

    pairs: list[tuple[str, str]]


@dataclass
class Table:
    """A data table with a caption and column headers. Long tables are split in print."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # columns aligned right
    widths: tuple[float, ...] = ()  # relative column widths; empty means equal


@dataclass
class BarChart:
    """A horizontal bar chart; `description` is its text alternative, always printed too."""

    title: str
    categories: list[str]
    values: list[float]
    unit: str
    description: str
    maximum: float | None = None


@dataclass
class Part:
    """One labelled part of an entry: "You said", "We did", "Where it is now"..."""

    label: str
    blocks: list[Block]
    picture: str = ""  # a picture file shown beside it in easy read
    alt: str = ""  # the picture in words, for screen readers


@dataclass
class Point:
    """An easy read point that is not part of an entry: a picture beside a few sentences."""

    label: str
    blocks: list[Block]
    picture: str = ""
    alt: str = ""


@dataclass
class Entry:
    """One thing reported on (a recommendation). `key` is stable across runs for publishing."""

    key: str
    heading: str
    parts: list[Part]
    status: str = ""  # the status in plain words, also shown beside the heading


# A status symbol drawn in its colour before the word: shape, colour and word all say it.
RAG_SYMBOLS = {"red": "■", "amber": "▲", "green": "●", "complete": "✓", "closed": "✕"}
RAG_COLOURS = {"■": "#c0311a", "▲": "#8a4b00", "●": "#00703c", "✓": "#1d4f91", "✕": "#4a4a48"}

Block = Para | Quote | Bullets | Facts | Table | BarChart | Entry | Point


@dataclass
class Section:
    key: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    kind: str  # "you-said-we-did", "lag", "review"
    title: str
    subtitle: str
    subject: str
    author: str  # the council's name, or "coprod" when none is set
    as_of: date
    scope: dict[str, str]
    sections: list[Section]
    lang: str = "en-GB"
    easy_read: bool = False
    council_name: str = ""
    logo_path: str = ""
    contact: str = ""
    notice: str = ""  # shown under the title, e.g. that this draft lacks contact details

    @classmethod
    def start(
        cls,
        *,
        kind: str,
        title: str,
        subtitle: str,
        subject: str,
        organisation: Organisation,
        as_of: date,
        scope: dict[str, str],
        easy_read: bool,
    ) -> Report:
        """An empty report carrying the council's name, logo and contact from preferences."""
        return cls(
            kind=kind,
            title=title,
            subtitle=subtitle,
            subject=subject,
            author=organisation.council_name or "coprod",
            as_of=as_of,
            scope=scope,
            sections=[],
            easy_read=easy_read,
            council_name=organisation.council_name,
            logo_path=organisation.logo_path,
            contact=organisation.contact,
        )

    def entries(self) -> Iterator[Entry]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Entry):
                    yield block


# Fields that are codes or file paths, not published words: never scanned or rewritten.
_NOT_TEXT = frozenset(
    {
        "key",
        "kind",
        "lang",
        "logo_path",
        "picture",
        "scope",
        "numeric",
        "widths",
        "as_of",
        "lead",
        "authored",
        "easy_read",
        "maximum",
        "values",
    }
)


def map_text(obj: Any, fn: Callable[[str, str], str], where: str = "") -> Any:
    """Apply `fn(where, text)` to every published string in `obj`, in place; return `obj`.

    `where` names the place in words (section, then entry heading) for messages to the user.
    A long report has hundreds of thousands of blocks: each class's fields are looked up once
    (`_shape`), and text, the commonest value, is handled here rather than through another call.
    """
    shape = _SHAPES.get(type(obj)) or _shape(type(obj))
    if shape is _NO_TEXT:
        return obj
    names, titled = shape
    here = (f"{where} > {obj.heading}" if where else obj.heading) if titled else where
    for name in names:
        value = getattr(obj, name)
        kind = type(value)
        if kind is str:
            setattr(obj, name, fn(here, value))
        elif kind is list:
            setattr(obj, name, [fn(here, v) if type(v) is str else _map_value(v, fn, here) for v in value])
        elif value is not None and kind not in _PLAIN:
            setattr(obj, name, _map_value(value, fn, here))
    return obj


_PLAIN = frozenset({int, float, bool, date})
_NO_TEXT: tuple[tuple[str, ...], bool] = ((), False)
_SHAPES: dict[type, tuple[tuple[str, ...], bool]] = {}


def _shape(cls: type) -> tuple[tuple[str, ...], bool]:
    """The fields of a dataclass that may hold published text, and whether its heading names
    the place (sections and entries); `_NO_TEXT` for any other class. Once per class."""
    shape = _NO_TEXT
    if dataclasses.is_dataclass(cls):
        names = tuple(f.name for f in dataclasses.fields(cls) if f.name not in _NOT_TEXT)
        shape = (names, issubclass(cls, Section | Entry))
    _SHAPES[cls] = shape
    return shape


def _map_value(value: Any, fn: Callable[[str, str], str], where: str) -> Any:
    if (_SHAPES.get(type(value)) or _shape(type(value))) is not _NO_TEXT:  # a block, the usual case
        return map_text(value, fn, where)
    if isinstance(value, str):
        return fn(where, value)
    if isinstance(value, list):
        return [_map_value(v, fn, where) for v in value]
    if isinstance(value, tuple):
        return tuple(_map_value(v, fn, where) for v in value)
    return value


def walk_text(obj: Any) -> Iterator[tuple[str, str]]:
    """Every published string in `obj` with where it is, without changing anything."""
    found: list[tuple[str, str]] = []

    def collect(where: str, text: str) -> str:
        found.append((where, text))
        return text

    map_text(obj, collect)
    return iter(found)
