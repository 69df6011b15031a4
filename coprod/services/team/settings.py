"""Settings the whole team shares, read and changed by name (`coprod settings`, Preferences).

Team rules are whole numbers of days; the council's details are text printed in reports
for residents. Both live in the database, so every officer's reports say the same.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from sqlmodel import Session

from coprod.domain.errors import CoprodError
from coprod.domain.settings import Organisation, TeamRules
from coprod.persistence.repositories import settings as repo

_DAYS_MAX = 3650


def keys() -> tuple[str, ...]:
    return TeamRules.keys() + Organisation.keys()


def list_settings(*, session: Session) -> list[tuple[str, str]]:
    """Every setting with its current value (text), team rules first."""
    rules = asdict(repo.get_team_rules(session=session))
    org = asdict(repo.get_organisation(session=session))
    return [(k, str(v)) for k, v in (*rules.items(), *org.items())]


def set_setting(*, session: Session, key: str, value: str) -> None:
    """Change one setting by name; a bad name or value is refused with a sentence."""
    key = key.strip().lower().replace("-", "_")
    rule_names, council_names = TeamRules.keys(), Organisation.keys()
    if key in rule_names:
        try:
            days = int(value)
        except ValueError:
            days = 0
        if not 1 <= days <= _DAYS_MAX:
            raise CoprodError("settings.bad_days", key=key, value=value, maximum=_DAYS_MAX)
        change: dict[str, Any] = {key: days}
        rules = replace(repo.get_team_rules(session=session), **change)
        repo.set_team_rules(session=session, rules=rules)
        return
    if key in council_names:
        text = value.replace("\\n", "\n").strip()
        organisation = replace(repo.get_organisation(session=session), **{key: text})
        organisation.check()
        repo.set_organisation(session=session, organisation=organisation)
        return
    raise CoprodError("settings.unknown_key", key=key, keys=", ".join(keys()))


def get_organisation(*, session: Session) -> Organisation:
    return repo.get_organisation(session=session)


def get_team_rules(*, session: Session) -> TeamRules:
    return repo.get_team_rules(session=session)


def set_team_rules(*, session: Session, rules: TeamRules) -> None:
    repo.set_team_rules(session=session, rules=rules)


def save_preferences(*, session: Session, rules: TeamRules, organisation: Organisation) -> None:
    organisation.check()
    repo.set_team_rules(session=session, rules=rules)
    repo.set_organisation(session=session, organisation=organisation)
