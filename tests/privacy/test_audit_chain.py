"""The audit log keeps no personal values and is tamper-evident; `coprod check` says where."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import create_engine, text
from sqlmodel import select

from coprod import cli
from coprod.domain.models import AuditEvent, Participant
from coprod.persistence import migrate
from coprod.persistence.audit import value_digest
from coprod.persistence.database import Database, open_database
from coprod.services.engagement import capture as engagement
from tests.engines import raw_connection

NAME, CONTACT = "Zebedee Quartermaine", "zq@example.org"
SENTENCE = "My neighbour's carer never turns up on Thursdays since March"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _plant(db: Database) -> None:
    with db.transaction() as s:
        sid = engagement.create_session(session=s, title="Carers café", held_on=date(2026, 3, 1))
        p = Participant(code="P-0042", name=NAME, contact=CONTACT)
        s.add(p)
        s.flush()
        engagement.add_feedback(session=s, session_id=sid, text=SENTENCE, participant_code="P-0042")
    with db.transaction() as s:
        p = s.exec(select(Participant).where(Participant.code == "P-0042")).one()
        p.contact = "07700 900123"
        s.add(p)


def _raw_log(path: Path) -> str:
    with raw_connection(path) as conn:
        return "\n".join(str(r) for r in conn.execute("SELECT * FROM audit_event"))


def _drop_trigger(conn: Any, name: str) -> None:
    on = "" if conn.conn.dialect.name == "sqlite" else " ON audit_event"
    conn.execute(f"DROP TRIGGER {name}{on}")


def _put_back_delete_trigger(conn: Any) -> None:
    if conn.conn.dialect.name == "sqlite":
        conn.execute(
            "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    else:
        conn.execute(
            "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION coprod_audit_append_only()"
        )


def test_log_names_fields_and_hashes_but_never_the_values(db: Database, db_path: Path) -> None:
    _plant(db)
    logged = _raw_log(db_path)
    for secret in (NAME, CONTACT, "07700 900123", "Thursdays", "Carers café"):
        assert secret not in logged
    with db.reading() as s:
        p = s.exec(select(Participant)).one()
        query = select(AuditEvent).where(AuditEvent.row_id == str(p.id)).order_by(AuditEvent.seq)
        update = s.exec(query).all()[-1]
    # Who, which record, which field and a hash that confirms the value for someone holding it.
    assert update.changes == {"contact": value_digest("participant", str(p.id), "contact", "07700 900123")}
    assert update.actor and update.device_id


def test_events_are_chained_and_check_is_clean(db: Database, db_path: Path) -> None:
    _plant(db)
    db.close()
    code, out, err = run("check", "--db", str(db_path))
    assert code == 0, out + err
    assert "chain intact" in out


def _forge(path: Path) -> None:
    with raw_connection(path) as conn:
        conn.execute(
            "INSERT INTO audit_event (id, created_at, updated_at, at, actor, device_id, action, table_name, "
            "row_id, changes) VALUES ('00000000000000000000000000000001', '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 'nobody', 'x', 'delete', 'owner', NULL, '{}')"
        )


def test_a_forged_event_is_reported(db: Database, db_path: Path) -> None:
    _plant(db)
    db.close()
    _forge(db_path)
    code, out, _ = run("check", "--db", str(db_path))
    assert code == 1
    assert "BROKEN at event 00000000-0000-0000-0000-000000000001" in out


def test_an_altered_event_after_dropping_the_trigger_is_reported(db: Database, db_path: Path) -> None:
    _plant(db)
    db.close()
    with raw_connection(db_path) as conn:
        _drop_trigger(conn, "audit_event_no_update")
        conn.execute("UPDATE audit_event SET actor = 'someone else' WHERE seq = 2")
    code, out, _ = run("check", "--db", str(db_path))
    assert code == 1
    assert "BROKEN at event 2 " in out and "changed after it was written" in out
    assert "audit_event_no_update is missing" in out


def test_a_dropped_trigger_alone_is_reported(db: Database, db_path: Path) -> None:
    _plant(db)
    db.close()
    with raw_connection(db_path) as conn:
        _drop_trigger(conn, "audit_event_no_delete")
    code, out, _ = run("check", "--db", str(db_path))
    assert code == 1
    assert "audit_event_no_delete is missing" in out and "BROKEN" not in out


def test_a_removed_event_is_reported(db: Database, db_path: Path) -> None:
    _plant(db)
    db.close()
    with raw_connection(db_path) as conn:
        _drop_trigger(conn, "audit_event_no_delete")
        conn.execute("DELETE FROM audit_event WHERE seq = 3")
        _put_back_delete_trigger(conn)
    code, out, _ = run("check", "--db", str(db_path))
    assert code == 1
    assert "BROKEN at event 4 " in out and "missing or out of order" in out


def test_migration_converts_existing_events_and_chains_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0006")
        conn.execute(
            text(
                "INSERT INTO audit_event (id, created_at, updated_at, at, actor, device_id, action, "
                "table_name, row_id, changes) VALUES (:id, '2025-01-01 10:00:00', '2025-01-01 10:00:00', "
                "'2025-01-01 10:00:00', 'officer', 'dev', 'update', 'feedback', 'r1', :changes)"
            ),
            {"id": "0" * 31 + "9", "changes": f'{{"text": ["old words", "{SENTENCE}"]}}'},
        )
    engine.dispose()
    db = open_database(path)  # migrates to the head
    with db.reading() as s:
        (event,) = s.exec(select(AuditEvent)).all()
    db.close()
    assert event.changes == {"text": value_digest("feedback", "r1", "text", SENTENCE)}
    assert event.seq == 1 and event.hash
    assert "Thursdays" not in _raw_log(path)
    code, out, _ = run("check", "--db", str(path))
    assert code == 0 and "chain intact" in out
