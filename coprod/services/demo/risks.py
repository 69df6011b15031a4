"""The demo's directorate risk register: 15 adult social care risks, some mitigated by
recommendations that are running late, one escalated to corporate level.

Rows are added to the demo generator before it writes, so the same seed gives the same
register, UUIDs included.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from coprod.domain.enums import OPEN_STATUSES
from coprod.domain.models import Recommendation, Risk, RiskEscalation, RiskMitigation, RiskReview
from coprod.domain.risk import RiskCategory, RiskLevel, RiskStatus, add_months
from coprod.persistence.bulk import StoredId

C = RiskCategory
# reference, title, category, cause, event, effect, inherent, current (previous review, now), target
REGISTER: list[
    tuple[
        str,
        str,
        RiskCategory,
        str,
        str,
        str,
        tuple[int, int],
        tuple[tuple[int, int], tuple[int, int]],
        tuple[int, int],
    ]
] = [
    (
        "ASC-01",
        "Waiting times for Care Act assessments",
        C.STATUTORY_DUTY,
        "Demand for assessments has risen faster than social work capacity",
        "people wait longer than 28 days for a Care Act assessment",
        "needs go unmet, crises rise and the council breaches its statutory duty",
        (5, 5),
        ((4, 4), (4, 5)),
        (2, 4),
    ),
    (
        "ASC-02",
        "Safeguarding enquiries not started on time",
        C.SAFEGUARDING,
        "Concerns arrive through several routes with no single triage",
        "a Section 42 enquiry starts late",
        "an adult at risk comes to harm and the council is criticised in a review",
        (4, 5),
        ((3, 5), (3, 5)),
        (2, 5),
    ),
    (
        "ASC-03",
        "Care market fragility in home care",
        C.SERVICE_DELIVERY,
        "Low fee rates and staff turnover among home care providers",
        "a major provider hands back packages or fails",
        "people are left without care and hospital discharges are delayed",
        (5, 4),
        ((4, 4), (4, 4)),
        (3, 3),
    ),
    (
        "ASC-04",
        "Overspend on the care budget",
        C.FINANCIAL,
        "Rising package costs and more people with complex needs",
        "the directorate overspends its budget",
        "savings must be found elsewhere and services are cut",
        (5, 4),
        ((4, 4), (3, 4)),
        (2, 3),
    ),
    (
        "ASC-05",
        "Social worker vacancies",
        C.WORKFORCE,
        "Regional competition for qualified social workers",
        "vacancy rates stay above 20 per cent",
        "caseloads rise, quality falls and agency spend grows",
        (4, 4),
        ((4, 3), (4, 4)),
        (2, 3),
    ),
    (
        "ASC-06",
        "Carers' assessments not offered",
        C.STATUTORY_DUTY,
        "Carers are not identified at first contact",
        "unpaid carers are not offered an assessment",
        "carer breakdown leads to emergency placements",
        (4, 3),
        ((3, 3), (3, 3)),
        (2, 2),
    ),
    (
        "ASC-07",
        "Direct payments support falls short",
        C.SERVICE_DELIVERY,
        "Brokerage support is thin and guidance hard to follow",
        "people give up direct payments or never take them",
        "choice and control fall and the regulator marks us down",
        (3, 3),
        ((3, 3), (3, 3)),
        (2, 2),
    ),
    (
        "ASC-08",
        "Transitions to adult services break down",
        C.SAFEGUARDING,
        "Planning for young people starts too late",
        "a young person reaches 18 with no adult care plan",
        "the young person and family lose support at a critical time",
        (4, 4),
        ((3, 4), (3, 4)),
        (2, 3),
    ),
    (
        "ASC-09",
        "Information and advice not accessible",
        C.STATUTORY_DUTY,
        "Leaflets and web pages are not in easy read or community languages",
        "residents cannot find or use information about care",
        "people reach the council later and in crisis",
        (3, 3),
        ((3, 3), (2, 3)),
        (2, 2),
    ),
    (
        "ASC-10",
        "Case recording system outage",
        C.SERVICE_DELIVERY,
        "An ageing case management system with no tested fallback",
        "the system is unavailable for more than a day",
        "staff cannot see risks or plans and decisions are delayed",
        (3, 5),
        ((2, 4), (2, 4)),
        (1, 4),
    ),
    (
        "ASC-11",
        "Deprivation of Liberty backlog",
        C.STATUTORY_DUTY,
        "Applications exceed the capacity of best interests assessors",
        "authorisations are not completed in time",
        "people are unlawfully deprived of their liberty",
        (5, 4),
        ((4, 4), (4, 4)),
        (3, 3),
    ),
    (
        "ASC-12",
        "Co-production seen as tokenistic",
        C.REPUTATION,
        "Residents do not hear what happened to what they said",
        "experts by experience withdraw from boards and forums",
        "services are designed without residents and trust falls",
        (3, 3),
        ((3, 3), (3, 4)),
        (1, 3),
    ),
    (
        "ASC-13",
        "Hospital discharge delays",
        C.SERVICE_DELIVERY,
        "Too few reablement and bed-based options",
        "people stay in hospital after they are medically fit",
        "people lose independence and the council faces NHS pressure",
        (4, 4),
        ((3, 4), (3, 3)),
        (2, 3),
    ),
    (
        "ASC-14",
        "Data protection breach",
        C.REPUTATION,
        "Personal data is shared by email outside secure routes",
        "sensitive data reaches the wrong person",
        "harm to residents, a regulator fine and loss of trust",
        (3, 4),
        ((2, 4), (2, 4)),
        (1, 4),
    ),
    (
        "ASC-15",
        "Provider quality in residential care",
        C.SAFEGUARDING,
        "Several homes rated requires improvement",
        "poor care goes unnoticed between inspections",
        "residents are harmed and placements must move",
        (4, 4),
        ((3, 4), (2, 4)),
        (2, 3),
    ),
]

ESCALATED = "ASC-01"


def add_register(gen: Any, owners: list[StoredId]) -> None:
    """Add the register to the demo generator `gen` (coprod.services.demo.scenario._Gen)."""
    as_of: date = gen.as_of
    recs = gen.rows.by_table.get(Recommendation, [])
    late = [
        r
        for r in recs
        if r["status"] in OPEN_STATUSES and (r["revised_target_date"] or r["target_date"] or as_of) < as_of
    ]
    chosen = {id(r) for r in late}  # each row is its own dict: `r not in late` compared whole rows
    fine = [r for r in recs if id(r) not in chosen]
    for i, (ref, title, category, cause, event, effect, inherent, (before, now), target) in enumerate(
        REGISTER
    ):
        identified = as_of - gen.days(200, 500)
        reviewed = as_of - gen.days(10, 80)
        months = 3 if now[0] * now[1] >= 12 else 6
        overdue_review = i in (5, 9)
        next_review = as_of - gen.days(5, 40) if overdue_review else add_months(reviewed, months)
        level = RiskLevel.CORPORATE if ref == ESCALATED else RiskLevel.DIRECTORATE
        rid = gen.row(
            Risk,
            identified,
            reference=ref,
            title=title,
            cause=cause,
            event=event,
            effect=effect,
            category=category,
            owner_id=owners[1 + i % 8],
            inherent_likelihood=inherent[0],
            inherent_impact=inherent[1],
            current_likelihood=now[0],
            current_impact=now[1],
            target_likelihood=target[0],
            target_impact=target[1],
            controls="Weekly performance meeting; quality assurance audits; escalation to the DASS.",
            actions="See the linked recommendations.",
            review_months=months,
            next_review_on=next_review,
            identified_on=identified,
            status=RiskStatus.ESCALATED if ref == ESCALATED else RiskStatus.OPEN,
            level=level,
        )
        gen.row(
            RiskReview,
            identified,
            risk_id=rid,
            reviewed_on=identified,
            reviewer="Risk lead",
            likelihood=inherent[0],
            impact=inherent[1],
            note="Raised",
        )
        previous = reviewed - timedelta(days=months * 30)
        gen.row(
            RiskReview,
            previous,
            risk_id=rid,
            reviewed_on=previous,
            reviewer="Directorate management team",
            likelihood=before[0],
            impact=before[1],
            note=None,
        )
        gen.row(
            RiskReview,
            reviewed,
            risk_id=rid,
            reviewed_on=reviewed,
            reviewer="Directorate management team",
            likelihood=now[0],
            impact=now[1],
            note="Quarterly review",
        )
        if ref == ESCALATED:
            gen.row(
                RiskEscalation,
                reviewed,
                risk_id=rid,
                escalated_on=reviewed,
                escalated_by="Director of Adult Social Care",
                reason="Waiting list above 600 people for three months; corporate help needed to recruit.",
                from_level=RiskLevel.DIRECTORATE,
                to_level=RiskLevel.CORPORATE,
                score=now[0] * now[1],
            )
        # Half the risks lean on a late recommendation; every risk has one or two mitigations.
        pool = late if i % 2 == 0 and late else fine or late
        for rec in gen.rng.sample(pool, min(len(pool), 1 + i % 2)):
            gen.row(RiskMitigation, identified, risk_id=rid, recommendation_id=rec["id"])
