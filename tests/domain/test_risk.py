from datetime import date

import pytest

from coprod.domain.enums import Rag
from coprod.domain.errors import RuleViolation
from coprod.domain.risk import (
    RiskLevel,
    RiskRules,
    RiskStatus,
    Trend,
    add_months,
    band,
    check_description,
    must_escalate,
    next_level,
    review_overdue,
    score,
    trend,
)


def test_score_is_likelihood_times_impact_on_five_point_scales() -> None:
    assert score(1, 1) == 1
    assert score(3, 4) == 12
    assert score(5, 5) == 25


@pytest.mark.parametrize("likelihood,impact", [(0, 3), (6, 1), (3, 0), (2, 9)])
def test_ratings_outside_one_to_five_are_refused_with_a_sentence(likelihood: int, impact: int) -> None:
    with pytest.raises(RuleViolation, match="whole number from 1 to 5"):
        score(likelihood, impact)


def test_bands_follow_the_team_rules_at_their_edges() -> None:
    rules = RiskRules()  # amber from 5, red from 15
    assert [band(s, rules) for s in (4, 5, 12, 15, 25)] == [Rag.GREEN, Rag.AMBER, Rag.AMBER, Rag.RED, Rag.RED]
    stricter = RiskRules(risk_amber_from=4, risk_red_from=10)
    assert band(4, stricter) is Rag.AMBER and band(10, stricter) is Rag.RED


def test_bands_that_overlap_are_refused() -> None:
    with pytest.raises(RuleViolation, match="amber band"):
        RiskRules(risk_amber_from=15, risk_red_from=10).check()
    with pytest.raises(RuleViolation, match="escalation score"):
        RiskRules(risk_escalate_at=30).check()


def test_an_open_risk_at_or_above_the_escalation_score_must_go_up_a_level() -> None:
    rules = RiskRules(risk_escalate_at=15)
    assert must_escalate(15, RiskLevel.TEAM, RiskStatus.OPEN, rules)
    assert not must_escalate(12, RiskLevel.TEAM, RiskStatus.OPEN, rules)
    assert not must_escalate(20, RiskLevel.TEAM, RiskStatus.ESCALATED, rules)  # done already
    assert not must_escalate(20, RiskLevel.CORPORATE, RiskStatus.OPEN, rules)  # nowhere higher
    assert not must_escalate(20, RiskLevel.TEAM, RiskStatus.CLOSED, rules)


def test_levels_go_team_directorate_corporate() -> None:
    assert next_level(RiskLevel.TEAM) is RiskLevel.DIRECTORATE
    assert next_level(RiskLevel.DIRECTORATE) is RiskLevel.CORPORATE
    assert next_level(RiskLevel.CORPORATE) is None


def test_trend_compares_with_the_last_review() -> None:
    assert trend(None, 12) is Trend.NEW
    assert trend(9, 12) is Trend.RISING
    assert trend(12, 12) is Trend.STEADY
    assert trend(16, 12) is Trend.FALLING


def test_review_is_overdue_only_after_its_date_and_never_for_a_closed_risk() -> None:
    due = date(2026, 3, 31)
    assert not review_overdue(due, RiskStatus.OPEN, date(2026, 3, 31))
    assert review_overdue(due, RiskStatus.OPEN, date(2026, 4, 1))
    assert not review_overdue(due, RiskStatus.CLOSED, date(2026, 4, 1))


def test_months_are_added_to_the_end_of_a_short_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_a_risk_needs_cause_event_and_effect() -> None:
    check_description("Demand rises", "people wait", "needs go unmet")
    with pytest.raises(RuleViolation, match="what could happen"):
        check_description("Demand rises", "  ", "needs go unmet")
