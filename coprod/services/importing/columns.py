"""The tracker columns coprod understands and the header names accepted for each.

Councils' trackers name the same column many ways; matching ignores case, spaces,
underscores, hyphens and punctuation, so "Date Raised", "date_raised" and "DATE-RAISED"
are one header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    heading: str  # what export writes; always one of `names`
    names: tuple[str, ...]
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("reference", "Reference", ("reference", "ref", "id", "rec no")),
    Column("recommendation", "Recommendation", ("recommendation", "recommendation title", "title"), True),
    Column("you_said", "You said", ("you said", "feedback", "what residents said", "what people said",
                                    "what residents told us", "what you told us", "you told us",
                                    "resident feedback")),
    Column("we_did", "We did", ("we did", "what we did", "update", "progress update")),
    Column("strategy", "Strategy", ("strategy", "plan", "workstream")),
    Column("owner", "Owner", ("owner", "action owner", "lead", "responsible officer")),
    Column("session", "Session", ("session", "engagement", "event")),
    Column("session_date", "Session date", ("session date", "event date")),
    Column("raised_on", "Raised on", ("raised on", "date raised", "raised", "date"), True),
    Column("accepted_on", "Accepted on", ("accepted on", "date accepted", "agreed on")),
    Column("target_date", "Target date", ("target date", "due date", "target", "due")),
    Column("revised_target_date", "Revised target date",
           ("revised target date", "revised due date", "revised date", "new due date")),
    Column("status", "Status", ("status", "progress status"), True),
    Column("implemented_on", "Implemented on",
           ("implemented on", "completed on", "date completed", "completion date")),
    Column("last_update_on", "Last updated",
           ("last update", "last updated", "last update on", "date of last update")),
    Column("progress", "Progress", ("progress", "% complete", "percent complete")),
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

Mapping = dict[str, int]
"""Field name -> index of the column holding it in the file."""


def field_for(header: object) -> str | None:
    return _LOOKUP.get(normalise(header))


def detect_mapping(headers: list[str]) -> Mapping:
    """The column each known field comes from; the first matching column wins."""
    mapping: Mapping = {}
    for index, header in enumerate(headers):
        found = field_for(header)
        if found is not None and found not in mapping:
            mapping[found] = index
    return mapping


def missing_required(mapping: Mapping) -> list[str]:
    return [f for f in REQUIRED if f not in mapping]
