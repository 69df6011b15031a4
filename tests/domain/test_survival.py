import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coprod.domain.survival import kaplan_meier


def test_hand_worked_example() -> None:
    # Six recommendations: implemented at 2, 3, 5 and 8 days; still open at 3 and 6 days.
    km = kaplan_meier([2, 3, 3, 5, 6, 8], [True, True, False, True, False, True])
    assert km.times == (2, 3, 5, 8)
    expected = [5 / 6, 5 / 6 * 4 / 5, 5 / 6 * 4 / 5 * 2 / 3, 0.0]
    assert km.survival == pytest.approx(expected)
    assert km.median == 5  # first day the share still open falls to a half or below
    assert km.subjects == 6 and km.events == 4


def test_median_is_none_when_fewer_than_half_are_ever_implemented() -> None:
    km = kaplan_meier([10, 20, 30, 40], [True, False, False, False])
    assert km.survival == pytest.approx((0.75,))
    assert km.median is None and km.median_ci_high is None


def test_everyone_censored_gives_a_flat_curve() -> None:
    km = kaplan_meier([5, 9], [False, False])
    assert km.times == () and km.median is None and km.points() == [(0, 1.0)]


def test_no_data() -> None:
    km = kaplan_meier([], [])
    assert km.subjects == 0 and km.median is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.booleans()), min_size=1, max_size=80))
def test_matches_lifelines(data: list[tuple[int, bool]]) -> None:
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    durations = [d for d, _ in data]
    observed = [e for _, e in data]
    ours = kaplan_meier(durations, observed)
    # lifelines multiplies through logarithms, so a curve that lands exactly on 0.5 comes out a
    # hair above it there; such exact ties say nothing about either implementation.
    for curve in (ours.survival, ours.ci_lower, ours.ci_upper):
        assume(all(abs(v - 0.5) > 1e-9 for v in curve))
    kmf = KaplanMeierFitter().fit(durations, event_observed=observed)
    sf = kmf.survival_function_["KM_estimate"]
    for t, s in zip(ours.times, ours.survival, strict=True):
        assert sf.loc[t] == pytest.approx(s, abs=1e-9)
    theirs = kmf.median_survival_time_
    assert (ours.median is None and math.isinf(theirs)) or ours.median == theirs
    ci = median_survival_times(kmf.confidence_interval_)
    low, high = ci.iloc[0, 0], ci.iloc[0, 1]
    assert (ours.median_ci_low is None and math.isinf(low)) or ours.median_ci_low == low
    assert (ours.median_ci_high is None and math.isinf(high)) or ours.median_ci_high == high
