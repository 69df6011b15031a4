"""A resident planted in a database: a name, a contact and a sentence nobody else would say."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date

from coprod import cli
from coprod.domain.models import PublishedReport
from coprod.domain.privacy import ConsentUse
from coprod.persistence.database import Database
from coprod.services.engagement import capture as engagement
from coprod.services.privacy import participants as people
from coprod.services.recommendations import lifecycle as recs

NAME = "Zebedee Quartermaine"
CONTACT = "zebedee.q@example.org"
SENTENCE = "The night carer from Brackenfold agency left my mother on the floor until eleven"
CODE = "P-0042"


@dataclass(frozen=True)
class Planted:
    session_id: uuid.UUID
    feedback_id: uuid.UUID
    recommendation_id: uuid.UUID


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def plant(db: Database, *, consent: bool = True, published: bool = False, mention: bool = False) -> Planted:
    """One participant with quote consent, one verbatim comment feeding one recommendation,
    and another resident's comment (naming them if `mention`)."""
    with db.transaction() as s:
        people.add_participant(session=s, code=CODE, name=NAME, contact=CONTACT)
        if consent:
            people.give_consent(
                session=s,
                code=CODE,
                use=ConsentUse.QUOTE,
                given_on=date(2026, 1, 5),
                method="signed form at the session",
                wording="You may quote my words.",
            )
        sid = engagement.create_session(session=s, title="Carers café", held_on=date(2026, 1, 5))
        fid = engagement.add_feedback(
            session=s,
            session_id=sid,
            text=SENTENCE,
            verbatim=True,
            participant_code=CODE,
            themes=["Care at home"],
        )
        said = f"I agree with {NAME if mention else 'them'} about nights"
        other = engagement.add_feedback(session=s, session_id=sid, text=said, participant_code="P-0099")
        rid = recs.create_recommendation(
            session=s,
            title="Night care checks",
            raised_on=date(2026, 1, 10),
            reference="R-1",
            feedback_ids=[fid, other],
        )
        if published:
            s.add(PublishedReport(kind="you-said-we-did", scope={}, as_of=date(2026, 2, 1), content_hash="x"))
    return Planted(sid, fid, rid)
