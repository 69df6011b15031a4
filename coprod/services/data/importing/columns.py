"""The tracker columns coprod understands and the header names accepted for each.

Councils' trackers name the same column many ways; matching ignores case, spaces,
underscores, hyphens and punctuation, so "Date Raised", "date_raised" and "DATE-RAISED"
are one header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    heading: str  # what export writes; always one of `names`
    names: tuple[str, ...]
    required: bool = False
    weak: tuple[str, ...] = ()  # used only when no column has one of `names`


# The one table of headings: each council names the same column its own way.
COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        "Reference",
        (
            "reference",
            "ref",
            "id",
            "rec no",
            "rec ref",
            "recommendation no",
            "recommendation number",
            "no",
            "number",
        ),
    ),
    Column(
        "recommendation",
        "Recommendation",
        (
            "recommendation",
            "recommendation title",
            "title",
            "we will",
            "agreed action",
            "action agreed",
            "recommendations",
        ),
        True,
    ),
    Column(
        "you_said",
        "You said",
        (
            "you said",
            "feedback",
            "what residents said",
            "what you said",
            "what people said",
            "what residents told us",
            "what you told us",
            "you told us",
            "resident feedback",
        ),
    ),
    Column(
        "we_did",
        "We did",
        (
            "we did",
            "what we did",
            "update",
            "progress update",
            "action taken",
            "actions taken",
            "actions",
            "commentary",
            "latest update",
            "status update",
            "progress commentary",
        ),
    ),
    Column(
        "strategy",
        "Strategy",
        ("strategy", "plan", "workstream"),
        weak=("area", "directorate", "portfolio", "service area", "service"),
    ),
    Column(
        "owner",
        "Owner",
        (
            "owner",
            "action owner",
            "lead",
            "responsible officer",
            "lead officer",
            "lead officer/em",
            "responsible",
            "officer",
            "lead member",
            "responsible person",
        ),
    ),
    Column("origin", "Origin", ("origin", "committee", "board", "source", "originating committee")),
    Column("session", "Session", ("session", "engagement", "event")),
    Column("session_date", "Session date", ("session date", "event date")),
    Column(
        "raised_on",
        "Raised on",
        (
            "raised on",
            "date raised",
            "raised",
            "meeting date",
            "report date",
            "date of report",
            "report issued",
            "audit date",
        ),
        True,
        weak=("date",),
    ),
    Column(
        "accepted_on",
        "Accepted on",
        (
            "accepted on",
            "date accepted",
            "agreed on",
            "exec date",
            "date agreed",
            "decision date",
            "cabinet date",
        ),
    ),
    Column(
        "target_date",
        "Target date",
        ("target date", "due date", "target", "due", "original due date", "original target date", "deadline"),
    ),
    Column(
        "revised_target_date",
        "Revised target date",
        ("revised target date", "revised due date", "revised date", "new due date", "revised deadline"),
    ),
    Column(
        "status",
        "Status",
        ("status", "progress status", "rag", "rag status", "rag rating", "current status"),
        True,
    ),
    Column(
        "implemented_on",
        "Implemented on",
        (
            "implemented on",
            "completed on",
            "date completed",
            "completion date",
            "date implemented",
            "implementation date",
        ),
    ),
    Column(
        "last_update_on",
        "Last updated",
        ("last update", "last updated", "last update on", "date of last update", "date updated"),
    ),
    Column("progress", "% complete", ("% complete", "percent complete", "progress", "percentage complete")),
    Column("reason", "Reason", ("reason", "reason not taken forward")),
)

BY_FIELD: dict[str, Column] = {c.field: c for c in COLUMNS}
FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS)
REQUIRED: tuple[str, ...] = tuple(c.field for c in COLUMNS if c.required)

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(header: object) -> str:
    """'Date Raised', 'date_raised', ' DATE-raised: ' all become 'dateraised'."""
    return _NOT_WORD.sub("", str(header or "").replace("\ufeff", "")).casefold()


_LOOKUP: dict[str, str] = {normalise(name): c.field for c in COLUMNS for name in c.names}
_WEAK: dict[str, str] = {normalise(name): c.field for c in COLUMNS for name in c.weak}
# "Progress" heads a percentage in some trackers and the "we did" text in others.
_EITHER = {normalise("progress"): ("progress", "we_did")}

Mapping = dict[str, int]
"""Field name -> index of the column holding it in the file."""


def field_for(header: object) -> str | None:
    key = normalise(header)
    return _LOOKUP.get(key) or _WEAK.get(key)


def _percentages(values: list[Any]) -> bool:
    from coprod.services.data.importing.values import CellError, parse_progress

    try:
        for value in values:
            parse_progress(value)
    except CellError:
        return False
    return True


def detect_mapping(headers: list[str], rows: list[list[Any]] | None = None) -> Mapping:
    """The column each known field comes from; the first matching column wins, and a weak
    heading ("Area" for strategy, "Date" for raised on) only when no better one is there.

    With `rows`, a "Progress" column holding text is the "we did", not a percentage.
    """
    mapping: Mapping = {}
    for index, header in enumerate(headers):
        key = normalise(header)
        found = _LOOKUP.get(key)
        if key in _EITHER and rows is not None:
            values = [r[index] for r in rows if index < len(r) and r[index] is not None]
            found = _EITHER[key][0] if _percentages(values) else _EITHER[key][1]
        if found is not None and found not in mapping:
            mapping[found] = index
    for index, header in enumerate(headers):
        found = _WEAK.get(normalise(header))
        if found is not None and found not in mapping and index not in mapping.values():
            mapping[found] = index
    return mapping


def missing_required(mapping: Mapping) -> list[str]:
    return [f for f in REQUIRED if f not in mapping]
