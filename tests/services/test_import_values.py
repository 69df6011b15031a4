"""Every header synonym, status word and date form a council tracker may use is understood."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coprod.domain.enums import Status
from coprod.services.data.importing.columns import COLUMNS, detect_mapping
from coprod.services.data.importing.values import CellError, parse_date, parse_progress, parse_status

SYNONYMS = [(c.field, name) for c in COLUMNS for name in c.names]


@pytest.mark.parametrize(("field", "name"), SYNONYMS)
def test_every_header_synonym_in_any_spelling(field: str, name: str) -> None:
    variants = [
        name,
        name.upper(),
        name.title(),
        name.replace(" ", "_"),
        name.replace(" ", "-"),
        f"  {name}: ",
        "\ufeff" + name,
    ]
    for header in variants:
        assert detect_mapping(["Notes", header]) == {field: 1}, header


def test_first_matching_column_wins_and_unknown_headers_are_ignored() -> None:
    assert detect_mapping(["Title", "Recommendation", "Comments"]) == {"recommendation": 0}


STATUS_WORDS = {
    Status.PROPOSED: ["proposed", "new", "not started"],
    Status.ACCEPTED: ["accepted", "agreed", "open"],
    Status.IN_PROGRESS: ["in progress", "ongoing", "started", "in_progress"],
    Status.ON_HOLD: ["on hold", "paused"],
    Status.IMPLEMENTED: ["implemented", "complete", "completed", "done"],
    Status.NOT_TAKEN_FORWARD: ["not taken forward", "rejected", "declined", "not agreed"],
}


@pytest.mark.parametrize(("status", "word"), [(s, w) for s, ws in STATUS_WORDS.items() for w in ws])
def test_every_status_word_in_any_case(status: Status, word: str) -> None:
    assert parse_status(word) is status
    assert parse_status(word.upper()) is status
    assert parse_status(f" {word.title()} ") is status


def test_unknown_status_is_refused_with_the_choices() -> None:
    with pytest.raises(CellError) as caught:
        parse_status("Maybe later")
    assert caught.value.code == "import.bad_status"


@pytest.mark.parametrize(
    "cell",
    [
        "2025-03-04",
        "04/03/2025",
        "4/3/25",
        "4/3/2025",
        "4 March 2025",
        "4 Mar 2025",
        "4th March 2025",
        "04.03.2025",
        date(2025, 3, 4),
        datetime(2025, 3, 4, 0, 0),
        "2025-03-04T00:00:00",
    ],
)
def test_every_date_form_means_the_fourth_of_march(cell: object) -> None:
    assert parse_date(cell) == date(2025, 3, 4)


@pytest.mark.parametrize("cell", ["31/02/2025", "next week", "2025-13-01", "4 Smarch 2025", "03/04"])
def test_impossible_dates_are_refused(cell: str) -> None:
    with pytest.raises(CellError):
        parse_date(cell)


def test_empty_date_is_none() -> None:
    assert parse_date(None) is None and parse_date("  ") is None


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("40%", 40),
        ("40", 40),
        (40, 40),
        (40.0, 40),
        (0.4, 40),
        (" 100 % ", 100),
        ("0", 0),
        (None, None),
        ("0.5", 50),
        ("0.5%", 0),
    ],
)
def test_progress_forms(cell: object, value: int | None) -> None:
    assert parse_progress(cell) == value


@pytest.mark.parametrize("cell", ["140%", "-5", "lots"])
def test_progress_out_of_range_is_refused(cell: str) -> None:
    with pytest.raises(CellError):
        parse_progress(cell)


def test_excel_day_numbers_in_date_columns() -> None:
    assert parse_date(45720) == date(2025, 3, 4)
    assert parse_date(45720.0) == date(2025, 3, 4)
    with pytest.raises(CellError):
        parse_date(12)  # a small number is not a date
