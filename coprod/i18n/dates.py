"""Dates as coprod writes them, everywhere: the window, the command line and the reports.

GOV.UK style, with no leading zero: "1 December 2026" (`long_day`) in sentences and reports,
"1 Dec 2026" (`day`) where room is short (table columns, lists), "December 2026" (`month`)
and "Dec 2026" (`short_month`) for months, and "1 Dec 2026 14:05" (`moment`) for a time.

The month names come from the catalogue, so a Welsh window writes "1 Rhagfyr 2026". They are
never strftime's `%b` and `%B`, which follow the system's locale: Qt sets that from the
environment when the window starts, so a report made there could name its months in the
laptop's language while every other word is in the report's.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from coprod.i18n import N_, language, tr

_MONTHS = (
    N_("date.month.1"),
    N_("date.month.2"),
    N_("date.month.3"),
    N_("date.month.4"),
    N_("date.month.5"),
    N_("date.month.6"),
    N_("date.month.7"),
    N_("date.month.8"),
    N_("date.month.9"),
    N_("date.month.10"),
    N_("date.month.11"),
    N_("date.month.12"),
)
_SHORT_MONTHS = (
    N_("date.mon.1"),
    N_("date.mon.2"),
    N_("date.mon.3"),
    N_("date.mon.4"),
    N_("date.mon.5"),
    N_("date.mon.6"),
    N_("date.mon.7"),
    N_("date.mon.8"),
    N_("date.mon.9"),
    N_("date.mon.10"),
    N_("date.mon.11"),
    N_("date.mon.12"),
)


# What coprod writes into the records themselves (the demo's session titles), whatever
# language the window is in, and what it recognises there: the English catalogue's names.
_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@lru_cache(maxsize=8)
def _names(lang: str, short: bool) -> tuple[str, ...]:
    """The twelve month names of `lang`, the language shown now (`tr` reads its catalogue)."""
    return tuple(tr(key) for key in (_SHORT_MONTHS if short else _MONTHS))


@lru_cache(maxsize=8192)
def _written(value: date, lang: str, short: bool) -> str:
    return f"{value.day} {_names(lang, short)[value.month - 1]} {value.year}"


def long_day(value: date | None) -> str:
    """'1 December 2026'; '' for no date. (A report writes the same few hundred dates many
    times, so each is put into words once per language.)"""
    return _written(value, language(), False) if value else ""


def day(value: date | None) -> str:
    """'1 Dec 2026'; '' for no date."""
    return _written(value, language(), True) if value else ""


def month(value: date) -> str:
    """'December 2026'."""
    return f"{_names(language(), False)[value.month - 1]} {value.year}"


def english_month(value: date) -> str:
    """'December 2026' in English in any language: for text stored in the records."""
    return f"{_ENGLISH_MONTHS[value.month - 1]} {value.year}"


def short_month(value: date) -> str:
    """'Dec 2026'."""
    return f"{_names(language(), True)[value.month - 1]} {value.year}"


def moment(value: datetime | None, *, seconds: bool = False) -> str:
    """'1 Dec 2026 14:05' (with `seconds`, '14:05:09'), as the clock read it; '' for none."""
    if value is None:
        return ""
    clock = f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"
    return f"{day(value.date())} {clock}"
