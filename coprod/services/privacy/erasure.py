"""Erasure: a person's identity and the text of what they said leave the database file.

The text goes from the feedback table, from the full-text index (its segments are merged so no
old copy survives) and from the free pages of the file (`secure_delete`, then VACUUM and a
checkpoint that empties the write-ahead log), so no copy of it is left in the file. What they
said still counts: sessions, themes and recommendations keep their figures.

The erasure register (code and date only) is kept in the database and beside the backups, so
restoring a backup made before the erasure, or merging an older copy, erases them again.
Backups made before the erasure still hold the data: they are named with the date by which
they will have been thinned out, and are kept beyond use until then.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from coprod.domain.enums import AuditAction
from coprod.domain.errors import DatabaseProblem
from coprod.domain.models import ERASED_TEXT, Consent, Erasure, Feedback, Participant
from coprod.persistence.audit import record
from coprod.persistence.backup import MONTHLY_FOR, backup_dir_for, describe_backup, file_key, list_backups
from coprod.persistence.database import open_database
from coprod.persistence.encryption import connect
from coprod.persistence.errors import DRIVER_ERRORS, translated
from coprod.persistence.sync import take_out_conflicts, take_out_pending
from coprod.services.common.store import Store
from coprod.services.privacy.participants import get_participant, normal_code


@dataclass(frozen=True, slots=True)
class HeldBackup:
    path: Path
    taken: datetime | None
    expires: date | None  # when age thinning will have removed it, at the latest


@dataclass(slots=True)
class ErasureResult:
    code: str
    feedback: int = 0
    backups: list[HeldBackup] = field(default_factory=list)
    on_server: bool = False
    copies_left: bool = False  # on a server: old row versions stay until the owner scrubs
    already_on: date | None = None  # erased before: this time only checked that nothing is held


def register_file(db_path: Path) -> Path:
    """The copy of the erasure register kept with the backups (a restore does not replace it)."""
    return backup_dir_for(db_path) / f"{db_path.stem}.erasures.json"


def _read_register(db_path: Path | None) -> dict[str, str]:
    if db_path is None:
        return {}
    try:
        data = json.loads(register_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_register(db_path: Path | None, register: dict[str, str]) -> None:
    if db_path is None:
        return
    path = register_file(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(register, sort_keys=True, indent=1), encoding="utf-8")
    partial.replace(path)


# What an erasure leaves of a participant's own fields.
PARTICIPANT_BLANKS = {"name": None, "contact": None, "consent_wording": None, "consent_method": None}


def erase_in_session(session: Session, participant: Participant, on: date) -> int:
    """Blank the identity and the text; keep the code, the themes and what the feedback fed."""
    conn = session.connection()
    take_out_pending(conn, "participant", participant.id, PARTICIPANT_BLANKS)
    for name, blank in PARTICIPANT_BLANKS.items():
        setattr(participant, name, blank)
    if participant.consent_given_on and not participant.consent_withdrawn_on:
        participant.consent_withdrawn_on = on
    session.add(participant)
    for c in session.exec(select(Consent).where(Consent.participant_id == participant.id)):
        if c.withdrawn_on is None:
            c.withdrawn_on = on
            session.add(c)
    take_out_conflicts(conn, "participant", [participant.id], PARTICIPANT_BLANKS)
    said = list(session.exec(select(Feedback).where(Feedback.participant_id == participant.id)))
    take_out_conflicts(conn, "feedback", [item.id for item in said], {"text": ERASED_TEXT})
    count = 0
    for item in said:
        if item.text != ERASED_TEXT or item.is_verbatim:
            take_out_pending(conn, "feedback", item.id, {"text": ERASED_TEXT})
            item.text, item.is_verbatim = ERASED_TEXT, False
            session.add(item)
        count += 1
    if session.exec(select(Erasure.id).where(Erasure.code == participant.code)).first() is None:
        session.add(Erasure(code=participant.code, erased_on=on))
    return count


@contextmanager
def securely(db: Store, scrub: Callable[[], bool], left: list[bool] | None = None) -> Iterator[Session]:
    """A transaction whose deletions overwrite the freed space; afterwards, if `scrub()` says
    so, leave no copy of deleted text in the file: merge the search index's segments, rebuild
    the file, and empty the write-ahead log (which keeps old pages until a checkpoint)."""
    with translated(db.path, file_errors=False), db.database.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA secure_delete = ON")
        try:
            server = conn.dialect.name == "postgresql"
            with db.database.session(bind=conn) as session, session.begin():
                yield session
                erased_by = _transaction_id(session.connection()) if server else None
            if raw is not None and scrub():
                raw.execute("INSERT INTO feedback_fts (feedback_fts) VALUES ('optimize')")
                raw.commit()
                raw.execute("VACUUM")
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            elif erased_by is not None and scrub():
                done = _rewrite_on_server(conn, erased_by)
                if left is not None:
                    left.append(not done)
        finally:
            if raw is not None:
                raw.execute("PRAGMA secure_delete = OFF")


# The tables an erasure changes: rewritten on a server so no old row version stays in them.
_ERASED_TABLES = ("participant", "consent", "feedback", "sync_conflict")


def _transaction_id(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT pg_current_xact_id()::text::bigint").scalar_one())


# How long an erasure waits for transactions that began before it to end (another officer's
# save, a report being read); they can still see the old row versions, which VACUUM keeps.
SERVER_WAIT_S = 60.0


def _rewrite_on_server(conn: Connection, erased_by: int) -> bool:
    """PostgreSQL keeps a changed row's old version in the table until VACUUM; VACUUM FULL
    writes each table afresh and deletes the old file, with the erased text in it. A version
    that a transaction begun before the erasure can still see is kept, so first wait for every
    such transaction to end. Only the tables' owner may rewrite them: False if this login is
    not (`coprod server scrub`, run by the owner, finishes the job). The server's own backups
    and archived WAL are the database team's to expire."""
    conn.commit()
    auto = conn.execution_options(isolation_level="AUTOCOMMIT")
    owned = auto.exec_driver_sql(
        "SELECT count(*) FROM pg_class WHERE relname = ANY(%(tables)s) AND pg_has_role(relowner, 'USAGE')",
        {"tables": list(_ERASED_TABLES)},
    ).scalar_one()
    if owned != len(_ERASED_TABLES):
        return False
    deadline = time.monotonic() + SERVER_WAIT_S
    oldest = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
    while int(auto.exec_driver_sql(oldest).scalar_one()) <= erased_by and time.monotonic() < deadline:
        time.sleep(0.1)
    for table in _ERASED_TABLES:
        auto.exec_driver_sql(f"VACUUM (FULL) {table}")
    return True


