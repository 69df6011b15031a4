"""`coprod sar`: everything held about a person, as PDF and JSON, and on the record."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from pypdf import PdfReader
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent
from coprod.persistence.database import Database, open_database
from coprod.persistence.sync import CONFLICT
from tests.privacy.people import CODE, CONTACT, NAME, SENTENCE, plant, run


def test_sar_json_holds_identity_consent_sessions_words_recommendations_and_events(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    plant(db, mention=True)
    db.close()
    out = tmp_path / "sar.json"
    code, said, err = run("sar", "--participant", CODE, "--out", str(out), "--db", str(db_path))
    assert code == 0, err
    assert "1 comment, 4 audit events" in said and "1 other comment mentions their name" in said
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["identity"]["name"] == NAME and data["identity"]["contact"] == CONTACT
    assert data["identity"]["lawful_basis"] == "Public task"
    assert data["consents"][0]["use"] == "quoting in reports"
    assert data["consents"][0]["wording"] == "You may quote my words."
    assert [s["title"] for s in data["sessions"]] == ["Carers café"]
    assert data["said"][0]["text"] == SENTENCE and data["said"][0]["themes"] == ["Care at home"]
    fed = {"reference": "R-1", "title": "Night care checks", "status": "Proposed"}
    assert data["recommendations"] == [fed]
    assert {"participant", "feedback", "consent"} <= {e["record"] for e in data["audit_events"]}
    assert [t["text"] for t in data["to_check"]] == [f"I agree with {NAME} about nights"]
    db = open_database(db_path)
    with db.reading() as s:
        logged = s.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.SUBJECT_ACCESS)).one()
    db.close()
    assert logged.changes["file"] == "sar.json" and logged.actor
    assert NAME not in json.dumps(logged.changes)


def test_sar_pdf_reads_as_the_person_would(db: Database, db_path: Path, tmp_path: Path) -> None:
    plant(db)
    db.close()
    out = tmp_path / "sar.pdf"
    code, _, err = run("sar", "--participant", CODE, "--out", str(out), "--db", str(db_path))
    assert code == 0, err
    words = " ".join(page.extract_text() for page in PdfReader(out).pages)
    words = " ".join(words.split())
    for expected in (NAME, CONTACT, "Brackenfold agency", "Night care checks", "What you told us"):
        assert expected in words
    # Written for the person: days and answers in words, not as a program stores them.
    for expected in ("Given on: 5 January 2026", "Quoted word for word: Yes", "What was done: Created"):
        assert expected in words
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\bTrue\b|\bFalse\b|_", words), words


def test_sar_refuses_another_kind_of_file(db: Database, db_path: Path, tmp_path: Path) -> None:
    plant(db)
    db.close()
    code, _, err = run("sar", "--participant", CODE, "--out", str(tmp_path / "x.docx"), "--db", str(db_path))
    assert code == 2 and "written as .pdf or .json" in err
    assert not (tmp_path / "x.docx").exists()


def test_sar_includes_other_versions_of_their_words_a_team_server_kept(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    planted = plant(db)
    earlier = "The night carer left my mother on the floor"  # two officers typed it differently
    with db.transaction() as s:
        s.connection().execute(
            sa.insert(CONFLICT).values(
                id=uuid.uuid4(),
                table_name="feedback",
                row_id=planted.feedback_id,
                field="text",
                kept_value=SENTENCE,
                other_value=earlier,
                kept_by="sam",
                other_by="alex",
                at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
                settled=False,
            )
        )
    db.close()
    out = tmp_path / "sar.json"

    code, _, err = run("sar", "--participant", CODE, "--out", str(out), "--db", str(db_path))

    assert code == 0, err
    versions = json.loads(out.read_text(encoding="utf-8"))["other_versions"]
    assert versions == [
        {
            "about": "what you told us",
            "field": "text",
            "in_force": SENTENCE,
            "other_version": earlier,
            "kept_on": "2026-03-02",
            "settled": False,
        }
    ]
    pdf = tmp_path / "sar.pdf"
    assert run("sar", "--participant", CODE, "--out", str(pdf), "--db", str(db_path))[0] == 0
    words = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Other versions of your details or words" in words and earlier in words
