from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from coprod.services.recommendations import lifecycle as recs
from coprod.services.reports.generate import ReportRequest, generate
from coprod.services.reports.guard import Guard, nhs_check_digit_ok
from coprod.services.reports.readability import reading_age
from tests.engines import copy_database
from tests.installed import InstalledCopy
from tests.reports_scenario import AS_OF, GREEK_CYRILLIC, PLANTED, Scenario, flat, pdf_text
from tests.services.reports.html_check import headings_in_order, outline


def _run(scenario: Scenario, out: Path, **kw: object) -> object:
    with scenario.db.transaction() as s:
        return generate(session=s, request=ReportRequest(kind="you-said-we-did", out=out, as_of=AS_OF, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("easy", [False, True])
def test_html_is_structured_for_screen_readers(scenario: Scenario, tmp_path: Path, easy: bool) -> None:
    out = tmp_path / "yswd.html"
    _run(scenario, out, easy_read=easy)
    html = out.read_text(encoding="utf-8")
    o = outline(html)
    assert o.lang == "en-GB"
    assert o.headings.count(1) == 1 and headings_in_order(o.headings)
    assert o.tables == o.tables_with_headers == o.captions
    text = " ".join(o.text)
    assert "Weekend respite for carers" in text and GREEK_CYRILLIC in text
    quote = (
        '<blockquote><p>We never get a weekend off.</p><p class="source">Carers&#x27; forum, January 2025</p>'
    )
    assert (quote in html) is not easy
    for value in PLANTED.values():
        assert value not in html
    if easy:
        assert html.count('class="picture"') >= 12  # a space for a picture beside each point


def test_guard_finds_each_kind_in_its_usual_forms() -> None:
    guard = Guard(["Anna Bell", "Ελένη Παπαδοπούλου"], allowed=["Anna Bell (2)", "care@council.example"])
    text = (
        "Call 07700 900123, +44 7700 900123, (01632) 960 001 or 020 7946 0958. "
        "Write to a.b@mail.example.co.uk; post to m1 1ae or SW1A 1AA. "
        "NHS 943 476 5919 and 9434765919; ref 1234567890 stays. "
        "anna  bell and ελένη παπαδοπούλου came. Anna Bell (2) is the officer; care@council.example helps."
    )
    cleaned = guard.clean("Here", text)
    for gone in (
        "07700",
        "7946",
        "960 001",
        "a.b@",
        "m1 1ae",
        "SW1A",
        "943 476",
        "9434765919",
        "anna",
        "ελένη",
    ):
        assert gone not in cleaned
    assert "ref 1234567890 stays" in cleaned  # ten digits failing the NHS check are not an NHS number
    assert "Anna Bell (2) is the officer" in cleaned and "care@council.example helps" in cleaned
    kinds = sorted(r.kind for r in guard.redactions)
    assert kinds.count("phone") == 4 and kinds.count("nhs_number") == 2 and kinds.count("name") == 2
    assert kinds.count("postcode") == 2 and kinds.count("email") == 1
    assert guard.clean("x", "Dates like 2025-03-04 and 12 people") == "Dates like 2025-03-04 and 12 people"


def test_names_whose_letters_change_when_case_is_folded_are_still_found() -> None:
    # "İ" folds to "i" and a combining dot: a quick look over the folded text would split the word
    guard = Guard(["İbrahim Yılmaz", "Groß Meier"], contacts=["İnci Sokak 4"])
    cleaned = guard.clean("Here", "İbrahim Yılmaz and GROSS MEIER spoke; post to İnci Sokak 4 please.")
    assert "İbrahim" not in cleaned and "GROSS" not in cleaned and "Sokak" not in cleaned
    assert sorted(r.kind for r in guard.redactions) == ["contact", "name", "name"]


def test_names_and_contacts_in_capitals_or_any_case_are_found_in_plain_ascii_text() -> None:
    guard = Guard(["Jane Okafor", "Bob Hartley"], contacts=["Elmwood Gardens, Flat 14"])
    cleaned = guard.clean("Here", "JANE OKAFOR and BOB HARTLEY asked; write to ELMWOOD GARDENS, FLAT 14.")
    assert "OKAFOR" not in cleaned and "HARTLEY" not in cleaned and "ELMWOOD" not in cleaned
    assert sorted(r.kind for r in guard.redactions) == ["contact", "name", "name"]
    assert guard.clean("There", "Jane asked") == "Jane asked"  # a first name alone is an ordinary word


def test_nhs_check_digit() -> None:
    assert nhs_check_digit_ok("9434765919") and not nhs_check_digit_ok("9434765918")


def test_plain_english_check_advises_but_never_blocks(scenario: Scenario, tmp_path: Path) -> None:
    hard = (
        "Implementation of the reconfigured commissioning arrangements necessitated comprehensive "
        "consultation with multidisciplinary stakeholders regarding sustainability considerations."
    )
    with scenario.db.transaction() as s:
        recs.add_update(
            session=s, recommendation_id=scenario.doing, text=hard, on=AS_OF, progress=30, public=True
        )
    out = tmp_path / "yswd.pdf"
    result = _run(scenario, out)
    assert out.exists() and hard[:40] in flat(pdf_text(out))
    advice = [a for a in result.advice if not a.word]  # type: ignore[attr-defined]
    assert {a.where for a in advice} == {"Answer the carers' line within three rings > We did"}
    assert "reading age about" in next(a for a in advice if hard in a.text).describe()
    words = {a.word for a in result.advice if a.word}  # type: ignore[attr-defined]
    assert {"commissioning", "stakeholder", "respite"} <= words  # and the harder words, with easier ones
    assert reading_age("We open the day centre on Monday. You can come at ten.") < 9 < reading_age(hard)


def test_publishing_lets_a_later_run_say_what_changed(scenario: Scenario, tmp_path: Path) -> None:
    first = _run(scenario, tmp_path / "a.pdf", publish=True)
    assert first.changes.describe() == "This is the first published version of this report."  # type: ignore[attr-defined]
    again = _run(scenario, tmp_path / "b.html")
    assert again.changes.describe().startswith(
        "Nothing has changed since the version published on 26 November 2026"
    )  # type: ignore[attr-defined]
    with scenario.db.transaction() as s:
        recs.add_update(
            session=s,
            recommendation_id=scenario.doing,
            text="Calls now answered in 3 rings.",
            on=AS_OF,
            progress=60,
            public=True,
        )
    later = _run(scenario, tmp_path / "c.pdf")
    assert later.changes.changed == ["R-003"] and later.changes.new == []  # type: ignore[attr-defined]
    assert "1 changed" in later.changes.describe()  # type: ignore[attr-defined]
    from sqlmodel import select

    from coprod.domain.enums import AuditAction
    from coprod.domain.models import AuditEvent

    with scenario.db.reading() as s:
        exports = s.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)).all()
    assert [e.changes["format"] for e in exports] == ["pdf", "html", "pdf"]  # every export is logged


