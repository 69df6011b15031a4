"""Each lag rule at its boundaries, on plain values."""

import uuid
from datetime import date, timedelta

import pytest

from coprod.domain.enums import Rag, Status
from coprod.domain.lag import JSON_KEYS, LagFacts, as_json_row, compute
from coprod.domain.settings import TeamRules

RULES = TeamRules(default_target_days=90, stall_threshold_days=60, amber_window_days=30)
RAISED = date(2025, 1, 1)
TARGET = date(2025, 4, 1)


def facts(**kw: object) -> LagFacts:
    base = dict(
        id=uuid.uuid4(),
        reference="R-001",
        title="Expand respite",
        strategy="Carers",
        owner="Hub",
        status=Status.IN_PROGRESS,
        raised_on=RAISED,
        target_date=TARGET,
        revised_target_date=None,
        implemented_on=None,
        accepted_on=None,
        decided_on=None,
        imported_last_update_on=None,
        last_status_change_on=None,
        last_update_on=None,
        last_target_change_on=None,
        last_review_on=None,
        target_changes=0,
    )
    base.update(kw)
    return LagFacts(**base)  # type: ignore[arg-type]


def lag_at(as_of: date, **kw: object):
    return compute(facts(**kw), as_of=as_of, rules=RULES)


def test_exactly_on_the_target_date_is_not_overdue() -> None:
    on_day = lag_at(TARGET, last_update_on=TARGET)
    assert not on_day.overdue and on_day.lag_days == 0
    day_after = lag_at(TARGET + timedelta(days=1), last_update_on=TARGET)
    assert day_after.overdue and day_after.lag_days == 1 and day_after.rag is Rag.RED


def test_exactly_at_the_stall_threshold_is_stalled() -> None:
    last = date(2025, 2, 1)
    just_before = lag_at(last + timedelta(days=59), last_update_on=last, target_date=date(2026, 1, 1))
    assert just_before.days_since_update == 59 and not just_before.stalled
    assert just_before.rag is Rag.GREEN
    at = lag_at(last + timedelta(days=60), last_update_on=last, target_date=date(2026, 1, 1))
    assert at.days_since_update == 60 and at.stalled and not at.overdue and at.rag is Rag.RED


def test_on_hold_is_always_stalled() -> None:
    lag = lag_at(date(2025, 1, 2), status=Status.ON_HOLD, last_status_change_on=date(2025, 1, 2))
    assert lag.stalled and lag.days_since_update == 0 and lag.rag is Rag.RED


def test_revised_twice_measures_lag_against_both_targets() -> None:
    lag = lag_at(
        date(2025, 7, 11),
        revised_target_date=date(2025, 7, 1),
        target_changes=2,
        last_target_change_on=date(2025, 6, 20),
    )
    assert lag.original_target == TARGET and lag.effective_target == date(2025, 7, 1)
    assert lag.lag_days == 10
    assert lag.lag_vs_original_days == (date(2025, 7, 11) - TARGET).days
    assert lag.extensions == 2 and lag.overdue and lag.rag is Rag.RED


def test_extension_makes_it_amber_even_far_from_the_target() -> None:
    lag = lag_at(
        date(2025, 3, 1),
        revised_target_date=date(2025, 12, 1),
        target_changes=1,
        last_target_change_on=date(2025, 2, 20),
    )
    assert lag.rag is Rag.AMBER and not lag.overdue


def test_amber_window_boundary() -> None:
    inside = lag_at(TARGET - timedelta(days=30), last_update_on=TARGET - timedelta(days=31))
    assert inside.rag is Rag.AMBER
    outside = lag_at(TARGET - timedelta(days=31), last_update_on=TARGET - timedelta(days=32))
    assert outside.rag is Rag.GREEN


def test_no_target_uses_the_default_and_says_so() -> None:
    lag = lag_at(date(2025, 4, 5), target_date=None, last_update_on=date(2025, 4, 1))
    assert lag.no_target and lag.original_target == RAISED + timedelta(days=90)
    assert lag.lag_days == (date(2025, 4, 5) - lag.original_target).days


def test_implemented_early_has_no_lag_and_is_complete() -> None:
    lag = lag_at(date(2025, 9, 1), status=Status.IMPLEMENTED, implemented_on=date(2025, 3, 1))
    assert lag.days_to_implement == 59 and lag.lag_days == 0 and lag.lag_vs_original_days == 0
    assert lag.days_open is None and lag.days_since_update is None
    assert not lag.overdue and not lag.stalled and lag.rag is Rag.COMPLETE


def test_implemented_late_keeps_its_lag_after_the_event() -> None:
    lag = lag_at(date(2026, 1, 1), status=Status.IMPLEMENTED, implemented_on=date(2025, 4, 11))
    assert lag.lag_days == 10 and not lag.overdue


def test_not_taken_forward_has_no_lag() -> None:
    lag = lag_at(date(2026, 1, 1), status=Status.NOT_TAKEN_FORWARD, decided_on=date(2025, 2, 1))
    assert lag.lag_days is None and lag.lag_vs_original_days is None and lag.days_open is None
    assert not lag.overdue and not lag.stalled and lag.rag is Rag.CLOSED


def test_last_activity_is_the_latest_of_every_kind() -> None:
    base = dict(
        accepted_on=date(2025, 1, 5),
        last_status_change_on=date(2025, 1, 6),
        last_update_on=date(2025, 1, 7),
        last_target_change_on=date(2025, 1, 8),
        last_review_on=date(2025, 1, 9),
        imported_last_update_on=date(2025, 1, 10),
    )
    assert lag_at(date(2025, 2, 1), **base).last_activity_on == date(2025, 1, 10)
    base["last_review_on"] = date(2025, 1, 20)
    assert lag_at(date(2025, 2, 1), **base).days_since_update == 12


def test_json_row_has_exactly_the_documented_keys() -> None:
    row = as_json_row(lag_at(date(2025, 2, 1)))
    assert tuple(row) == JSON_KEYS
    assert row["status"] == "in_progress" and row["raised_on"] == "2025-01-01"
    assert row["revised_target_date"] is None and row["rag"] == "green"


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS])
def test_days_open_counts_from_raised(status: Status) -> None:
    assert lag_at(date(2025, 1, 31), status=status).days_open == 30


def test_rules_come_from_settings() -> None:
    strict = TeamRules(default_target_days=30, stall_threshold_days=10, amber_window_days=5)
    lag = compute(facts()._replace(target_date=None), as_of=date(2025, 1, 15), rules=strict)
    assert lag.original_target == date(2025, 1, 31) and lag.stalled
