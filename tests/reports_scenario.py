"""A small, hand-made scenario with personal data planted where it must never be printed.

Shared by the report service tests and the Reports page tests: the scenario is built once per
run (the `scenario_file` fixture) and each test's database is made a copy of it
(`copy_scenario`), as filling it takes longer than most report tests do.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.models import Feedback, Participant
from coprod.domain.settings import Organisation
from coprod.persistence.database import Database
from coprod.persistence.repositories.settings import set_organisation
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations import lifecycle as recs
from tests import engines
from tests.prebuilt import Built, build_once, copy_into

AS_OF = date(2026, 11, 26)
PLANTED = {
    "name": "Jane Plantedperson",
    "email": "jane.planted@example.com",
    "phone": "07700 900123",
    "postcode": "SW1A 1AA",
    "nhs_number": "943 476 5919",
    "contact": "Flat 2, Mill House, Tanners Row",
}
WITHDRAWN_QUOTE = "I withdrew my consent so this must not be printed."
GREEK_CYRILLIC = "Ελένη Παπαδόπουλος and Дмитрий Смирнов"
ACCENTED = "Zoë Brontë-Ängström"


@dataclass
class Scenario:
    db: Database
    session_id: uuid.UUID
    done: uuid.UUID
    declined: uuid.UUID
    doing: uuid.UUID


def make_scenario(db: Database) -> Scenario:
    """Fill `db` with the scenario (use through a `scenario` fixture)."""
    with db.transaction() as s:
        set_organisation(
            session=s,
            organisation=Organisation(
                council_name="Northshire Council", contact="adult.care@northshire.example or 01632 960001"
            ),
        )
        strategy = engagement.create_strategy(session=s, name="Carers Strategy")
        s.flush()
        sid = engagement.create_session(
            session=s,
            title="Carers' forum",
            held_on=date(2025, 1, 5),
            strategy_ids=[strategy],
            participant_count=14,
            groups_reached=["carers", "people whose first language is not English"],
            adjustments=["bsl", "interpreter"],
        )
        # Personal data planted two pieces to a text: each is removed and listed. (A text with
        # more than two is left out whole; tests plant that case themselves.)
        planted = f"{PLANTED['name']} said respite is impossible; ring {PLANTED['phone']}."
        f1 = engagement.add_feedback(
            session=s, session_id=sid, text=planted, themes=["Carers' support"], verbatim=True
        )
        f2 = engagement.add_feedback(
            session=s,
            session_id=sid,
            text="We never get a weekend off.",
            themes=["Carers' support"],
            verbatim=True,
            participant_code="P-1",
        )
        f3 = engagement.add_feedback(
            session=s,
            session_id=sid,
            text=WITHDRAWN_QUOTE,
            themes=["Carers' support"],
            verbatim=True,
            participant_code="P-2",
        )
        f4 = engagement.add_feedback(
            session=s,
            session_id=sid,
            text="Nobody answers the phone.",
            themes=["Communication"],
            verbatim=False,
        )
        f5 = engagement.add_feedback(
            session=s,
            session_id=sid,
            text=f"Email me at {PLANTED['email']}, I live at {PLANTED['postcode']}.",
            themes=["Communication"],
            verbatim=False,
        )
        for code, name, given, withdrawn in (
            ("P-1", PLANTED["name"], date(2025, 1, 5), None),
            ("P-2", "Olu Withdrawn", date(2025, 1, 5), date(2025, 6, 1)),
        ):
            p = s.exec(select(Participant).where(Participant.code == code)).one()
            p.name, p.consent_given_on, p.consent_withdrawn_on = name, given, withdrawn
            p.contact = PLANTED["contact"] if code == "P-1" else None
            s.add(p)
        s.flush()
        done = recs.create_recommendation(
            session=s,
            title="Weekend respite for carers",
            raised_on=date(2025, 1, 10),
            reference="R-001",
            source_session_id=sid,
            strategy_id=strategy,
            feedback_ids=[f1, f2, f3],
            target_date=date(2025, 6, 1),
            success_measure="Carers say they get a break",
        )
        recs.change_status(
            session=s, recommendation_id=done, new_status=Status.ACCEPTED, on=date(2025, 1, 20)
        )
        recs.change_status(
            session=s, recommendation_id=done, new_status=Status.IN_PROGRESS, on=date(2025, 2, 1)
        )
        recs.change_status(
            session=s,
            recommendation_id=done,
            new_status=Status.IMPLEMENTED,
            on=date(2025, 5, 1),
            implemented_on=date(2025, 5, 1),
            public_update=f"Weekend respite now runs every month, led by {GREEK_CYRILLIC} with {ACCENTED}.",
        )
        declined = recs.create_recommendation(
            session=s,
            title="Open a carers' café in every library",
            raised_on=date(2025, 1, 10),
            reference="R-002",
            source_session_id=sid,
            strategy_id=strategy,
            feedback_ids=[f4],
        )
        recs.change_status(
            session=s,
            recommendation_id=declined,
            new_status=Status.NOT_TAKEN_FORWARD,
            on=date(2025, 3, 1),
            reason="The NHS already runs a carers' café in each town",
        )
        doing = recs.create_recommendation(
            session=s,
            title="Answer the carers' line within three rings",
            raised_on=date(2025, 2, 1),
            reference="R-003",
            source_session_id=sid,
            strategy_id=strategy,
            feedback_ids=[f4, f5],
            target_date=date(2027, 3, 31),
        )
        recs.add_update(
            session=s,
            recommendation_id=doing,
            text=f"A resident (NHS {PLANTED['nhs_number']}) wrote from {PLANTED['contact']}.",
            on=date(2025, 2, 20),
            progress=10,
            public=True,
        )
        recs.change_status(
            session=s, recommendation_id=doing, new_status=Status.ACCEPTED, on=date(2025, 2, 10)
        )
        recs.change_status(
            session=s, recommendation_id=doing, new_status=Status.IN_PROGRESS, on=date(2025, 3, 1)
        )
        assert s.exec(select(Feedback)).all()
    return Scenario(db, sid, done, declined, doing)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def flat(text: str) -> str:
    """Text with line breaks folded to spaces, for phrases that may wrap."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def scenario_file(
    tmp_path_factory: pytest.TempPathFactory, _server_databases: engines.ServerDatabases | None
) -> Iterator[Built[Scenario]]:
    """The scenario, built once a run (tests/prebuilt.py)."""
    yield from build_once(tmp_path_factory, _server_databases, "reports-scenario", make_scenario)


def copy_scenario(db: Database, scenario_file: Built[Scenario]) -> Scenario:
    """The test's `db`, holding a copy of the scenario built for the run."""
    return dataclasses.replace(copy_into(db, scenario_file), db=db)
