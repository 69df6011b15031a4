"""The risk register report and the board report's risk section, read back from the files."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from coprod.cli import main
from coprod.domain.enums import Status
from coprod.persistence.database import Database
from coprod.services.recommendations import lifecycle as recs
from coprod.services.risks import register
from tests.reports_scenario import flat, pdf_text
from tests.services.reports.html_check import headings_in_order, outline
from tests.services.risks.helpers import add_risk

AS_OF = date(2026, 6, 1)


@pytest.fixture
def register_db(db: Database, db_path: Path) -> Path:
    """RSK-01 is mitigated by an overdue recommendation and was escalated in May;
    RSK-02 is at its target; RSK-03 is mitigated on time."""
    with db.transaction() as s:
        late = recs.create_recommendation(
            session=s,
            title="Recruit two more assessors",
            reference="R-0001",
            raised_on=date(2026, 1, 10),
            target_date=date(2026, 3, 31),
        )
        fine = recs.create_recommendation(
            session=s,
            title="Triage line for assessments",
            reference="R-0002",
            raised_on=date(2026, 5, 10),
            target_date=date(2026, 12, 31),
        )
        recs.change_status(
            session=s, recommendation_id=late, new_status=Status.ACCEPTED, on=date(2026, 1, 20)
        )
        one = add_risk(s, "RSK-01", title="Assessment waiting times", current=(4, 4))
        add_risk(s, "RSK-02", title="Provider failure", current=(2, 3), target=(2, 3))
        three = add_risk(s, "RSK-03", title="Carers not assessed", current=(3, 3))
        register.link_recommendations(session=s, risk_id=one, recommendation_ids=[late])
        register.link_recommendations(session=s, risk_id=three, recommendation_ids=[fine])
        register.escalate(
            session=s, risk_id=one, on=date(2026, 5, 2), by="Amara Okafor", reason="Backlog doubled"
        )
    db.close()
    return db_path


def _run(*argv: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), out=out, err=err) == 0, err.getvalue()


def test_risk_register_pdf_reads_back_with_heat_map_scores_and_late_mitigations(
    register_db: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "register.pdf"
    _run("report", "risks", "--db", str(register_db), "--out", str(pdf), "--as-of", AS_OF.isoformat())
    text = flat(pdf_text(pdf))
    assert "Risk register" in text and "As at 1 June 2026 (3 in all)" in text
    assert "Likelihood 4 0 (4 Low) 0 (8 Medium) 0 (12 Medium) 1 (16 High)" in text
    assert "Cause Demand has risen faster than social work capacity" in text
    assert "R-0001 Recruit two more assessors: Accepted; 62 days late" in text
    assert "Team to Directorate by Amara Okafor at score 16. Backlog doubled" in text
    assert "Mitigation late" in text


def test_risk_register_html_is_structured_for_screen_readers(register_db: Path, tmp_path: Path) -> None:
    html = tmp_path / "register.html"
    _run("report", "risks", "--db", str(register_db), "--out", str(html), "--as-of", AS_OF.isoformat())
    o = outline(html.read_text(encoding="utf-8"))
    assert o.lang == "en-GB" and headings_in_order(o.headings)
    assert o.tables == o.tables_with_headers == o.captions >= 2


def test_board_report_gains_a_risk_section_read_back_from_the_pdf(register_db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "board.pdf"
    _run("report", "lag", "--db", str(register_db), "--out", str(pdf), "--as-of", AS_OF.isoformat())
    text = flat(pdf_text(pdf))
    risks = text[text.index("Risks Open risks: 3") :]
    assert "Open risks: 3; high: 1; above target: 2; with late mitigations: 1." in risks
    assert "Escalations since 3 March 2026: 1." in risks
    assert "Likelihood 4 0 (4 Low)" in risks
    assert "Risks above their target score: 2" in risks and "RSK-02" not in risks
    assert "Risks whose mitigating recommendations are late: 1" in risks
    assert "RSK-01 Assessment waiting times 16 (High) R-0001 (62)" in risks
    assert "Escalations since 3 March 2026: 1" in risks and "Amara Okafor" in risks


def test_risk_register_word_copy_has_headings_and_the_register(register_db: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "register.docx"
    _run("report", "risks", "--db", str(register_db), "--out", str(out), "--as-of", AS_OF.isoformat())
    doc = Document(str(out))
    styles = [p.style.name for p in doc.paragraphs]
    assert doc.core_properties.title and styles.count("Heading 1") == 1 and "Heading 2" in styles
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "RSK-01" in cells and "Mitigation late" in " ".join([cells, *(p.text for p in doc.paragraphs)])
