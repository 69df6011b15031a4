"""Kaplan-Meier estimate of time from raised to implemented.

Most recommendations are still open, so the median of the implemented ones alone flatters a
team. Open ones count as censored at the as-of date and closed ones at their decision date,
which is the honest answer to "how long does it take us".

The median's 95% confidence interval follows the standard construction (as in lifelines):
the times at which the lower and upper pointwise bands, from the exponential Greenwood
formula, first fall to 0.5.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

Z_95 = NormalDist().inv_cdf(0.975)


@dataclass(frozen=True, slots=True)
class KaplanMeier:
    times: tuple[int, ...]  # event times (days), ascending
    survival: tuple[float, ...]  # S(t) just after each time: share not yet implemented
    ci_lower: tuple[float, ...]
    ci_upper: tuple[float, ...]
    subjects: int
    events: int
    median: int | None  # None when fewer than half were ever implemented
    median_ci_low: int | None
    median_ci_high: int | None

    @property
    def ci_low(self) -> int | None:
        return self.median_ci_low

    @property
    def ci_high(self) -> int | None:
        return self.median_ci_high

    def points(self) -> list[tuple[int, float]]:
        """(day, share still open) as a step curve starting at (0, 1.0)."""
        return [(0, 1.0), *zip(self.times, self.survival, strict=True)]


def kaplan_meier(durations: Sequence[int], observed: Sequence[bool]) -> KaplanMeier:
    """The product-limit estimate for `durations` (days), `observed` True for implemented."""
    if len(durations) != len(observed):
        raise ValueError("durations and observed must be the same length")
    events = Counter(d for d, e in zip(durations, observed, strict=True) if e)
    exits = Counter(durations)
    at_risk = len(durations)
    s = 1.0
    greenwood = 0.0
    times: list[int] = []
    survival: list[float] = []
    lower: list[float] = []
    upper: list[float] = []
    for t in sorted(exits):
        d = events.get(t, 0)
        if d:
            s *= 1.0 - d / at_risk
            if at_risk > d:
                greenwood += d / (at_risk * (at_risk - d))
            else:
                greenwood = math.inf
            lo, hi = _band(s, greenwood)
            times.append(t)
            survival.append(s)
            lower.append(lo)
            upper.append(hi)
        at_risk -= exits[t]
    return KaplanMeier(
        times=tuple(times),
        survival=tuple(survival),
        ci_lower=tuple(lower),
        ci_upper=tuple(upper),
        subjects=len(durations),
        events=sum(events.values()),
        median=_first_at_or_below(times, survival),
        median_ci_low=_first_at_or_below(times, lower),
        median_ci_high=_first_at_or_below(times, upper),
    )


def _band(s: float, greenwood: float) -> tuple[float, float]:
    """Exponential Greenwood (log-log) pointwise 95% band around S(t)."""
    if s <= 0.0 or math.isinf(greenwood):
        return 0.0, 0.0  # everyone implemented: the band closes at zero
    if s >= 1.0:
        return 1.0, 1.0
    log_s = math.log(s)
    spread = Z_95 * math.sqrt(greenwood / (log_s * log_s))
    centre = math.log(-log_s)
    return math.exp(-math.exp(centre + spread)), math.exp(-math.exp(centre - spread))


def _first_at_or_below(times: Sequence[int], curve: Sequence[float], q: float = 0.5) -> int | None:
    for t, value in zip(times, curve, strict=True):
        if value <= q:
            return t
    return None
