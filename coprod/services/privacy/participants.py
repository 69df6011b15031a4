"""Participants and their consent: the only place names and contact details are kept.

Everything else in coprod refers to a participant by code. Withdrawing consent to be quoted
keeps their quotes out of every later report (reports read the participant's quote consent)
and lists the published versions that may have contained them, for the officer to follow up.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from coprod.domain.errors import RuleViolation
from coprod.domain.models import (
    Consent,
    EngagementSession,
    Erasure,
    Feedback,
    Participant,
    PublishedReport,
    RecommendationFeedback,
)
from coprod.domain.privacy import ConsentUse, LawfulBasis
from coprod.i18n import N_, label, tr
from coprod.i18n.dates import day
from coprod.services.common.versions import check_version, saving

_UNSET = object()


@dataclass(frozen=True, slots=True)
class ConsentRow:
    use: ConsentUse
    given_on: date
    method: str
    wording: str
    withdrawn_on: date | None

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    id: uuid.UUID
    code: str
    name: str | None
    contact: str | None
    lawful_basis: LawfulBasis
    consents: tuple[ConsentRow, ...]
    feedback_count: int
    retain_until: date | None
    version: int = 1
    """The version read: an edit hands it back so a save made since is not overwritten."""

    def consent(self, use: ConsentUse) -> ConsentRow | None:
        """The latest consent record for `use`, given or withdrawn."""
        found = [c for c in self.consents if c.use == use]
        return found[-1] if found else None


def consent_text(row: ParticipantRow) -> str:
    """What the person has said to each use of their words, as a list shows it: "quoting in
    reports since 5 Jan 2026; photographs withdrawn 1 Mar 2026", or "none"."""
    parts = []
    for use in ConsentUse:
        c = row.consent(use)
        if c is not None:
            key = N_("privacy.consent_active") if c.active else N_("privacy.consent_withdrawn")
            parts.append(tr(key, use=label(use), on=day(c.given_on if c.active else c.withdrawn_on)))
    return "; ".join(parts) or tr("privacy.consent_none")


@dataclass(frozen=True, slots=True)
class PublishedVersion:
    kind: str
    as_of: date
    published_on: date


def normal_code(code: str) -> str:
    return " ".join((code or "").split()).upper()


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def get_participant(session: Session, code: str, *, deleted_too: bool = False) -> Participant:
    """The participant with `code`; `deleted_too` finds one deleted from the lists as well (whose
    identity is still held, so it can still be erased or asked for)."""
    code = normal_code(code)
    query = select(Participant).where(Participant.code == code)
    if not deleted_too:
        query = query.where(col(Participant.deleted_at).is_(None))
    found = session.exec(query).first()
    if found is None:
        raise RuleViolation("privacy.no_participant", code=code)
    return found


def next_code(*, session: Session) -> str:
    """The next free code of the form P-0001."""
    n = session.execute(select(func.count()).select_from(Participant)).scalar_one() + 1
    while session.exec(select(Participant.id).where(Participant.code == f"P-{n:04d}")).first():
        n += 1
    return f"P-{n:04d}"


def add_participant(
    *,
    session: Session,
    code: str | None = None,
    name: str | None = None,
    contact: str | None = None,
    lawful_basis: LawfulBasis = LawfulBasis.PUBLIC_TASK,
) -> str:
    """A new participant; returns the code (made up if not given)."""
    code = normal_code(code or "") or next_code(session=session)
    if session.exec(select(Participant.id).where(Participant.code == code)).first() is not None:
        raise RuleViolation("privacy.code_taken", code=code)
    if session.exec(select(Erasure.id).where(Erasure.code == code)).first() is not None:
        raise RuleViolation("privacy.code_erased", code=code)
    session.add(Participant(code=code, name=_clean(name), contact=_clean(contact), lawful_basis=lawful_basis))
    session.flush()
    return code


def edit_participant(
    *,
    session: Session,
    code: str,
    name: object = _UNSET,
    contact: object = _UNSET,
    lawful_basis: LawfulBasis | None = None,
    expected_version: int | None = None,
) -> None:
    """Change what is given; a name or contact of '' clears it. With `expected_version`
    (the version the user opened), a participant saved since is refused."""
    p = get_participant(session, code)
    _not_erased(session, p)
    check_version(session, p, expected_version)
    with saving(session, p):
        if name is not _UNSET:
            p.name = _clean(name)  # type: ignore[arg-type]
        if contact is not _UNSET:
            p.contact = _clean(contact)  # type: ignore[arg-type]
        if lawful_basis is not None:
            p.lawful_basis = lawful_basis
        session.add(p)


def _not_erased(session: Session, p: Participant) -> None:
    """An erased person's code keeps their feedback's themes and counts, and no one else's
    identity: a name, contact or consent given to it would be taken as theirs."""
    erased_on = session.exec(select(col(Erasure.erased_on)).where(Erasure.code == p.code)).first()
    if erased_on is not None:
        raise RuleViolation("privacy.participant_erased", code=p.code, on=erased_on)


def participant_ids(*, session: Session, search: str = "") -> list[uuid.UUID]:
    """Participants whose code, name or contact contains `search`, by code."""
    query = select(Participant.id).where(col(Participant.deleted_at).is_(None))
    words = search.strip()
    if words:
        query = query.where(
            or_(
                col(Participant.code).icontains(words, autoescape=True),
                func.coalesce(Participant.name, "").icontains(words, autoescape=True),
                func.coalesce(Participant.contact, "").icontains(words, autoescape=True),
            )
        )
    return list(session.exec(query.order_by(Participant.code)).all())


