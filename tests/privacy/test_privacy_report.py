"""`coprod privacy-report`: the lead's facts for a data protection impact assessment."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from coprod.persistence.database import Database
from tests.privacy.people import CODE, CONTACT, NAME, SENTENCE, plant, run


def _prepared(db: Database, db_path: Path, tmp_path: Path) -> None:
    plant(db)
    db.close()
    assert run("participants", "withdraw", CODE, "quote", "--db", str(db_path))[0] == 0
    assert run("sar", "--participant", CODE, "--out", str(tmp_path / "s.json"), "--db", str(db_path))[0] == 0
    assert run("participants", "add", "P-2", "--name", "Someone Else", "--db", str(db_path))[0] == 0
    assert run("erase", "--participant", "P-2", "--db", str(db_path))[0] == 0


def test_html_report_gives_the_counts_and_names_no_one(db: Database, db_path: Path, tmp_path: Path) -> None:
    _prepared(db, db_path, tmp_path)
    out = tmp_path / "privacy.html"
    code, said, err = run("privacy-report", "--out", str(out), "--db", str(db_path))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    for secret in (NAME, CONTACT, SENTENCE, "Someone Else"):
        assert secret not in page
    assert '<th scope="row">Participants whose name is held</th><td>1</td>' in page
    assert '<th scope="row">Public task</th><td>3</td>' in page
    assert '<th scope="row">quoting in reports</th><td>0</td><td>1</td>' in page
    assert "chain of" in page and "verified intact" in page
    assert page.count('<th scope="row">20') == 2  # one month of erasures, one of requests


def test_pdf_report(db: Database, db_path: Path, tmp_path: Path) -> None:
    _prepared(db, db_path, tmp_path)
    out = tmp_path / "privacy.pdf"
    assert run("privacy-report", "--out", str(out), "--db", str(db_path))[0] == 0
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Personal data held in coprod" in words and "Participants by lawful basis" in words
    assert NAME not in words
