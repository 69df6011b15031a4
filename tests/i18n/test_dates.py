"""Dates are written one way everywhere, in the language shown, never by the system's locale."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from coprod import i18n
from coprod.i18n.dates import day, english_month, long_day, moment, month, short_month
from coprod.services.data.importing.values import parse_date
from tests import sources
from tests.i18n.conftest import Language

CODE = Path(__file__).resolve().parents[2] / "coprod"
ENGLISH = ["January", "February", "March", "April", "May", "June", "July"]
ENGLISH += ["August", "September", "October", "November", "December"]


def test_days_are_written_without_a_leading_zero() -> None:
    assert long_day(date(2026, 12, 1)) == "1 December 2026"
    assert day(date(2025, 7, 9)) == "9 Jul 2025"
    assert day(date(2025, 9, 30)) == "30 Sep 2025"
    assert month(date(2026, 3, 4)) == "March 2026" and short_month(date(2026, 3, 4)) == "Mar 2026"
    assert moment(datetime(2026, 12, 1, 9, 5, 7)) == "1 Dec 2026 09:05"
    assert moment(datetime(2026, 12, 1, 9, 5, 7), seconds=True) == "1 Dec 2026 09:05:07"
    assert (long_day(None), day(None), moment(None)) == ("", "", "")


def test_every_month_has_its_english_name() -> None:
    assert [month(date(2026, n, 1)).split()[0] for n in range(1, 13)] == ENGLISH
    assert [day(date(2026, n, 1)).split()[1] for n in range(1, 13)] == [name[:3] for name in ENGLISH]


def test_a_welsh_window_names_its_months_in_welsh_and_records_keep_english(welsh: None) -> None:
    assert long_day(date(2026, 12, 1)) == "1 Rhagfyr 2026"
    assert day(date(2025, 7, 9)) == "9 Gorff 2025"
    assert english_month(date(2025, 3, 9)) == "March 2025"  # the demo's session titles


@pytest.mark.parametrize("code", ["en", "cy"])
def test_what_a_date_field_shows_reads_back_as_the_same_date(language: Language, code: str) -> None:
    language(code)
    for n in range(1, 13):
        for written in (day(date(2027, n, 3)), long_day(date(2027, n, 3))):
            assert parse_date(written) == date(2027, n, 3), written


# strftime's month names follow the locale Qt takes from the system at start-up. A string
# constant or a piece of an f-string (a format spec, `f"{when:%d %B}"`, is one) holding %b or
# %B where a format would: before a space or punctuation, or at its end.
_MONTH_DIRECTIVE = re.compile(r"%[bB]([ ,.)}]|$)")


def test_no_code_writes_a_month_with_strftime() -> None:
    found = []
    for path in sorted(CODE.rglob("*.py")):
        if path.relative_to(CODE).as_posix() == "i18n/dates.py":
            continue
        for node in ast.walk(sources.tree(path)):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _MONTH_DIRECTIVE.search(node.value)
            ):
                found.append(f"{path.relative_to(CODE)}:{node.lineno}: {node.value!r}")
    assert found == [], "write dates with coprod.i18n.dates:\n" + "\n".join(found)


def test_no_message_formats_a_date_itself() -> None:
    """A date given to a message is put into words by `tr`'s caller or by `describe`."""
    for po in sorted((CODE / "locale").glob("*/LC_MESSAGES/coprod.po")):
        specs = re.findall(r"\{\w+:%[^}]*\}", po.read_text(encoding="utf-8"))
        assert specs == [], po


def test_an_error_names_its_date_in_words() -> None:
    from coprod.domain.errors import RuleViolation

    error = RuleViolation("report.from_after_to", start=date(2026, 3, 9), end=date(2026, 1, 2))
    assert "from 9 March 2026 to 2 January 2026" in i18n.describe(error)