def test_fonts_are_found_from_an_installed_copy(tmp_path: Path, installed_copy: InstalledCopy) -> None:
    """Build a wheel as an installer would, from a copy of the sources, unpack it, and load
    the fonts from that copy (nothing is written into the checkout; tests/installed.py)."""
    target = installed_copy.site
    probe = "from coprod.services.reports import fonts; fonts.register_fonts(); print(fonts.fonts_dir())"
    shown = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(shown) == target / "coprod" / "resources" / "fonts"
    assert (Path(shown) / "LICENSE-DejaVu.txt").is_file()


def test_scope_dates_in_subtitle(scenario: Scenario, tmp_path: Path) -> None:
    from coprod.services.reports.scope import Scope

    out = tmp_path / "r.html"
    _run(scenario, out, scope=Scope(date_from=date(2025, 1, 1), date_to=date(2025, 1, 31)))
    html = out.read_text(encoding="utf-8")
    assert "1 January 2025 to 31 January 2025" in html
    assert "Answer the carers" not in html  # raised in February


def test_council_logo_from_preferences_appears_in_pdf_and_html(scenario: Scenario, tmp_path: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    from coprod.domain.settings import Organisation
    from coprod.persistence.repositories.settings import set_organisation

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), (0, 87, 107)).save(logo)
    with scenario.db.transaction() as s:
        set_organisation(
            session=s, organisation=Organisation(council_name="Northshire Council", logo_path=str(logo))
        )
    pdf, html = tmp_path / "r.pdf", tmp_path / "r.html"
    _run(scenario, pdf)
    _run(scenario, html)
    first = PdfReader(str(pdf)).pages[0]
    assert len(first.images) == 1 and "Northshire Council" in first.extract_text()
    assert 'alt="Northshire Council logo"' in html.read_text(encoding="utf-8")


def test_cancel_during_page_layout_leaves_no_file(demo_db_file: Path, tmp_path: Path) -> None:

    from coprod.persistence.database import open_database
    from coprod.services.common.tasks import Cancelled, TaskState

    class CancelOnLayout(TaskState):
        def set_status(self, text: str) -> None:
            super().set_status(text)
            if text:
                self.cancel()  # the user presses Cancel once the pages are being laid out

    copy = tmp_path / "demo.db"
    copy = copy_database(demo_db_file, copy)  # type: ignore[assignment]
    folder = tmp_path / "out"
    folder.mkdir()
    db = open_database(copy)
    try:
        from coprod.services.team.settings import set_setting

        with db.transaction() as s:
            set_setting(session=s, key="contact_phone", value="01632 960000")
        request = ReportRequest(kind="you-said-we-did", out=folder / "r.pdf", as_of=AS_OF, publish=True)
        with pytest.raises(Cancelled), db.transaction() as s:
            generate(session=s, request=request, state=CancelOnLayout())
    finally:
        db.close()
    assert list(folder.iterdir()) == []
