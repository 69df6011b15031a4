""" "You said" in residents' words, and "where it is now" honest about time, read back from
the PDF and the HTML a resident would get."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.models import Recommendation
from coprod.persistence.database import Database
from coprod.services.data.importing import import_tracker
from coprod.services.recommendations import edits
from coprod.services.recommendations import lifecycle as recs
from coprod.services.reports.generate import ReportRequest, generate
from tests.reports_scenario import AS_OF, Scenario, flat, pdf_text
from tests.services.reports.html_check import outline
from tests.trackers import GOOD, HEADERS, write_csv

SUMMARY = "Carers get no break at weekends, so they cannot rest or see friends"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _run(db: Database, out: Path, as_of: date = AS_OF, **kw: object) -> str:
    request = ReportRequest(kind="you-said-we-did", out=out, as_of=as_of, **kw)  # type: ignore[arg-type]
    with db.transaction() as s:
        generate(session=s, request=request)
    if out.suffix == ".pdf":
        return flat(pdf_text(out))
    return flat(" ".join(outline(out.read_text(encoding="utf-8")).text))


def _summarise(scenario: Scenario) -> None:
    with scenario.db.transaction() as s:
        edits.edit_details(
            session=s,
            recommendation_id=scenario.done,
            title="Weekend respite for carers",
            reference="R-001",
            you_said=SUMMARY,
        )


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_you_said_gives_the_summary_who_raised_it_and_quotes_with_sessions(
    scenario: Scenario, tmp_path: Path, suffix: str
) -> None:
    _summarise(scenario)
    text = _run(scenario.db, tmp_path / f"yswd{suffix}")
    assert SUMMARY in text
    # three comments, one from P-1, one from P-2, one nobody is named for: three people
    assert "Raised by 3 people at 1 session: Carers' forum, January 2025." in text
    assert "We never get a weekend off." in text and "Carers' forum, January 2025" in text
    assert "You told us about this" not in text and "things about" not in text


def _imported(db: Database, tmp_path: Path) -> None:
    headers = ["What residents said" if h == "You said" else h for h in HEADERS]
    import_tracker(db, write_csv(tmp_path / "tracker.csv", GOOD, headers), today=AS_OF)


@pytest.mark.parametrize("easy", [False, True])
@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_an_imported_trackers_words_appear_in_every_format(
    db: Database, tmp_path: Path, suffix: str, easy: bool
) -> None:
    _imported(db, tmp_path)
    text = _run(db, tmp_path / f"yswd{suffix}", easy_read=easy)
    for row in GOOD:
        assert row[2] in text  # "No respite at weekends", ...
    assert "You told us about this" not in text and "You told us about other things" not in text
    assert "Accessible information" in text  # grouped by strategy, as the tracker had no themes
    assert "0 people took part" not in text
    assert "We did not count who took part" in text


def test_no_expected_date_is_in_the_past(db: Database, tmp_path: Path) -> None:
    _imported(db, tmp_path)  # R-1 was due 1 June 2025, revised to 1 September 2025, still open
    text = _run(db, tmp_path / "yswd.pdf")
    for day in re.findall(rf"expect it to be done by (\d+ (?:{MONTHS}) \d{{4}})", text):
        assert date.strptime(day, "%d %B %Y") >= AS_OF, day  # type: ignore[attr-defined]
    assert "This is late. We said it would be done by 1 June 2025." in text
    assert "We have not agreed a new date yet." in text
    assert "Status: In progress, late" in text


def test_late_work_says_the_new_date_and_the_recorded_reason(scenario: Scenario, tmp_path: Path) -> None:
    with scenario.db.transaction() as s:
        rid = recs.create_recommendation(
            session=s,
            title="Carers' cards in every GP surgery",
            raised_on=date(2025, 1, 10),
            reference="R-004",
            source_session_id=scenario.session_id,
            target_date=date(2025, 5, 2),
        )
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2025, 2, 1))
        recs.set_target(
            session=s,
            recommendation_id=rid,
            new_date=date(2027, 1, 31),
            on=date(2025, 6, 1),
            reason="The new GP contract starts in January",
            approved_by="Carers board",
        )
    text = _run(scenario.db, tmp_path / "yswd.pdf")
    assert (
        "We have agreed to do this but have not started yet. This is late. We said it would be done by "
        "2 May 2025. We now expect it to be done by 31 January 2027. The reason for the new date: "
        "The new GP contract starts in January."
    ) in text
    assert "Promises kept on time: 1 of 2." in text  # R-001 done early; R-004 missed 2 May 2025
    with scenario.db.reading() as s:
        first = s.exec(select(Recommendation.target_date).where(Recommendation.id == rid)).one()
        assert first == date(2025, 5, 2)


def test_in_progress_only_for_work_that_has_started(scenario: Scenario, tmp_path: Path) -> None:
    with scenario.db.transaction() as s:
        recs.create_recommendation(
            session=s,
            title="A carers' newsletter",
            raised_on=date(2025, 1, 10),
            source_session_id=scenario.session_id,
        )
    text = _run(scenario.db, tmp_path / "yswd.pdf")
    assert "Started 1" in text and "Agreed, not started yet 0" in text
