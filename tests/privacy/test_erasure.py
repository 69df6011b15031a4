"""Erasure: after `coprod erase`, no byte of the person's name, contact or words is in the file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from coprod.domain.models import Feedback, FeedbackTheme
from coprod.i18n.dates import long_day
from coprod.persistence.database import Database, open_database
from coprod.services.data.backup import restore, take
from coprod.services.data.interchange import export_interchange, merge_interchange
from tests.privacy.people import CODE, CONTACT, NAME, SENTENCE, plant, run

SECRETS = (NAME, CONTACT, SENTENCE, "Brackenfold")


def _raw(path: Path) -> bytes:
    """The database file and anything beside it that SQLite keeps (the write-ahead log)."""
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _holds_any(data: bytes) -> list[str]:
    return [s for s in SECRETS if s.encode() in data or s.encode("utf-16-le") in data]


@pytest.mark.sqlite_only  # reads the file's bytes and its backups
def test_erase_leaves_no_byte_in_the_file_index_backups_or_exports(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    plant(db)
    with db.transaction() as s:  # deleted and edited text leaves old copies in free pages
        s.exec(select(Feedback)).first()
    before = take(db, "manual")
    db.close()
    assert _holds_any(_raw(db_path)) == list(SECRETS)  # the test can see them before

    code, out, err = run("erase", "--participant", CODE, "--db", str(db_path))

    assert code == 0, err
    assert f"Erased {CODE}" in out and "the text of 1 comment is removed" in out
    assert before is not None
    [line] = [line for line in out.splitlines() if before.name in line]  # taken today, kept a year or so
    moment, day = r"\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d", r"\d{1,2} [A-Z][a-z]+ \d{4}"
    said = rf"  {re.escape(before.name)}  taken {moment}, gone by {day} at the latest"
    assert re.fullmatch(said, line), line
    assert _holds_any(_raw(db_path)) == []
    db = open_database(db_path)
    with db.reading() as s:
        found = text("SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH 'Brackenfold'")
        assert s.execute(found).scalar() == 0
        # What they said still counts: the comment, its theme and its session stay.
        assert s.exec(select(Feedback).where(Feedback.text == "[erased]")).one()
        assert len(s.exec(select(FeedbackTheme)).all()) == 1
    after = take(db, "manual")
    export = tmp_path / "after.coprod.json"
    export_interchange(db, export)
    db.close()
    assert after is not None and _holds_any(after.read_bytes()) == []
    assert _holds_any(export.read_bytes()) == []
    # The log never held them, before or after.
    check = open_database(db_path)
    with check.reading() as s:
        log = json.dumps([list(map(str, r)) for r in s.execute(text("SELECT * FROM audit_event"))])
    check.close()
    assert not any(secret in log for secret in SECRETS)
    assert '"erase"' in log or "erase" in log


@pytest.mark.sqlite_only  # reads the file's bytes and its backups
def test_restoring_an_older_backup_erases_them_again(db: Database, db_path: Path) -> None:
    plant(db)
    older = take(db, "manual")
    db.close()
    assert run("erase", "--participant", CODE, "--db", str(db_path))[0] == 0
    assert older is not None and _holds_any(older.read_bytes())

    restore(db_path, older)

    assert _holds_any(_raw(db_path)) == []
    code, out, _ = run("participants", "find", CODE, "--db", str(db_path))
    assert out.split("\t")[1:3] == ["", ""]


@pytest.mark.sqlite_only  # reads the file's bytes and its backups
def test_merging_an_older_copy_erases_them_again(db: Database, db_path: Path, tmp_path: Path) -> None:
    plant(db)
    db.close()
    copy = tmp_path / "laptop.db"
    shutil.copy(db_path, copy)
    laptop = open_database(copy)
    older = tmp_path / "laptop.coprod.json"
    export_interchange(laptop, older)
    laptop.close()
    assert run("erase", "--participant", CODE, "--db", str(db_path))[0] == 0

    db = open_database(db_path)
    merge_interchange(db, older)
    db.close()

    assert _holds_any(_raw(db_path)) == []


def test_erasing_someone_unknown_is_one_sentence(db: Database, db_path: Path) -> None:
    db.close()
    code, _, err = run("erase", "--participant", "P-404", "--db", str(db_path))
    assert code == 2
    assert err.strip() == (
        "coprod: There is no participant P-404; check the code ('coprod participants find')."
    )


def test_a_participant_deleted_from_the_lists_can_still_be_erased(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    from coprod.domain.models import Participant
    from coprod.domain.types import utcnow

    plant(db)
    with db.transaction() as s:
        p = s.exec(select(Participant).where(Participant.code == CODE)).one()
        p.deleted_at = utcnow()
        s.add(p)
    db.close()
    assert run("erase", "--participant", CODE, "--db", str(db_path))[0] == 0
    export = tmp_path / "shared.coprod.json"
    db = open_database(db_path)
    export_interchange(db, export)
    db.close()
    assert _holds_any(export.read_bytes()) == []


def test_an_erased_participant_cannot_be_given_a_name_contact_or_consent_again(db: Database) -> None:
    from datetime import date as day

    from coprod.domain.errors import RuleViolation
    from coprod.domain.privacy import ConsentUse
    from coprod.services.privacy import participants
    from coprod.services.privacy.erasure import erase_participant

    with db.transaction() as s:
        code = participants.add_participant(session=s, name="Lena Smith", contact="07700 900048")
    erase_participant(db, code, on=day(2026, 3, 1))
    for change in (
        lambda s: participants.edit_participant(session=s, code=code, name="Someone Else"),
        lambda s: participants.edit_participant(session=s, code=code, contact="07700 900111"),
        lambda s: participants.give_consent(
            session=s, code=code, use=ConsentUse.QUOTE, given_on=day(2026, 3, 2), method="form", wording="Yes"
        ),
    ):
        with pytest.raises(RuleViolation, match=f"{code} was erased on 1 March 2026"), db.transaction() as s:
            change(s)
    with db.reading() as s:
        (row,) = participants.find_participants(session=s, search=code)
    assert (row.name, row.contact, row.consents) == (None, None, ())


def test_erasing_someone_again_says_when_they_were_erased(db: Database, db_path: Path) -> None:
    import io
    from datetime import date

    from coprod import cli
    from coprod.services.privacy import participants

    with db.transaction() as s:
        code = participants.add_participant(session=s, name="Lena Smith")
    db.close()
    first, again = io.StringIO(), io.StringIO()
    assert cli.main(["erase", "--db", str(db_path), "--participant", code], out=first) == 0
    assert cli.main(["erase", "--db", str(db_path), "--participant", code], out=again) == 0
    assert first.getvalue().startswith(f"Erased {code}:")
    today = long_day(date.today())
    assert again.getvalue().startswith(f"{code} had already been erased on {today}; it was checked again")
