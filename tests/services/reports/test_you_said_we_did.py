from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from coprod.domain.errors import CoprodError
from coprod.services.recommendations import lifecycle as recs
from coprod.services.reports.generate import ReportRequest, generate
from coprod.services.reports.scope import Scope
from tests.reports_scenario import (
    ACCENTED,
    AS_OF,
    GREEK_CYRILLIC,
    PLANTED,
    WITHDRAWN_QUOTE,
    Scenario,
    flat,
    pdf_text,
)


def _run(scenario: Scenario, out: Path, **kw: object) -> object:
    request = ReportRequest(kind="you-said-we-did", out=out, as_of=AS_OF, **kw)  # type: ignore[arg-type]
    with scenario.db.transaction() as s:
        return generate(session=s, request=request)


def test_pdf_tells_residents_what_was_said_done_and_why_not(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "yswd.pdf"
    _run(scenario, out)
    text = flat(pdf_text(out))
    for heading in (
        "You said, we did",
        "About this report",
        "What we asked and when",
        "Who took part",
        "Carers' support",
        "Other formats and how to contact us",
    ):
        assert heading in text
    assert "Weekend respite for carers" in text and "Status: Done" in text
    assert "Done. It was finished on 1 May 2025." in text
    assert "Not taken forward, because the NHS already runs a carers' café in each town." in text
    assert "We have started this. We expect it to be done by 31 March 2027." in text
    assert "“We never get a weekend off.”" in text  # a verbatim quote, marked as a quote
    assert WITHDRAWN_QUOTE not in text  # consent withdrawn: never quoted
    assert "14 people took part in the session." in text
    assert "British Sign Language" in text
    assert "adult.care@northshire.example" in text  # the council's own contact stays


def test_personal_data_is_removed_and_listed(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "yswd.pdf"
    result = _run(scenario, out)
    text = pdf_text(out)
    for value in PLANTED.values():
        assert value not in text and value not in flat(text)
    assert "[email removed]" in flat(text) and "[name removed]" in flat(text)
    kinds = {r.kind for r in result.redactions}  # type: ignore[attr-defined]
    assert kinds == {"name", "contact", "email", "phone", "postcode", "nhs_number"}
    listed = " ".join(r.describe() for r in result.redactions)  # type: ignore[attr-defined]
    assert "An NHS number removed from" in listed and "Weekend respite for carers" in listed
    assert PLANTED["email"] not in listed  # the list names what, never repeats it


def test_accented_greek_and_cyrillic_names_print(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "yswd.pdf"
    _run(scenario, out)
    text = flat(pdf_text(out))
    assert GREEK_CYRILLIC in text and ACCENTED in text


def test_pdf_metadata_bookmarks_page_numbers_and_a4(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "yswd.pdf"
    _run(scenario, out)
    reader = PdfReader(str(out))
    meta = reader.metadata
    assert meta.title.startswith("You said, we did") and meta.author == "Northshire Council"
    assert "Northshire Council" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert {"About this report", "Who took part", "Carers' support"} <= set(titles)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in reader.pages[0].extract_text()


def _sizes(path: Path) -> dict[str, float]:
    """The smallest font size used for each piece of text, footer excluded."""
    sizes: dict[str, float] = {}
    for page in PdfReader(str(path)).pages:

        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
            if text.strip() and not text.startswith(("Page ", "Northshire Council: ")):
                sizes[text.strip()] = min(sizes.get(text.strip(), 99), size * abs(tm[3]) * abs(cm[3] or 1))

        page.extract_text(visitor_text=visit)
    return sizes


def test_body_is_12pt_and_easy_read_16pt(scenario: Scenario, tmp_path: Path) -> None:
    standard, easy = tmp_path / "s.pdf", tmp_path / "e.pdf"
    _run(scenario, standard)
    _run(scenario, easy, easy_read=True)
    assert min(_sizes(standard).values()) >= 12
    assert min(_sizes(easy).values()) >= 16
    text = flat(pdf_text(easy))
    assert "You told us about carers' support." in text and "We did" in text
    assert PLANTED["email"] not in text


def test_text_the_font_cannot_show_is_refused_before_export(scenario: Scenario, tmp_path: Path) -> None:
    with scenario.db.transaction() as s:
        recs.add_update(
            session=s,
            recommendation_id=scenario.doing,
            text="家庭护理 now has a phone line",
            on=AS_OF,
            progress=40,
            public=True,
        )
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(CoprodError, match="cannot show some characters") as caught:
        _run(scenario, folder / "yswd.pdf")
    assert "Answer the carers' line within three rings" in str(caught.value)
    assert list(folder.iterdir()) == []  # nothing half-written
    html = folder / "yswd.html"
    _run(scenario, html)  # browsers choose a font per script, so HTML is fine
    assert "家庭护理" in html.read_text(encoding="utf-8")


def test_scope_by_strategy_and_unknown_strategy(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "yswd.pdf"
    _run(scenario, out, scope=Scope(strategy="carers strategy"))
    assert "Carers Strategy, as at 26 November 2026" in flat(pdf_text(out))
    with pytest.raises(CoprodError, match="no strategy called Nope"):
        _run(scenario, tmp_path / "x.pdf", scope=Scope(strategy="Nope"))


def test_as_of_date_hides_what_happened_later(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "yswd.pdf"
    request = ReportRequest(kind="you-said-we-did", out=out, as_of=__import__("datetime").date(2025, 4, 1))
    with scenario.db.transaction() as s:
        generate(session=s, request=request)
    text = flat(pdf_text(out))
    assert "Weekend respite for carers" in text and "It was finished on" not in text
    assert "Answer the carers' line" not in text or "In progress" in text


def test_the_guard_catches_titles_possessives_and_streets(scenario: Scenario, tmp_path: Path) -> None:
    from coprod.services.engagement import capture as engagement

    said = {
        "titled": "Mr Bob Hartley waited all day.",
        "possessive": "Plantedperson's daughter does all the caring.",
        "street": "The bus never comes to 14 Elm Road.",
    }
    with scenario.db.transaction() as s:
        fids = [
            engagement.add_feedback(session=s, session_id=scenario.session_id, text=t, verbatim=True)
            for t in said.values()
        ]
        rid = recs.create_recommendation(
            session=s,
            title="Buses to the day centre",
            reference="R-020",
            raised_on=AS_OF,
            source_session_id=scenario.session_id,
            feedback_ids=fids[:2],
        )
        recs.create_recommendation(
            session=s,
            title="Later buses",
            reference="R-021",
            raised_on=AS_OF,
            source_session_id=scenario.session_id,
            feedback_ids=fids[2:],
        )
        recs.add_update(
            session=s,
            recommendation_id=rid,
            on=AS_OF,
            progress=5,
            public=True,
            text="Mrs Okoro asked us to look again.",
        )
    out = tmp_path / "yswd.pdf"
    result = _run(scenario, out)
    text = flat(pdf_text(out))
    for gone in ("Bob Hartley", "Plantedperson's", "14 Elm Road", "Okoro"):
        assert gone not in text
    assert "waited all day" in text and "[address removed]" in text
    listed = " ".join(r.describe() for r in result.redactions)  # type: ignore[attr-defined]
    assert "A street address removed from" in listed and "A person's name removed from" in listed
    for value in ("Hartley", "Okoro", "Elm Road", "Plantedperson"):
        assert value not in listed  # the officer is told what and where, never the value


def test_a_text_with_more_than_two_details_is_left_out_whole(scenario: Scenario, tmp_path: Path) -> None:
    crowded = (
        f"{PLANTED['name']} says ring {PLANTED['phone']} or email {PLANTED['email']}; "
        "the weekends are the hardest part."
    )
    with scenario.db.transaction() as s:
        recs.add_update(
            session=s, recommendation_id=scenario.doing, text=crowded, on=AS_OF, progress=50, public=True
        )
    out = tmp_path / "yswd.pdf"
    result = _run(scenario, out)
    text = flat(pdf_text(out))
    assert "the weekends are the hardest part" not in text  # no fragments published
    withheld = [r for r in result.redactions if r.kind == "withheld"]  # type: ignore[attr-defined]
    assert len(withheld) == 1
    assert withheld[0].describe() == (
        "A text in Communication > Answer the carers' line within three rings was left out because it "
        "held several personal details (3 personal details in it; check the source record)."
    )
