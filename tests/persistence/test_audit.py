from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent, Participant
from coprod.domain.types import utcnow
from coprod.persistence.audit import value_digest
from coprod.persistence.database import Database
from coprod.services.engagement import capture as engagement


def _events(db: Database, table: str) -> list[AuditEvent]:
    with db.reading() as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.table_name == table).order_by(AuditEvent.at)))


def test_create_update_delete_are_logged_in_the_same_transaction(db: Database) -> None:
    with db.transaction(actor="officer.a") as s:
        oid = engagement.create_owner(session=s, name="Carers Hub", team="Voluntary sector")
    with db.transaction(actor="officer.b") as s:
        from coprod.domain.models import Owner

        owner = s.get(Owner, oid)
        owner.team = "Partners"
        s.add(owner)
    with db.transaction() as s:
        owner = s.get(Owner, oid)
        owner.deleted_at = utcnow()
        s.add(owner)
    events = _events(db, "owner")
    assert [e.action for e in events] == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]
    assert events[0].actor == "officer.a"
    assert events[0].changes["name"] == value_digest("owner", str(oid), "name", "Carers Hub")
    assert events[1].actor == "officer.b"
    assert events[1].changes == {"team": value_digest("owner", str(oid), "team", "Partners")}
    assert events[2].changes == {}
    assert all(e.row_id == str(oid) and e.device_id for e in events)


def test_rolled_back_change_leaves_no_audit_entry(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as s:
        engagement.create_owner(session=s, name="Ghost")
        s.flush()
        raise RuntimeError("power cut")
    assert _events(db, "owner") == []


def test_personal_data_is_never_copied_into_the_log(db: Database) -> None:
    with db.transaction() as s:
        s.add(
            Participant(
                code="P-0042",
                name="Jane Example",
                contact="jane@example.org",
                consent_given_on=date(2025, 1, 1),
            )
        )
    (event,) = _events(db, "participant")
    assert set(event.changes) >= {"name", "contact", "code"}
    assert event.changes["name"].startswith("sha256:")
    assert "Jane" not in str(event.changes) and "jane@" not in str(event.changes)


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_event SET actor = 'someone else'", "DELETE FROM audit_event"]
)
def test_database_refuses_to_alter_the_audit_log(db: Database, statement: str) -> None:
    with db.transaction() as s:
        engagement.create_owner(session=s, name="Safeguarding team")
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text(statement))
    assert len(_events(db, "owner")) == 1
    assert _events(db, "owner")[0].actor != "someone else"
