"""People: accountable owners and (pseudonymous) participants."""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Field

from coprod.domain.models.base import TableBase, fk


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

    Name and contact are personal data: they are never printed in published reports and the
    audit log records that they changed, not what they were.
    """

    __tablename__ = "participant"

    code: str = Field(unique=True, index=True)
    name: str | None = None
    contact: str | None = None
    consent_given_on: date | None = None
    consent_method: str | None = None
    consent_wording: str | None = None
    consent_withdrawn_on: date | None = None
    retain_until: date | None = Field(default=None, index=True)


# Fields whose values the audit log must never copy.
PERSONAL_FIELDS = frozenset({("participant", "name"), ("participant", "contact")})
