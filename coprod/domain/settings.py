"""Team-wide rules. Stored in the database (table `setting`) so every officer shares them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from coprod.domain.errors import RuleViolation

# One "@", something before it, a dotted domain after it, no spaces: what a resident's email
# program needs to send anything (the rest a typing slip can break is for a person to check).
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


@dataclass(frozen=True, slots=True)
class TeamRules:
    default_target_days: int = 90
    stall_threshold_days: int = 60
    amber_window_days: int = 30
    reference_prefix: str = "R-"  # new recommendations made in the app: R-0041, R-0042...
    retain_identity_days: int = 730  # a participant's identity, after their last session
    retain_feedback_days: int = 2190  # the words of feedback, after the session it was given at

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Organisation:
    """What reports print about the council, and how residents reply. Empty until set."""

    council_name: str = ""
    logo_path: str = ""
    contact: str = ""  # anything else residents may use: a web page, a named team
    contact_phone: str = ""
    contact_email: str = ""
    contact_address: str = ""
    contact_text_relay: str = ""
    contact_bsl: str = ""
    other_formats: str = ""  # how to ask for large print, audio, another language...

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def check(self) -> None:
        """Refuse what residents could not use: printed in every report, a mistyped email
        address would leave them writing to no one."""
        if self.contact_email and not _EMAIL.fullmatch(self.contact_email):
            raise RuleViolation("settings.bad_email", value=self.contact_email)

    @property
    def has_contact(self) -> bool:
        """A resident can reply: a phone number, an email, a postal address or another way."""
        return any(
            v.strip() for v in (self.contact_phone, self.contact_email, self.contact_address, self.contact)
        )

    def published_values(self) -> list[str]:
        """The council's own details as printed, which no guard may remove."""
        values = [
            self.council_name,
            self.contact,
            self.contact_phone,
            self.contact_email,
            self.contact_text_relay,
            self.contact_bsl,
            self.other_formats,
            self.contact_address,
            address_line(self.contact_address),
            *self.contact_address.splitlines(),
        ]
        return [v.strip() for v in values if v and v.strip()]


def address_line(address: str) -> str:
    """A postal address typed over several lines, as one line: '1 High St, Northtown, NT1 1AA'."""
    return ", ".join(part.strip().rstrip(",") for part in address.splitlines() if part.strip())


SettingsT = TypeVar("SettingsT", TeamRules, Organisation)


def from_stored(cls: type[SettingsT], stored: Mapping[str, str]) -> SettingsT:
    """Settings from the stored key/value pairs; a missing or damaged value keeps its default."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name in stored:
            raw = stored[f.name]
            try:
                values[f.name] = int(raw) if f.type in (int, "int") else raw
            except ValueError:
                continue  # a damaged value falls back to the default
    return cls(**values)
