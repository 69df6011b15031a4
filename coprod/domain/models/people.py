"""People: accountable owners and (pseudonymous) participants."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Field

from coprod.domain.models.base import TableBase, enum_type, fk
from coprod.domain.privacy import ConsentUse, LawfulBasis


class Owner(TableBase, table=True):
    """An accountable action owner: a person, a team or a partner body (no login needed)."""

    __tablename__ = "owner"

    name: str = Field(index=True)
    role: str | None = None
    team: str | None = None
    email: str | None = None
    escalation_contact_id: uuid.UUID | None = fk("owner.id")
    active: bool = True


class Participant(TableBase, table=True):
    """A resident who took part. The code is what coprod shows; name and contact are optional.

    Name and contact are personal data, kept here only: everything else refers to the
    participant by `code`; published reports never print them and the audit log records that
    they changed, not what they were. The consent_* columns hold the consent to be quoted
    (what reports read), kept in step with that use's latest `Consent` record.
    """

    __tablename__ = "participant"
    made_on_first_use = True

    code: str = Field(unique=True, index=True)
    name: str | None = None
    contact: str | None = None
    consent_given_on: date | None = None
    consent_method: str | None = None
    consent_wording: str | None = None
    consent_withdrawn_on: date | None = None
    retain_until: date | None = Field(default=None, index=True)
    lawful_basis: LawfulBasis = Field(default=LawfulBasis.PUBLIC_TASK, sa_type=enum_type(LawfulBasis))


class Consent(TableBase, table=True):
    """Consent to one optional use: when, how and in what words it was given, and withdrawn.

    A new consent after a withdrawal is a new record, so the history stays.
    """

    __tablename__ = "consent"

    participant_id: uuid.UUID = fk("participant.id", nullable=False)
    use: ConsentUse = Field(sa_type=enum_type(ConsentUse))
    given_on: date
    method: str
    wording: str
    withdrawn_on: date | None = None


class Erasure(TableBase, table=True):
    """The erasure register: which code was erased and when, nothing else.

    Re-applied after a restore or a merge brings back a copy made before the erasure.
    """

    __tablename__ = "erasure"

    code: str = Field(index=True)
    erased_on: date


# Fields whose values the audit log must never copy.
PERSONAL_FIELDS = frozenset({("participant", "name"), ("participant", "contact")})
# What an erasure and a retention run leave where a person's words were.
ERASED_TEXT = "[erased]"
ANONYMISED = "[anonymised]"
_CLEARED = PERSONAL_FIELDS | {("participant", "consent_wording"), ("participant", "consent_method")}


def takes_out_personal(table: str, field: str, value: object) -> bool:
    """Whether writing `value` to this field takes a person's data out: an erasure, a retention
    run's anonymising, or a name or contact cleared. Such a write always wins over another
    change to the field, and the value it replaced is never copied anywhere (a laptop's
    outbox, a record of a conflict)."""
    if (table, field) in _CLEARED:
        return value is None
    if (table, field) == ("feedback", "text"):
        return isinstance(value, str) and (value == ERASED_TEXT or value.startswith(ANONYMISED))
    return False
