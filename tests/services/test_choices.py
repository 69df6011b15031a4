"""Pick lists of owners and strategies: by name whatever the case, inactive ones last or hidden."""

from __future__ import annotations

from sqlmodel import Session, select

from coprod.domain.models import Owner, Strategy
from coprod.persistence.database import Database
from coprod.services.common.choices import owner_choices, strategy_choices
from coprod.services.engagement.capture import create_owner, create_strategy


def _seed(session: Session) -> None:
    for name in ("bea Khan", "Zoe Adams", "alan Price", "Carl Dunn"):
        create_owner(session=session, name=name)
    for name in ("housing", "Adult social care", "Transport"):
        create_strategy(session=session, name=name)
    session.flush()
    for model, name in ((Owner, "alan Price"), (Strategy, "Adult social care")):
        row = session.exec(select(model).where(model.name == name)).one()
        row.active = False
        session.add(row)


def test_owners_by_name_ignoring_case_inactive_hidden_or_last(memory_db: Database) -> None:
    with memory_db.transaction() as s:
        _seed(s)
    with memory_db.reading() as s:
        assert [c.name for c in owner_choices(s)] == ["bea Khan", "Carl Dunn", "Zoe Adams"]
        everyone = owner_choices(s, include_inactive=True)
    assert [(c.name, c.active) for c in everyone] == [
        ("bea Khan", True),
        ("Carl Dunn", True),
        ("Zoe Adams", True),
        ("alan Price", False),
    ]


def test_strategies_by_name_ignoring_case_inactive_hidden_or_last(memory_db: Database) -> None:
    with memory_db.transaction() as s:
        _seed(s)
    with memory_db.reading() as s:
        assert [c.name for c in strategy_choices(s)] == ["housing", "Transport"]
        every = [c.name for c in strategy_choices(s, include_inactive=True)]
    assert every == ["housing", "Transport", "Adult social care"]
