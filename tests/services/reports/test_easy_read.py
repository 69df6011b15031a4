"""Easy read that people with a learning disability can use: a picture beside every point,
no more than 20 pages, and the harder words explained. Read back from the PDF and the HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from coprod.persistence.database import Database, open_database
from coprod.services.reports.content import Entry, Point
from coprod.services.reports.generate import ReportRequest, ReportResult, generate
from coprod.services.reports.pictures import choose_picture
from coprod.services.team.settings import set_setting
from tests.engines import copy_database
from tests.reports_scenario import AS_OF, Scenario, flat, pdf_text
from tests.services.reports.html_check import outline

PICTURE_USE = re.compile(rb"/FormXob\.pic[0-9a-f]+ Do")


def _run(db: Database, out: Path, **kw: object) -> ReportResult:
    request = ReportRequest(kind="you-said-we-did", out=out, as_of=AS_OF, easy_read=True, **kw)  # type: ignore[arg-type]
    with db.transaction() as s:
        return generate(session=s, request=request)


def _points(result: ReportResult) -> int:
    blocks = [b for section in result.report.sections for b in section.blocks]
    parts = sum(len(b.parts) for b in blocks if isinstance(b, Entry))
    return parts + sum(isinstance(b, Point) for b in blocks)


def _pictures_drawn(path: Path) -> int:
    pages = PdfReader(str(path)).pages
    return sum(len(PICTURE_USE.findall(page.get_contents().get_data())) for page in pages)


def test_every_point_has_a_picture_in_pdf_and_html(scenario: Scenario, tmp_path: Path) -> None:
    pdf = tmp_path / "easy.pdf"
    result = _run(scenario.db, pdf)
    points = _points(result)
    assert points >= 3 * 4  # three recommendations, four parts each, and more
    assert _pictures_drawn(pdf) == points  # drawn as vector pictures, one beside each point
    text = flat(pdf_text(pdf))
    assert "Pictures: Twemoji by Twitter, Inc and other contributors, CC BY 4.0." in text

    html = tmp_path / "easy.html"
    _run(scenario.db, html)
    page = html.read_text(encoding="utf-8")
    divs = re.findall(r'<div class="point">(.*?)<div>', page)
    assert len(divs) == points and all('<img class="picture"' in d for d in divs)
    alts = re.findall(r'<img class="picture" src="data:image/svg\+xml;base64,[^"]+" alt="([^"]*)"', page)
    assert len(alts) == points and all(alts)  # each picture is described for screen readers
    assert "A speech bubble" in alts and "A green tick" in alts


def test_the_demo_easy_read_fits_in_20_pages(demo_db_file: Path, tmp_path: Path) -> None:
    db = open_database(copy_database(demo_db_file, tmp_path / "demo.db"))
    try:
        out = tmp_path / "easy.pdf"
        result = _run(db, out)
        assert len(PdfReader(str(out)).pages) <= 20
        assert _pictures_drawn(out) == _points(result)
        text = flat(pdf_text(out))
        assert "The full report says more about each thing" in text
        assert "Home care" in text and "We finished" in text
    finally:
        db.close()


def test_harder_words_are_advised_and_explained(scenario: Scenario, tmp_path: Path) -> None:
    from coprod.services.recommendations import lifecycle as recs

    with scenario.db.transaction() as s:
        recs.create_recommendation(
            session=s,
            title="Commission a community crisis alternative",
            raised_on=AS_OF,
            reference="R-010",
            source_session_id=scenario.session_id,
        )
    out = tmp_path / "easy.pdf"
    result = _run(scenario.db, out)
    advice = [a.describe() for a in result.advice]
    assert any('"commission"' in a and "pay for, or arrange" in a for a in advice)
    text = flat(pdf_text(out))
    words = text[text.index("Words we used") :]
    assert "When the council pays another organisation to run a service." in words


def test_an_officer_chooses_a_themes_picture(scenario: Scenario, tmp_path: Path) -> None:
    own = tmp_path / "carers.svg"
    own.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="16" '
        'fill="#00703c"/></svg>',
        encoding="utf-8",
    )
    with scenario.db.transaction() as s:
        choose_picture(session=s, theme="Carers' support", picture=str(own))
        choose_picture(session=s, theme="Communication", picture="laptop")
    html = tmp_path / "easy.html"
    _run(scenario.db, html)
    alts = re.findall(r'alt="([^"]*)"', html.read_text(encoding="utf-8"))
    assert "Carers&#x27; support" in alts and "A laptop computer" in alts
    with scenario.db.transaction() as s, pytest.raises(Exception, match="neither a picture in the set"):
        choose_picture(session=s, theme="Communication", picture="unicorn")


def test_html_outline_is_still_in_order(scenario: Scenario, tmp_path: Path) -> None:
    from tests.services.reports.html_check import headings_in_order

    with scenario.db.transaction() as s:
        set_setting(session=s, key="contact_email", value="yoursay@northshire.example")
    html = tmp_path / "easy.html"
    _run(scenario.db, html)
    o = outline(html.read_text(encoding="utf-8"))
    assert headings_in_order(o.headings) and o.headings.count(1) == 1


def _overlaps(path: Path) -> list[str]:
    """Pieces of text drawn over each other on a page (same line, crossing left to right)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from coprod.services.reports.fonts import register_fonts

    regular, bold = register_fonts()
    found = []
    for page in PdfReader(str(path)).pages:
        spans: list[tuple[float, float, float, str]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            spans: list = spans,  # type: ignore[type-arg]
        ) -> None:
            if not text.strip():
                return
            scale = abs(tm[0]) * abs(cm[0] or 1)
            x = tm[4] * (cm[0] or 1) + cm[4]
            y = tm[5] * (cm[3] or 1) + cm[5]
            width = min(stringWidth(text.strip(), f, size * scale) for f in (regular, bold))
            spans.append((round(y), x, x + width, text.strip()))

        page.extract_text(visitor_text=visit)
        for i, (y, x0, x1, text) in enumerate(spans):
            for y2, a0, a1, other in spans[i + 1 :]:
                # (text run on from the same origin, "Status:" then "Done", is one line)
                if abs(y - y2) <= 2 and x0 != a0 and x0 < a1 - 1 and a0 < x1 - 1:
                    found.append(f"{text!r} over {other!r}")
    return found


@pytest.mark.parametrize("easy", [False, True])
def test_no_text_is_drawn_over_other_text(scenario: Scenario, tmp_path: Path, easy: bool) -> None:
    out = tmp_path / "r.pdf"
    with scenario.db.transaction() as s:
        request = ReportRequest(kind="you-said-we-did", out=out, as_of=AS_OF, easy_read=easy)
        generate(session=s, request=request)
    assert _overlaps(out) == []


def test_things_without_a_theme_are_not_called_other_things_you_told_us(db: Database, tmp_path: Path) -> None:
    from datetime import date

    from coprod.services.recommendations import lifecycle as recs

    with db.transaction() as s:
        set_setting(session=s, key="contact_phone", value="01632 960000")
        recs.create_recommendation(session=s, title="Later buses", raised_on=date(2025, 3, 1))
    out = tmp_path / "easy.pdf"
    _run(db, out)
    text = flat(pdf_text(out))
    assert "Later buses" in text and "You also told us about these things." in text
    assert "You told us about other things" not in text and "You told us about this" not in text
