from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import select

from coprod.domain.enums import Rag, Status
from coprod.domain.errors import RuleViolation
from coprod.domain.models import AuditEvent, Risk
from coprod.domain.risk import RiskLevel, RiskRules, RiskStatus, Trend
from coprod.persistence.database import Database
from coprod.services.recommendations import lifecycle as recs
from coprod.services.risks import register
from coprod.services.risks.rules import get_risk_rules, set_risk_rules
from coprod.services.risks.view import heat_map, list_risks, risks_due_review
from tests.services.risks.helpers import add_risk, risk_in

AS_OF = date(2026, 6, 1)


def _one(db: Database, as_of: date = AS_OF):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        (row,) = list_risks(session=s, as_of=as_of)
    return row


def test_a_new_risk_shows_its_three_scores_bands_and_first_history_entry(memory_db: Database) -> None:
    with memory_db.transaction() as s:
        add_risk(s)
    row = _one(memory_db)
    assert (row.inherent_score, row.current_score, row.target_score) == (25, 12, 6)
    assert (row.inherent_band, row.current_band, row.target_band) == (Rag.RED, Rag.AMBER, Rag.AMBER)
    assert row.above_target and row.trend is Trend.NEW
    assert [h.score for h in row.history] == [12]
    assert row.next_review_on == date(2026, 4, 5)  # identified + 3 months
    with memory_db.reading() as s:
        assert s.exec(select(AuditEvent).where(AuditEvent.table_name == "risk")).first() is not None


def test_a_refused_risk_saves_nothing(memory_db: Database) -> None:
    with pytest.raises(RuleViolation, match="the effect"), memory_db.transaction() as s:
        add_risk(s, effect="")
    with pytest.raises(RuleViolation, match="from 1 to 5"), memory_db.transaction() as s:
        add_risk(s, current=(6, 2))
    with memory_db.transaction() as s:
        add_risk(s)
    with pytest.raises(RuleViolation, match="already used"), memory_db.transaction() as s:
        add_risk(s)
    with memory_db.reading() as s:
        assert len(s.exec(select(Risk)).all()) == 1


def test_reviews_keep_the_score_history_and_the_trend_since_the_last_one(memory_db: Database) -> None:
    with memory_db.transaction() as s:
        rid = add_risk(s)
    with memory_db.transaction() as s:
        register.record_review(
            session=s, risk_id=rid, on=date(2026, 3, 1), likelihood=4, impact=4, reviewer="DMT"
        )
    row = _one(memory_db)
    assert [h.score for h in row.history] == [12, 16]
    assert row.trend is Trend.RISING and row.previous_score == 12
    assert row.current_band is Rag.RED
    assert row.next_review_on == date(2026, 6, 1)
    with memory_db.transaction() as s:
        register.record_review(session=s, risk_id=rid, on=date(2026, 5, 1), likelihood=2, impact=4)
    row = _one(memory_db)
    assert [h.score for h in row.history] == [12, 16, 8]
    assert row.trend is Trend.FALLING


def test_the_team_escalation_rule_flags_a_risk_and_escalating_records_who_when_why(
    memory_db: Database,
) -> None:
    with memory_db.transaction() as s:
        set_risk_rules(session=s, rules=RiskRules(risk_escalate_at=12))
        rid = add_risk(s)
    assert _one(memory_db).must_escalate
    with pytest.raises(RuleViolation, match="why"), memory_db.transaction() as s:
        register.escalate(session=s, risk_id=rid, on=date(2026, 5, 2), by="Amara Okafor", reason=" ")
    with memory_db.transaction() as s:
        register.escalate(
            session=s, risk_id=rid, on=date(2026, 5, 2), by="Amara Okafor", reason="Backlog doubled"
        )
    row = _one(memory_db)
    assert not row.must_escalate
    assert (row.level, row.status) == (RiskLevel.DIRECTORATE, RiskStatus.ESCALATED)
    (e,) = row.escalations
    assert (e.escalated_by, e.escalated_on, e.reason, e.score) == (
        "Amara Okafor",
        date(2026, 5, 2),
        "Backlog doubled",
        12,
    )
    assert (e.from_level, e.to_level) == (RiskLevel.TEAM, RiskLevel.DIRECTORATE)
    with memory_db.transaction() as s:
        register.escalate(session=s, risk_id=rid, on=date(2026, 5, 3), by="DASS", reason="Corporate support")
    with pytest.raises(RuleViolation, match="corporate level"), memory_db.transaction() as s:
        register.escalate(session=s, risk_id=rid, on=date(2026, 5, 4), by="DASS", reason="Again")


