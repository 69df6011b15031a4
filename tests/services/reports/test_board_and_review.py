from __future__ import annotations

import io
import uuid
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from coprod.cli import main
from coprod.domain.enums import ReviewDecision, Status
from coprod.domain.models import Recommendation, Review
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations import edits
from coprod.services.recommendations import lifecycle as recs
from coprod.services.reports.generate import ReportRequest, generate
from tests.reports_scenario import AS_OF, PLANTED, Scenario, flat, pdf_text
from tests.services.reports.html_check import headings_in_order, outline


@pytest.fixture
def late(scenario: Scenario) -> Scenario:
    """Adds R-004: overdue, extended once in the period, escalated at the last meeting."""
    with scenario.db.transaction() as s:
        owner = engagement.create_owner(session=s, name="Priya Raman", role="Head of Carers Services")
        s.flush()
        rid = recs.create_recommendation(
            session=s,
            title="Publish a carers' breaks directory",
            raised_on=date(2025, 1, 1),
            reference="R-004",
            source_session_id=scenario.session_id,
            owner_id=owner,
            target_date=date(2026, 3, 1),
            strategy_id=recs.get(session=s, recommendation_id=scenario.done).strategy_id,
        )
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2025, 1, 5))
        recs.set_target(
            session=s,
            recommendation_id=rid,
            new_date=date(2026, 10, 1),
            on=date(2026, 9, 1),
            reason="Provider went into administration",
            approved_by="Director of Adult Services",
        )
        s.add(
            Review(
                recommendation_id=rid,
                reviewed_on=date(2026, 11, 2),
                reviewer="Panel",
                decision=ReviewDecision.ESCALATE,
                notes="Director to meet the provider",
            )
        )
    return scenario


def _run(scenario: Scenario, kind: str, out: Path, **kw: object) -> object:
    with scenario.db.transaction() as s:
        return generate(session=s, request=ReportRequest(kind=kind, out=out, as_of=AS_OF, **kw))  # type: ignore[arg-type]


