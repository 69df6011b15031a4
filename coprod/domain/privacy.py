"""Words of data protection law as coprod records them. No Qt, no I/O."""

from __future__ import annotations

from enum import StrEnum


class LawfulBasis(StrEnum):
    """Why the council may hold a participant's identity (UK GDPR Art. 6(1))."""

    PUBLIC_TASK = "public_task"  # the usual basis for a council's engagement work
    CONSENT = "consent"
    LEGITIMATE_INTERESTS = "legitimate_interests"
    LEGAL_OBLIGATION = "legal_obligation"


class ConsentUse(StrEnum):
    """Optional uses a participant consents to one by one; the basis covers the rest."""

    QUOTE = "quote"  # their words quoted in reports
    PHOTO = "photo"
    FOLLOW_UP = "follow_up"  # being contacted again
