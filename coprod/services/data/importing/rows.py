"""Checking each tracker row on its own: required cells, readable values, date order.

Pure: no database. Checks that need the database (an existing recommendation's status)
happen in `plan.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from coprod.domain import workflow
from coprod.domain.enums import Status
from coprod.domain.errors import RuleViolation
from coprod.i18n import N_, tr
from coprod.services.data.importing.columns import BY_FIELD, Mapping, normalise
from coprod.services.data.importing.reader import Table
from coprod.services.data.importing.values import (
    SUPERSEDED,
    CellError,
    parse_date,
    parse_progress,
    parse_status,
    text,
)

DATE_FIELDS = (
    "session_date",
    "raised_on",
    "accepted_on",
    "target_date",
    "revised_target_date",
    "implemented_on",
    "last_update_on",
)
TEXT_FIELDS = (
    "reference",
    "recommendation",
    "you_said",
    "we_did",
    "strategy",
    "owner",
    "session",
    "reason",
    "origin",
)
_PARSERS: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(TEXT_FIELDS, text),
    **dict.fromkeys(DATE_FIELDS, parse_date),
    "status": parse_status,
    "progress": parse_progress,
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one row, shown as `row N: column: message`."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.column}: {self.message}"


@dataclass(slots=True)
class TrackerRow:
    row: int
    cells: list[Any]
    title: str
    raised_on: date
    status: Status
    reference: str | None = None
    you_said: str | None = None
    we_did: str | None = None
    strategy: str | None = None
    owner: str | None = None
    session: str | None = None
    session_date: date | None = None
    accepted_on: date | None = None
    target_date: date | None = None
    revised_target_date: date | None = None
    implemented_on: date | None = None
    last_update_on: date | None = None
    progress: int | None = None
    reason: str | None = None
    origin: str | None = None

    @property
    def activity_on(self) -> date:
        """When the "we did" update and any target change happened, by the tracker's own dates."""
        return self.last_update_on or self.implemented_on or self.raised_on

    @property
    def closing_reason(self) -> str | None:
        return self.reason or self.we_did


class _RowChecker:
    def __init__(self, table: Table, mapping: Mapping, today: date, rag_means: str | None) -> None:
        self.table = table
        self.mapping = mapping
        self.today = today
        parsers = {**_PARSERS, "status": lambda cell: parse_status(cell, rag_means)}
        self.parsers = [(f, i, parsers[f]) for f, i in mapping.items() if f in parsers]

    def column_name(self, field: str) -> str:
        index = self.mapping.get(field)
        if index is not None and index < len(self.table.headers) and self.table.headers[index]:
            return self.table.headers[index]
        return BY_FIELD[field].heading

    def check(self, number: int, cells: list[Any]) -> tuple[TrackerRow | None, list[Problem]]:
        problems: list[Problem] = []
        values: dict[str, Any] = {}

        def fail(field: str, message: str) -> None:
            problems.append(Problem(number, self.column_name(field), message))

        for field, index, parse in self.parsers:
            raw = cells[index] if index < len(cells) else None
            if raw is None:
                continue
            try:
                values[field] = parse(raw)
            except CellError as exc:
                fail(field, tr(exc.code, **exc.params))
        for field, missing in (
            ("recommendation", N_("import.missing_recommendation")),
            ("raised_on", N_("import.missing_raised_on")),
            ("status", N_("import.missing_status")),
        ):
            if values.get(field) is None and not any(p.column == self.column_name(field) for p in problems):
                fail(field, tr(missing))
        if problems:
            return None, problems
        status_cell = cells[self.mapping["status"]]
        if normalise(text(status_cell) or "") == SUPERSEDED and not values.get("reason"):
            values["reason"] = text(status_cell)  # "Superseded" is the reason it was not taken forward
        row = TrackerRow(
            row=number,
            cells=cells,
            title=values.pop("recommendation"),
            **values,
        )
        self._rules(row, fail)
        return (None if problems else row), problems

    def _rules(self, row: TrackerRow, fail: Any) -> None:
        raised = row.raised_on
        if raised > self.today:
            fail("raised_on", tr("import.raised_in_future", raised_on=raised))
        if row.accepted_on is not None and row.accepted_on < raised:
            fail(
                "accepted_on",
                tr("import.before_raised", value=row.accepted_on, raised_on=raised),
            )
        if row.target_date is not None:
            _rule(
                fail,
                "target_date",
                lambda: workflow.check_target_change(
                    current_effective=None,
                    new_target=row.target_date,
                    raised_on=raised,
                    reason=None,
                    approved_by=None,
                    first_target=True,
                ),
            )
        if row.revised_target_date is not None:
            if row.target_date is None:
                fail("revised_target_date", tr("import.revised_without_target"))
            elif row.revised_target_date < raised:
                fail(
                    "revised_target_date",
                    tr(
                        "rule.target_before_raised",
                        target=row.revised_target_date,
                        raised_on=raised,
                    ),
                )
        # History from a tracker often lacks a completion date, a "we did" or a reason: the
        # workflow asks for them when a change is made in coprod, but missing history is
        # reported after the import (see `MissingEvidence`), never refused or invented.
        if row.status is Status.IMPLEMENTED and row.implemented_on is not None:
            _rule(
                fail,
                "implemented_on",
                lambda: workflow.check_implemented_on(row.implemented_on, raised_on=raised, today=self.today),
            )


def _rule(fail: Any, field: str, check: Any) -> None:
    try:
        check()
    except RuleViolation as exc:
        fail(field, str(exc))


def check_rows(
    table: Table, mapping: Mapping, *, today: date, rag_means: str | None = None
) -> tuple[list[TrackerRow], list[Problem]]:
    """Every row checked on its own, plus references repeated within the file."""
    checker = _RowChecker(table, mapping, today, rag_means)
    good: list[TrackerRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        row, found = checker.check(number, cells)
        index = mapping.get("reference")
        reference = text(cells[index]) if index is not None and index < len(cells) else None
        if reference:
            key = reference.casefold()
            if key in seen:
                found.append(
                    Problem(
                        number,
                        checker.column_name("reference"),
                        tr("import.duplicate_reference", reference=reference, first=seen[key]),
                    )
                )
                row = None
            else:
                seen[key] = number
        problems.extend(found)
        if row is not None:
            good.append(row)
    return good, problems