def test_stored_risk_rules_are_read_back_and_damaged_ones_fall_back(memory_db: Database) -> None:
    from coprod.persistence.repositories.settings import set_value

    with memory_db.transaction() as s:
        set_risk_rules(session=s, rules=RiskRules(risk_amber_from=4, risk_red_from=12, risk_escalate_at=16))
    with memory_db.reading() as s:
        assert get_risk_rules(session=s) == RiskRules(4, 12, 16)
    with memory_db.transaction() as s:
        set_value(session=s, key="risk_red_from", value="3")
    with memory_db.reading() as s:
        assert get_risk_rules(session=s) == RiskRules()


def test_mitigation_late_comes_from_the_lag_of_linked_recommendations(memory_db: Database) -> None:
    with memory_db.transaction() as s:
        late = recs.create_recommendation(
            session=s,
            title="Recruit two more assessors",
            reference="R-0001",
            raised_on=date(2026, 1, 10),
            target_date=date(2026, 3, 31),
        )
        on_time = recs.create_recommendation(
            session=s,
            title="Triage line for assessments",
            reference="R-0002",
            raised_on=date(2026, 1, 10),
            target_date=date(2026, 12, 31),
        )
        recs.add_update(session=s, recommendation_id=on_time, text="Line staffed", on=date(2026, 5, 20))
        rid = add_risk(s)
        other = add_risk(s, "RSK-02")
        register.link_recommendations(session=s, risk_id=rid, recommendation_ids=[on_time])
        register.link_recommendations(session=s, risk_id=other, recommendation_ids=[on_time])
    row = next(r for r in _rows(memory_db) if r.reference == "RSK-01")
    assert not row.mitigation_late
    with memory_db.transaction() as s:
        assert register.link_recommendations(session=s, risk_id=rid, recommendation_ids=[late, on_time]) == 1
    rows = {r.reference: r for r in _rows(memory_db)}
    assert rows["RSK-01"].mitigation_late and not rows["RSK-02"].mitigation_late
    (m,) = rows["RSK-01"].late_mitigations
    assert (m.reference, m.lag_days, m.overdue) == ("R-0001", (AS_OF - date(2026, 3, 31)).days, True)
    with memory_db.transaction() as s:
        recs.change_status(
            session=s, recommendation_id=late, new_status=Status.ACCEPTED, on=date(2026, 5, 30)
        )
        recs.change_status(
            session=s, recommendation_id=late, new_status=Status.IN_PROGRESS, on=date(2026, 5, 30)
        )
        recs.add_update(
            session=s, recommendation_id=late, text="Both posts filled", on=date(2026, 5, 30), public=True
        )
        recs.change_status(
            session=s,
            recommendation_id=late,
            new_status=Status.IMPLEMENTED,
            on=date(2026, 5, 30),
            implemented_on=date(2026, 5, 30),
            today=AS_OF,
        )
    assert not {r.reference: r for r in _rows(memory_db)}["RSK-01"].mitigation_late
    with memory_db.reading() as s:  # the register as at 15 May, as it stood then: still late
        then = {r.reference: r for r in list_risks(session=s, as_of=date(2026, 5, 15))}
    assert then["RSK-01"].mitigation_late


def _rows(db: Database):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return list_risks(session=s, as_of=AS_OF)


def test_heat_map_counts_open_risks_by_current_rating_and_review_due_lists_overdue(
    memory_db: Database,
) -> None:
    with memory_db.transaction() as s:
        add_risk(s, "RSK-01", current=(4, 3))
        add_risk(s, "RSK-02", current=(4, 3))
        add_risk(s, "RSK-03", current=(5, 5), next_review_on=date(2026, 7, 1))
        closed = add_risk(s, "RSK-04", current=(1, 1))
        register.close_risk(session=s, risk_id=closed, on=AS_OF)
    rows = _rows(memory_db)
    cells = heat_map(rows)
    assert cells[(4, 3)] == 2 and cells[(5, 5)] == 1 and cells[(1, 1)] == 0
    assert sum(cells.values()) == 3
    with memory_db.reading() as s:
        due = risks_due_review(session=s, as_of=AS_OF)
    assert [r.reference for r in due] == ["RSK-01", "RSK-02"]


def test_risk_in_helper_defaults_are_valid() -> None:
    register.check(risk_in())