def participant_rows(*, session: Session, ids: Sequence[uuid.UUID]) -> list[ParticipantRow]:
    """Plain rows for `ids`, in that order, with their consents and how much they said."""
    if not ids:
        return []
    people = {p.id: p for p in session.exec(select(Participant).where(col(Participant.id).in_(ids)))}
    consents: dict[uuid.UUID, list[ConsentRow]] = {}
    query = (
        select(Consent)
        .where(col(Consent.participant_id).in_(ids), col(Consent.deleted_at).is_(None))
        .order_by(col(Consent.given_on), col(Consent.created_at))
    )
    for c in session.exec(query):
        consents.setdefault(c.participant_id, []).append(
            ConsentRow(ConsentUse(c.use), c.given_on, c.method, c.wording, c.withdrawn_on)
        )
    counts: dict[uuid.UUID, int] = dict(
        session.execute(
            select(Feedback.participant_id, func.count())
            .where(col(Feedback.participant_id).in_(ids), col(Feedback.deleted_at).is_(None))
            .group_by(col(Feedback.participant_id))
        ).all()
    )
    return [
        ParticipantRow(
            p.id,
            p.code,
            p.name,
            p.contact,
            LawfulBasis(p.lawful_basis),
            tuple(consents.get(p.id, ())),
            int(counts.get(p.id, 0)),
            p.retain_until,
            p.version,
        )
        for p in (people[i] for i in ids if i in people)
    ]


def find_participants(*, session: Session, search: str = "") -> list[ParticipantRow]:
    return participant_rows(session=session, ids=participant_ids(session=session, search=search))


def participant(*, session: Session, code: str) -> ParticipantRow:
    return participant_rows(session=session, ids=[get_participant(session, code).id])[0]


def give_consent(
    *,
    session: Session,
    code: str,
    use: ConsentUse,
    given_on: date,
    method: str,
    wording: str,
) -> None:
    """Record consent to `use`: the date, how it was given and the words agreed to."""
    method, wording = _clean(method) or "", (wording or "").strip()
    if not method:
        raise RuleViolation("privacy.consent_how")
    if not wording:
        raise RuleViolation("privacy.consent_wording")
    if given_on > date.today():
        raise RuleViolation("privacy.consent_future")
    p = get_participant(session, code)
    _not_erased(session, p)
    for c in _open_consents(session, p.id, use):
        c.withdrawn_on = c.withdrawn_on or given_on  # superseded by the new wording
        session.add(c)
    session.add(Consent(participant_id=p.id, use=use, given_on=given_on, method=method, wording=wording))
    if use == ConsentUse.QUOTE:
        p.consent_given_on, p.consent_method, p.consent_wording = given_on, method, wording
        p.consent_withdrawn_on = None
        session.add(p)
    session.flush()


def _open_consents(session: Session, pid: uuid.UUID, use: ConsentUse) -> list[Consent]:
    return list(
        session.exec(
            select(Consent).where(
                Consent.participant_id == pid,
                Consent.use == use,
                col(Consent.withdrawn_on).is_(None),
                col(Consent.deleted_at).is_(None),
            )
        )
    )


def withdraw_consent(
    *,
    session: Session,
    code: str,
    use: ConsentUse,
    on: date | None = None,
) -> list[PublishedVersion]:
    """Withdraw consent to `use` from `on` (today). For quoting: the published reports that
    may hold their quotes, newest first (later reports leave their words out)."""
    on = on or date.today()
    p = get_participant(session, code)
    open_ = _open_consents(session, p.id, use)
    if not open_:
        raise RuleViolation("privacy.no_consent", code=p.code, use=use.value)
    for c in open_:
        c.withdrawn_on = on
        session.add(c)
    if use != ConsentUse.QUOTE:
        session.flush()
        return []
    given = p.consent_given_on
    p.consent_withdrawn_on = on
    session.add(p)
    session.flush()
    return published_with_quotes(session=session, participant_id=p.id, since=given)


def published_with_quotes(
    *,
    session: Session,
    participant_id: uuid.UUID,
    since: date | None,
) -> list[PublishedVersion]:
    """Published reports that may contain this person's quotes: those published while their
    consent stood, covering a date on or after their first quoted words that fed a recommendation."""
    first = session.execute(
        select(func.min(EngagementSession.held_on))
        .join(Feedback, col(Feedback.session_id) == EngagementSession.id)
        .join(RecommendationFeedback, col(RecommendationFeedback.feedback_id) == Feedback.id)
        .where(
            Feedback.participant_id == participant_id,
            col(Feedback.deleted_at).is_(None),
            col(RecommendationFeedback.deleted_at).is_(None),
        )
    ).scalar_one()
    if first is None or since is None:
        return []
    start = max(since, first)
    query = (
        select(PublishedReport)
        .where(PublishedReport.as_of >= start, col(PublishedReport.deleted_at).is_(None))
        .order_by(col(PublishedReport.published_at).desc())
    )
    return [PublishedVersion(r.kind, r.as_of, r.published_at.date()) for r in session.exec(query)]