def scrub_server(db: Store) -> bool:
    """Rewrite the tables erasures change, so no old version of an erased row stays in them
    (`coprod server scrub`, for the database's owner). False if this login may not."""
    with translated(db.path, file_errors=False), db.database.engine.connect() as conn:
        if conn.dialect.name != "postgresql":
            return True
        return _rewrite_on_server(conn, _transaction_id(conn))


def erase_participant(db: Store, code: str, *, on: date | None = None) -> ErasureResult:
    """Erase one person; returns how much was erased and which backups still hold it."""
    db.database.check_still_there()
    on = on or date.today()
    code = normal_code(code)
    result = ErasureResult(
        code, on_server=db.path is None and db.database.engine.dialect.name == "postgresql"
    )
    left: list[bool] = []
    with securely(db, lambda: True, left) as session:
        participant = get_participant(session, code, deleted_too=True)
        result.already_on = session.exec(select(col(Erasure.erased_on)).where(Erasure.code == code)).first()
        result.feedback = erase_in_session(session, participant, on)
        record(
            session,
            AuditAction.ERASE,
            table_name="participant",
            row_id=str(participant.id),
            changes={"scope": "identity and feedback text", "feedback": result.feedback},
        )
    result.copies_left = any(left)
    register = _read_register(db.path)
    register[code] = on.isoformat()
    _write_register(db.path, register)
    result.backups = backups_holding(db.path, code) if db.path else []
    return result


def backups_holding(db_path: Path, code: str) -> list[HeldBackup]:
    """Backups in which `code` still has a name, a contact or unerased text."""
    held = []
    for path in list_backups(db_path):
        if _holds(path, code):
            taken, _ = describe_backup(path, db_path)
            expires = (taken + MONTHLY_FOR).date() if taken else None
            held.append(HeldBackup(path, taken, expires))
    return held


def _holds(path: Path, code: str) -> bool:
    try:  # an encrypted database's backups are encrypted with its key
        conn = connect(path, file_key(path), read_only=True, immutable=True)
    except (*DRIVER_ERRORS, DatabaseProblem):
        return False
    try:
        row = conn.execute(
            "SELECT 1 FROM participant p WHERE p.code = ? AND (p.name IS NOT NULL OR p.contact IS NOT NULL "
            "OR EXISTS (SELECT 1 FROM feedback f WHERE f.participant_id = p.id AND f.text != ?))",
            (code, ERASED_TEXT),
        ).fetchone()
        return row is not None
    except DRIVER_ERRORS:
        return False
    finally:
        conn.close()


def reapply_register(db: Store) -> list[str]:
    """Erase again everyone on the register (the database's and the copy beside the backups)
    who has come back with an identity or text: after a restore or a merge. Returns their codes."""
    register = _read_register(db.path)
    with db.reading() as session:
        for e in session.exec(select(Erasure)):
            register.setdefault(e.code, e.erased_on.isoformat())
        if not register:
            return []
        again = []
        for code in register:
            p = session.exec(select(Participant).where(Participant.code == code)).first()
            if p is None:
                continue
            live = session.exec(
                select(Feedback.id).where(Feedback.participant_id == p.id, col(Feedback.text) != ERASED_TEXT)
            ).first()
            if p.name is not None or p.contact is not None or live is not None:
                again.append(code)
        missing_rows = [
            code
            for code in register
            if session.exec(select(Erasure.id).where(Erasure.code == code)).first() is None
        ]
    if again or missing_rows:
        with securely(db, lambda: bool(again)) as session:
            for code in dict.fromkeys([*again, *missing_rows]):
                on = date.fromisoformat(register[code])
                p = session.exec(select(Participant).where(Participant.code == code)).first()
                if p is not None:
                    erase_in_session(session, p, on)
                elif session.exec(select(Erasure.id).where(Erasure.code == code)).first() is None:
                    session.add(Erasure(code=code, erased_on=on))
                if code in again:
                    record(
                        session,
                        AuditAction.ERASE,
                        table_name="participant",
                        row_id=str(p.id) if p else None,
                        changes={"scope": "erasure register re-applied", "code": code},
                    )
    _write_register(db.path, register)
    return again


def reapply_after_restore(db_path: str | Path) -> list[str]:
    """Open the restored file, erase again whoever the register lists, and close it (a file
    with no register beside its backups is left alone)."""
    if not register_file(Path(db_path)).exists():
        return []
    db = open_database(db_path, create=False)
    try:
        return reapply_register(db)
    finally:
        db.close()


def erased_codes(*, session: Session) -> list[tuple[str, date]]:
    return [(e.code, e.erased_on) for e in session.exec(select(Erasure).order_by(col(Erasure.erased_on)))]