def test_board_report_has_figures_charts_and_committee_tables(late: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    _run(late, "lag", out)
    reader = PdfReader(str(out))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width > height  # A4 landscape for wide committee tables
    text = flat(pdf_text(out))
    for heading in (
        "Summary",
        "By strategy",
        "By team or service",
        "Live recommendations",
        "Completed since 28 August 2026",
        "Extension requests",
        "Overdue",
    ):
        assert heading in text
    assert "Implemented on time against the original target" in text and "Percent" in text  # chart axis
    assert "Carers Strategy" in text and "No team recorded" in text  # per strategy and per team
    assert "Priya Raman" not in text  # officers are named only when asked for
    assert "Provider went into administration" in text and "Director of Adult Services" in text
    overdue = text[text.index("Open recommendations past their current target") :]
    assert "R-004" in overdue and "Publish a carers' breaks directory" in overdue
    assert "1 March 2026" in overdue and "1 October 2026" in overdue  # original and revised targets
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Extension requests" in titles
    for value in PLANTED.values():
        assert value not in text


def test_board_summary_reads_in_two_minutes(late: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    _run(late, "lag", out)
    first = flat(PdfReader(str(out)).pages[0].extract_text())
    # R-001 was done by its first target; R-004 is open and past it
    assert "Promises kept on time: 1 of 2 (done by the target first given)." in first
    for words in ("■ Off track", "▲ At risk", "● On track", "✓ Complete", "✕ Closed"):
        assert words in first  # every RAG count has its symbol and word, on the first page
    assert "Open and overdue" in first and "Stalled" in first
    assert "No board report has been published yet." in first
    text = flat(pdf_text(out))
    assert "Median time to implement:" in text and "(95% range)" not in text
    assert text.count("How the median is worked out") == 1  # one footnote on the method


def test_officers_are_named_only_when_asked(late: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    _run(late, "lag", out, name_officers=True)
    text = flat(pdf_text(out))
    assert "By owner" in text and "Priya Raman" in text


@pytest.mark.parametrize("kind", ["lag", "review"])
def test_board_and_review_html_tables_have_headers(late: Scenario, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "board.html"
    _run(late, kind, out)
    o = outline(out.read_text(encoding="utf-8"))
    assert o.lang == "en-GB" and o.headings.count(1) == 1 and headings_in_order(o.headings)
    assert o.tables >= (8 if kind == "lag" else 1) and o.tables == o.tables_with_headers == o.captions


def test_board_period_starts_at_the_last_published_board_report(late: Scenario, tmp_path: Path) -> None:
    with late.db.transaction() as s:
        generate(
            session=s,
            request=ReportRequest(kind="lag", out=tmp_path / "a.pdf", as_of=date(2026, 8, 31), publish=True),
        )
    out = tmp_path / "b.pdf"
    _run(late, "lag", out)
    assert "Changes since 31 August 2026" in flat(pdf_text(out))


def test_review_pack_shows_queue_timeline_and_decisions(late: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    _run(late, "review", out)
    text = flat(pdf_text(out))
    assert "R-004: Publish a carers' breaks directory" in text
    assert "Overdue by 56 days against the current target (270 days against the original)." in text
    assert (
        "1 September 2026: Target moved from 1 March 2026 to 1 October 2026: Provider went into "
        "administration (approved by Director of Adult Services)."
    ) in text
    assert "5 January 2025: Status changed from Proposed to Accepted." in text
    assert "Decisions at the meeting on 2 November 2026" in text
    decisions = text[text.index("Decisions at the meeting") :]
    assert "Escalate" in decisions and "Director to meet the provider" in decisions
    # each heading whole in its own column, under a caption that reads right for one decision
    assert "Decisions in this period: 1 Ref Recommendation Reviewed Decision Follow-up Notes" in decisions


def test_review_pack_leaves_out_history_that_was_undone(late: Scenario, tmp_path: Path) -> None:
    with late.db.transaction() as s:
        rid = next(r.id for r in s.exec(select(Recommendation).where(Recommendation.reference == "R-004")))
        _, edit = edits.recorded(
            session=s,
            recommendation_id=rid,
            change=lambda: recs.set_target(
                session=s,
                recommendation_id=rid,
                new_date=date(2027, 1, 1),
                on=date(2026, 10, 20),
                reason="Typed against the wrong recommendation",
                approved_by="Director of Adult Services",
            ),
        )
    with late.db.transaction() as s:
        edits.undo(session=s, edit=edit)
    out = tmp_path / "review.html"
    _run(late, "review", out)
    text = out.read_text(encoding="utf-8")
    assert "Provider went into administration" in text  # the history that stands is there
    assert "Typed against the wrong recommendation" not in text and "1 January 2027" not in text


def test_cli_report_writes_and_lists_redactions(late: Scenario, tmp_path: Path) -> None:
    late.db.close()
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "yswd.html"
    code = main(
        [
            "report",
            "you-said-we-did",
            "--db",
            late.db.label,
            "--out",
            str(target),
            "--as-of",
            "2026-11-26",
            "--strategy",
            "Carers Strategy",
            "--publish",
        ],
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    printed = out.getvalue()
    assert "Redacted: An email address removed from" in printed and PLANTED["email"] not in printed
    assert "This is the first published version of this report." in printed
    assert f"Report saved to {target}." in printed and target.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.odt"], "must end in .pdf, .html (or .htm) or .docx"),
        (["--out", "x.pdf", "--strategy", "Nope"], "There is no strategy called Nope"),
        (["--out", "x.pdf", "--session", "not-an-id"], "is not a session id"),
        (["--out", "x.pdf", "--session", str(uuid.uuid4())], "There is no session with id"),
    ],
)
def test_cli_report_refuses_bad_input_in_one_sentence(
    scenario: Scenario, tmp_path: Path, args: list[str], message: str
) -> None:
    scenario.db.close()
    out, err = io.StringIO(), io.StringIO()
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    code = main(["report", "lag", "--db", scenario.db.label, *args], out=out, err=err)
    assert code == 2 and message in err.getvalue() and "Traceback" not in err.getvalue()
    assert len(err.getvalue().strip().splitlines()) == 1


def test_cli_report_for_one_session_as_easy_read_pdf(late: Scenario, tmp_path: Path) -> None:
    late.db.close()
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "session.pdf"
    code = main(
        [
            "report",
            "you-said-we-did",
            "--db",
            late.db.label,
            "--out",
            str(target),
            "--as-of",
            "2026-11-26",
            "--session",
            str(late.session_id),
            "--easy-read",
        ],
        out=out,
        err=err,
    )
    assert code == 0, err.getvalue()
    text = flat(pdf_text(target))
    assert "Carers' forum, as at 26 November 2026" in text and "You told us about carers' support." in text


def test_review_pack_headings_never_run_into_each_other(late: Scenario, tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from coprod.services.reports.fonts import register_fonts

    out = tmp_path / "review.pdf"
    _run(late, "review", out)
    page = next(p for p in PdfReader(str(out)).pages if "Decisions in this period" in p.extract_text())
    spans: list[tuple[float, str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            spans.append((tm[4], text.strip(), size))

    page.extract_text(visitor_text=visit)
    _regular, bold = register_fonts()
    words = {"Recommendation", "Reviewed", "Decision", "Follow-up"}
    heads = {t: (x, size) for x, t, size in spans if t in words}
    order = sorted(heads.items(), key=lambda kv: kv[1][0])
    assert [t for t, _ in order] == ["Recommendation", "Reviewed", "Decision", "Follow-up"]
    for (word, (x, size)), (_next, (x_next, _)) in zip(order, order[1:], strict=False):
        assert x + stringWidth(word, bold, size) < x_next, word


def test_board_report_uses_one_date_format(late: Scenario, tmp_path: Path) -> None:
    import re

    from coprod.services.reports.scope import Scope

    out = tmp_path / "board.pdf"
    _run(late, "lag", out, scope=Scope(date_from=date(2025, 1, 1), date_to=date(2026, 11, 1)))
    text = flat(pdf_text(out))
    assert "raised 1 January 2025 to 1 November 2026" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO dates
    assert not re.search(r"\b\d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}", text)
