"""A small database with known stalled, overdue, untargeted and extended recommendations,
for the review and dashboard tests (services and GUI alike).

As of 26 Nov 2026, with the default rules (stall after 60 days, default target 90 days):
- A: overdue by 239 days and idle since 20 Jan 2026 (stalled over twice the threshold)
- B: overdue by 56 days and idle for 86 days (stalled, but not yet twice the threshold)
- C: no target, updated 25 days ago
- D: extended twice, on track, idle for 42 days
- E: on track; F: implemented (neither is in the review queue)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from coprod.domain.enums import Status
from coprod.persistence.database import Database
from coprod.services.engagement import capture as eng
from coprod.services.recommendations import lifecycle as recs
from tests import engines
from tests.prebuilt import Built, build_once

AS_OF = date(2026, 11, 26)


@dataclass
class Known:
    ann: uuid.UUID
    bob: uuid.UUID
    cat: uuid.UUID
    carers: uuid.UUID
    housing: uuid.UUID
    a: uuid.UUID
    b: uuid.UUID
    c: uuid.UUID
    d: uuid.UUID
    e: uuid.UUID
    f: uuid.UUID


def build(db: Database) -> Known:
    with db.transaction() as s:
        ann = eng.create_owner(session=s, name="Ann Lead", role="Head of Service")
        s.flush()
        bob = eng.create_owner(session=s, name="Bob Officer", escalation_contact_id=ann)
        cat = eng.create_owner(session=s, name="Cat Officer")
        carers = eng.create_strategy(session=s, name="Carers strategy", board="Health and Wellbeing Board")
        housing = eng.create_strategy(session=s, name="Housing strategy", board="Adults Committee")
        s.flush()
        sid = eng.create_session(
            session=s, title="Carers forum", held_on=date(2026, 1, 5), strategy_ids=[carers]
        )
        said = eng.add_feedback(
            session=s, session_id=sid, text="The day centre bus leaves before carers finish work."
        )
        s.flush()

        def rec(
            ref: str,
            title: str,
            raised: date,
            target: date | None,
            owner: uuid.UUID,
            strategy: uuid.UUID,
            accepted: date | None = None,
            **kw: object,
        ) -> uuid.UUID:
            rid = recs.create_recommendation(
                session=s,
                title=title,
                reference=ref,
                raised_on=raised,
                target_date=target,
                owner_id=owner,
                strategy_id=strategy,
                source_session_id=sid,
                **kw,
            )  # type: ignore[arg-type]
            s.flush()
            if accepted:
                recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=accepted)
            return rid

        a = rec(
            "R-A",
            "Later day centre transport",
            date(2026, 1, 10),
            date(2026, 4, 1),
            bob,
            carers,
            date(2026, 1, 20),
            feedback_ids=[said],
        )
        b = rec(
            "R-B",
            "Carers' housing advice line",
            date(2026, 8, 1),
            date(2026, 10, 1),
            cat,
            housing,
            date(2026, 9, 1),
        )
        c = rec("R-C", "Respite booking online", date(2026, 10, 1), None, bob, carers)
        recs.add_update(session=s, recommendation_id=c, text="Scoping with IT.", on=date(2026, 11, 1))
        d = rec(
            "R-D",
            "Easy read tenancy letters",
            date(2026, 3, 1),
            date(2026, 6, 1),
            bob,
            housing,
            date(2026, 3, 10),
        )
        recs.set_target(
            session=s,
            recommendation_id=d,
            new_date=date(2026, 7, 1),
            on=date(2026, 5, 20),
            reason="Printer contract",
            approved_by="Ann Lead",
        )
        recs.set_target(
            session=s,
            recommendation_id=d,
            new_date=date(2027, 1, 31),
            on=date(2026, 10, 15),
            reason="Waiting for tenants' panel",
            approved_by="Ann Lead",
        )
        e = rec("R-E", "Carers' card", date(2026, 10, 1), date(2027, 6, 1), cat, carers, date(2026, 11, 20))
        f = rec(
            "R-F", "Carers' newsletter", date(2026, 2, 1), date(2026, 6, 1), cat, carers, date(2026, 2, 10)
        )
        recs.change_status(session=s, recommendation_id=f, new_status=Status.IN_PROGRESS, on=date(2026, 3, 1))
        recs.change_status(
            session=s,
            recommendation_id=f,
            new_status=Status.IMPLEMENTED,
            on=date(2026, 5, 1),
            implemented_on=date(2026, 5, 1),
            public_update="The newsletter goes out monthly.",
        )
    return Known(ann=ann, bob=bob, cat=cat, carers=carers, housing=housing, a=a, b=b, c=c, d=d, e=e, f=f)


@pytest.fixture(scope="session")
def review_file(
    tmp_path_factory: pytest.TempPathFactory, _server_databases: engines.ServerDatabases | None
) -> Iterator[Built[Known]]:
    """The database `build` fills, built once a run; `copy_into(db, review_file)` copies it
    into a test's own (tests/prebuilt.py)."""
    yield from build_once(tmp_path_factory, _server_databases, "review", build)