def test_the_register_as_at_a_past_date_shows_it_as_it_stood(memory_db: Database) -> None:
    from coprod.domain.risk import RiskLevel

    with memory_db.transaction() as s:  # identified 5 Jan 2026 at 4 x 3, team level
        rid = add_risk(s)
        register.record_review(
            session=s, risk_id=rid, on=date(2026, 3, 1), likelihood=4, impact=4, reviewer="DMT"
        )
        register.escalate(session=s, risk_id=rid, on=date(2026, 4, 1), by="DMT", reason="Waits doubled")

    def then(on: date):  # type: ignore[no-untyped-def]
        with memory_db.reading() as s:
            return {r.reference: r for r in list_risks(session=s, as_of=on)}

    assert then(date(2026, 1, 4)) == {}  # not identified yet
    feb = then(date(2026, 2, 15))["RSK-01"]
    assert (feb.current_score, feb.level, feb.status, feb.escalations) == (
        12,
        RiskLevel.TEAM,
        RiskStatus.OPEN,
        (),
    )
    march = then(date(2026, 3, 15))["RSK-01"]
    assert (march.current_score, march.previous_score, march.trend) == (16, 12, Trend.RISING)
    assert march.level is RiskLevel.TEAM and march.status is RiskStatus.OPEN
    may = then(date(2026, 5, 1))["RSK-01"]
    assert may.level is not RiskLevel.TEAM and may.status is RiskStatus.ESCALATED
    assert [e.reason for e in may.escalations] == ["Waits doubled"]


def test_a_risk_closed_later_shows_open_in_the_register_as_it_stood_before(memory_db: Database) -> None:
    with memory_db.transaction() as s:  # identified 5 Jan 2026
        rid = add_risk(s)
        other = add_risk(s, "RSK-02")
        register.escalate(session=s, risk_id=other, on=date(2026, 2, 1), by="DMT", reason="Waits doubled")
        register.close_risk(session=s, risk_id=rid, on=date(2026, 4, 30))
        register.close_risk(session=s, risk_id=other, on=date(2026, 4, 30))

    def then(on: date, **options: bool) -> dict[str, object]:
        with memory_db.reading() as s:
            return {r.reference: r for r in list_risks(session=s, as_of=on, **options)}

    march = then(date(2026, 3, 31))  # the quarter's board paper, made again in June
    assert march["RSK-01"].status is RiskStatus.OPEN and march["RSK-01"].closed_on is None  # type: ignore[attr-defined]
    assert march["RSK-02"].status is RiskStatus.ESCALATED  # type: ignore[attr-defined]
    assert heat_map(list(march.values()))[(4, 3)] == 2  # both still counted then
    assert set(then(date(2026, 3, 31), include_closed=False)) == {"RSK-01", "RSK-02"}
    may = then(date(2026, 5, 1))
    assert may["RSK-01"].status is RiskStatus.CLOSED and may["RSK-01"].closed_on == date(2026, 4, 30)  # type: ignore[attr-defined]
    assert then(date(2026, 5, 1), include_closed=False) == {}


def test_a_risk_closed_on_a_day_nobody_knows_shows_closed_as_before(memory_db: Database) -> None:
    with memory_db.transaction() as s:
        add_risk(s, status=RiskStatus.CLOSED)  # an imported register's closed risk, with no date
    assert _one(memory_db, date(2026, 2, 1)).status is RiskStatus.CLOSED


def test_editing_keeps_the_closing_day_and_reopening_forgets_it(memory_db: Database) -> None:
    with memory_db.transaction() as s:
        rid = add_risk(s)
        register.close_risk(session=s, risk_id=rid, on=date(2026, 4, 30))
    with memory_db.transaction() as s:  # the description edited in June: still closed in April
        edited = replace(register.risk_in_of(session=s, risk_id=rid), closed_on=None, title="Renamed")
        register.update_risk(session=s, risk_id=rid, risk_in=edited, closing_day=date(2026, 6, 1))
    assert _one(memory_db).closed_on == date(2026, 4, 30)
    with memory_db.transaction() as s:
        reopened = replace(register.risk_in_of(session=s, risk_id=rid), status=RiskStatus.OPEN)
        register.update_risk(session=s, risk_id=rid, risk_in=reopened, closing_day=date(2026, 6, 1))
    row = _one(memory_db)
    assert row.status is RiskStatus.OPEN and row.closed_on is None
