"""Team-wide settings kept in the `setting` table."""

from __future__ import annotations

from dataclasses import asdict

from sqlmodel import Session, col, select

from coprod.domain.models import Setting
from coprod.domain.settings import Organisation, SettingsT, TeamRules, from_stored

SERVER_ID = "server_id"
"""A team server's own identity, made by `coprod server init` and copied to its laptops with the
other settings: a laptop copy follows its server to a new address only if the server there
holds the same one (a restored or moved database keeps it; another team server has its own)."""


def get_value(*, session: Session, key: str) -> str | None:
    row = session.exec(select(Setting).where(Setting.key == key, col(Setting.deleted_at).is_(None))).first()
    return row.value if row else None


def set_value(*, session: Session, key: str, value: str) -> None:
    row = session.exec(select(Setting).where(Setting.key == key)).first()
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value or row.deleted_at is not None:
        row.value = value
        row.deleted_at = None
        session.add(row)


def _load(session: Session, cls: type[SettingsT]) -> SettingsT:
    stored = {s.key: s.value for s in session.exec(select(Setting).where(col(Setting.deleted_at).is_(None)))}
    return from_stored(cls, stored)


def get_team_rules(*, session: Session) -> TeamRules:
    return _load(session, TeamRules)


def set_team_rules(*, session: Session, rules: TeamRules) -> None:
    for key, value in asdict(rules).items():
        set_value(session=session, key=key, value=str(value))


def get_organisation(*, session: Session) -> Organisation:
    return _load(session, Organisation)


def set_organisation(*, session: Session, organisation: Organisation) -> None:
    for key, value in asdict(organisation).items():
        set_value(session=session, key=key, value=str(value))
