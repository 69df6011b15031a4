"""Word copies an officer can edit: read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from coprod.persistence.database import Database
from coprod.services.data.importing import import_tracker
from coprod.services.reports.generate import ReportRequest, generate
from tests.reports_scenario import AS_OF, PLANTED, Scenario
from tests.services.reports.test_board_and_review import late  # noqa: F401  (fixture)
from tests.trackers import GOOD, HEADERS, write_csv


def _run(db: Database, kind: str, out: Path, **kw: object) -> None:
    with db.transaction() as s:
        generate(session=s, request=ReportRequest(kind=kind, out=out, as_of=AS_OF, **kw))  # type: ignore[arg-type]


def _text(doc: Document) -> str:  # type: ignore[valid-type]
    parts = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    for table in doc.tables:  # type: ignore[attr-defined]
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("kind", ["you-said-we-did", "lag", "review"])
def test_every_report_has_a_word_copy_with_real_structure(late: Scenario, tmp_path: Path, kind: str) -> None:  # noqa: F811
    out = tmp_path / "report.docx"
    _run(late.db, kind, out)
    doc = Document(str(out))
    assert doc.core_properties.title and doc.core_properties.language == "en-GB"
    styles = [p.style.name for p in doc.paragraphs]
    assert styles.count("Heading 1") == 1 and "Heading 2" in styles
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "en-GB"
    data_tables = [t for t in doc.tables if t._tbl.tblPr.find(qn("w:tblCaption")) is not None]
    for table in data_tables:  # the header row repeats on each page the table runs onto
        head = table.rows[0]._tr.trPr
        assert head is not None and head.find(qn("w:tblHeader")) is not None
    if kind != "you-said-we-did":
        assert data_tables
    text = _text(doc)
    for value in PLANTED.values():
        assert value not in text


def test_the_easy_read_word_copy_has_a_described_picture_for_every_point(
    scenario: Scenario, tmp_path: Path
) -> None:
    out = tmp_path / "easy.docx"
    _run(scenario.db, "you-said-we-did", out, easy_read=True)
    doc = Document(str(out))
    pictures = doc.inline_shapes
    points = [p for p in doc.paragraphs if p.style.name == "Heading 4"]
    assert len(pictures) == len(points) > 10
    alts = [shape._inline.docPr.get("descr") for shape in pictures]
    assert all(alts) and "A speech bubble" in alts


def test_an_imported_trackers_words_are_in_the_word_copy(db: Database, tmp_path: Path) -> None:
    headers = ["What residents said" if h == "You said" else h for h in HEADERS]
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD, headers), today=AS_OF)
    out = tmp_path / "yswd.docx"
    _run(db, "you-said-we-did", out)
    text = _text(Document(str(out)))
    for row in GOOD:
        assert row[2] in text
    assert "Draft: contact details missing." in text
