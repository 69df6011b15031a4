"""`coprod merge` run through the command line, on two officers' copies of a demo borough."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent, Recommendation
from coprod.domain.types import utcnow
from coprod.persistence.audit import value_digest
from coprod.persistence.database import Database, open_database
from tests.command import Ran
from tests.command import run as coprod
from tests.engines import copy_database


def edit(path: Path, ref: str, **fields: object) -> None:
    db = open_database(path)
    try:
        with db.transaction() as s:
            rec = s.exec(select(Recommendation).where(Recommendation.reference == ref)).one()
            for name, value in fields.items():
                setattr(rec, name, value)
            s.add(rec)
    finally:
        db.close()


def recommendation(path: Path, ref: str) -> Recommendation:
    db = open_database(path)
    try:
        with db.reading() as s:
            return s.exec(select(Recommendation).where(Recommendation.reference == ref)).one()
    finally:
        db.close()


@pytest.fixture
def copies(demo_db_file: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    a = copy_database(demo_db_file, tmp_path / "a.db")
    b = copy_database(demo_db_file, tmp_path / "b.db")
    db: Database = open_database(a)
    with db.reading() as s:
        ref = s.exec(
            select(Recommendation.reference)
            .where(Recommendation.reference.isnot(None))
            .order_by(Recommendation.reference)
        ).first()
    db.close()
    assert ref
    return a, b, ref  # type: ignore[return-value]


def test_fields_changed_in_one_copy_only_are_both_kept(
    copies: tuple[Path, Path, str], tmp_path: Path
) -> None:
    a, b, ref = copies
    before = recommendation(a, ref)
    edit(a, ref, title="Weekend respite beds at Elm House")
    edit(b, ref, success_measure="Ten more carers a month get a weekend break")
    out = tmp_path / "b.coprod.json"
    assert coprod("export", "--db", str(b), "--out", str(out)).returncode == 0

    result = coprod("merge", "--db", str(a), str(out))

    assert result.returncode == 0, result.stderr
    assert "0 conflicts" in result.stdout and "changed in both copies" not in result.stdout
    merged = recommendation(a, ref)
    assert merged.title == "Weekend respite beds at Elm House"
    assert merged.success_measure == "Ten more carers a month get a weekend break"
    assert merged.description == before.description


def test_a_field_changed_in_both_copies_is_listed_with_both_values_and_logged(
    copies: tuple[Path, Path, str], tmp_path: Path
) -> None:
    a, b, ref = copies
    edit(a, ref, title="Respite: my wording")
    edit(b, ref, title="Respite: their wording", success_measure="Ten breaks a month")
    out = tmp_path / "b.coprod.json"
    assert coprod("export", "--db", str(b), "--out", str(out)).returncode == 0

    result = coprod("merge", "--db", str(a), str(out))

    assert result.returncode == 0, result.stderr
    assert "updated, 1 conflict." in result.stdout.splitlines()[0]  # one, in the singular
    conflicts = [line for line in result.stdout.splitlines() if line.startswith("conflict")]
    assert len(conflicts) == 1
    assert "title" in conflicts[0] and "success_measure" not in conflicts[0]
    assert "Respite: my wording" in conflicts[0] and "Respite: their wording" in conflicts[0]
    merged = recommendation(a, ref)
    assert merged.title == "Respite: their wording"  # the later change
    assert merged.success_measure == "Ten breaks a month"  # only they changed it
    db = open_database(a)
    with db.reading() as s:
        logged = s.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.MERGE_CONFLICT)).one()
    db.close()
    assert logged.changes["fields"] == {
        "title": [
            value_digest("recommendation", logged.row_id, "title", t)
            for t in ("Respite: my wording", "Respite: their wording")
        ]
    }


def _export(b: Path, tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "b.coprod.json"
    assert coprod("export", "--db", str(b), "--out", str(out)).returncode == 0
    return out, json.loads(out.read_text(encoding="utf-8"))


def _write(path: Path, document: dict) -> None:
    path.write_text(json.dumps(document), encoding="utf-8")


def _refused(result: Ran, *words: str) -> None:
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def _state(path: Path) -> tuple[list[tuple], int]:
    db = open_database(path)
    try:
        with db.reading() as s:
            recs = sorted(
                (str(r.id), r.title, r.progress, r.updated_at, r.deleted_at)
                for r in s.exec(select(Recommendation))
            )
            events = len(s.exec(select(AuditEvent.id)).all())
        return recs, events
    finally:
        db.close()


def test_a_progress_given_as_words_is_refused_and_nothing_is_merged(
    copies: tuple[Path, Path, str], tmp_path: Path
) -> None:
    a, b, _ref = copies
    out, document = _export(b, tmp_path)
    document["tables"]["recommendation"][0]["progress"] = "lots"
    _write(out, document)
    before = _state(a)
    _refused(coprod("merge", "--db", str(a), str(out)), '"lots"', "progress", "whole number")
    assert _state(a) == before


def test_a_change_time_in_the_year_9999_is_refused(copies: tuple[Path, Path, str], tmp_path: Path) -> None:
    a, b, _ref = copies
    out, document = _export(b, tmp_path)
    row = document["tables"]["recommendation"][3]
    row["updated_at"], row["title"] = "9999-01-01T00:00:00+00:00", "Wins every merge"
    _write(out, document)
    before = _state(a)
    _refused(coprod("merge", "--db", str(a), str(out)), "changed on 1 January 9999,", "clock")
    assert "T00:00" not in coprod("merge", "--db", str(a), str(out)).stderr  # a date, as people write it
    assert _state(a) == before


def test_a_file_deleting_every_recommendation_needs_allow_mass_delete(
    copies: tuple[Path, Path, str], tmp_path: Path
) -> None:
    a, b, _ref = copies
    db = open_database(b)
    with db.transaction() as s:
        for rec in s.exec(select(Recommendation)):
            rec.deleted_at = utcnow()
            s.add(rec)
    db.close()
    out, _ = _export(b, tmp_path)
    before = _state(a)

    _refused(coprod("merge", "--db", str(a), str(out)), "would delete 40 of the 40", "--allow-mass-delete")
    assert _state(a) == before

    allowed = coprod("merge", "--db", str(a), str(out), "--allow-mass-delete")
    assert allowed.returncode == 0, allowed.stderr
    assert all(deleted is not None for *_rest, deleted in _state(a)[0])


def test_merged_audit_events_say_which_file_brought_them(
    copies: tuple[Path, Path, str], tmp_path: Path
) -> None:
    a, b, ref = copies
    edit(b, ref, success_measure="Ten breaks a month")
    out, document = _export(b, tmp_path)
    document["tables"]["audit_event"].append(
        {
            **document["tables"]["audit_event"][-1],
            "id": "0d7c4a7e-3b1e-4c55-9d59-0a7fc0f3e111",
            "at": "2019-01-01T09:00:00+00:00",
            "actor": "chief.executive",
        }
    )
    _write(out, document)
    assert coprod("merge", "--db", str(a), str(out)).returncode == 0
    db = open_database(a)
    with db.reading() as s:
        forged = s.get(AuditEvent, uuid.UUID("0d7c4a7e-3b1e-4c55-9d59-0a7fc0f3e111"))
        mine = s.exec(select(AuditEvent).where(AuditEvent.merged_from.is_(None))).all()
    db.close()
    assert forged is not None and forged.merged_from == "b.coprod.json"
    assert forged.actor == "chief.executive"  # kept as the file says, but marked as merged
    assert mine and all(e.merged_from is None for e in mine)


@pytest.mark.sqlite_only  # SQLite stores any type in any column; a server's columns refuse them
def test_check_finds_values_of_the_wrong_type_and_broken_links(demo_db_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    clean = coprod("check", "--db", str(path))
    assert clean.returncode == 0 and "Integrity: ok" in clean.stdout, clean.stdout + clean.stderr
    conn = sqlite3.connect(path)
    conn.execute("UPDATE recommendation SET progress = 'lots' WHERE rowid = 1")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE feedback SET session_id = '00000000000000000000000000000000' WHERE rowid = 1")
    conn.commit()
    conn.close()

    result = coprod("check", "--db", str(path))

    assert result.returncode == 1
    assert "PROBLEMS FOUND" in result.stdout
    assert "recommendation.progress: 1 value of the wrong type" in result.stdout
    assert "feedback: 1 record links to a missing engagement_session record" in result.stdout


def test_check_reads_a_file_not_yet_upgraded(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from coprod.persistence import migrate

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0002")
    engine.dispose()
    result = coprod("check", "--db", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr  # only the upgrade is due
    assert "Integrity: ok" in result.stdout and "needs upgrade" in result.stdout


def test_a_whole_copy_merges_into_a_new_database(demo_db_file: Path, tmp_path: Path) -> None:
    """Owners point at owners who arrive later in the same table: keys are checked at the end."""
    source, theirs = copy_database(demo_db_file, tmp_path / "source.db"), tmp_path / "theirs.coprod.json"
    assert coprod("export", "--db", str(source), "--out", str(theirs)).returncode == 0
    new = tmp_path / "new.db"
    assert coprod("init", "--db", str(new)).returncode == 0
    result = coprod("merge", "--db", str(new), str(theirs))
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(new)
    try:
        assert conn.execute("SELECT count(*) FROM recommendation").fetchone() == (40,)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
