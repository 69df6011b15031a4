"""Every count in every report agrees with its noun: 0, 1 and 2 of each, read back from the files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from coprod.domain.enums import ReviewDecision, Status
from coprod.domain.models import Review
from coprod.i18n import ntr
from coprod.persistence.database import Database
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations import lifecycle as recs
from coprod.services.reports.generate import ReportRequest, generate
from coprod.services.team.settings import set_setting
from tests.reports_scenario import flat, pdf_text
from tests.services.reports.html_check import outline

AS_OF = date(2026, 11, 26)
NOUNS = ("thing", "decision", "session", "meeting", "day", "recommendation", "target date")
PLURALS = ("things", "decisions", "sessions", "meetings", "days", "recommendations", "people", "target dates")
SLIP = re.compile(
    rf"(?<![\d,.])1 (?:{'|'.join(PLURALS)})\b|(?<![\d,.])(?:0|2) (?:{'|'.join(NOUNS)}|person)\b"
)


def _fill(db: Database, n: int) -> None:
    with db.transaction() as s:
        set_setting(session=s, key="contact_phone", value="01632 960000")
        sid = engagement.create_session(
            session=s, title="Carers' forum", held_on=date(2025, 1, 5), participant_count=n
        )
        s.flush()
        for i in range(n):
            fid = engagement.add_feedback(session=s, session_id=sid, text=f"Point {i}", themes=["Carers"])
            rid = recs.create_recommendation(
                session=s,
                title=f"Recommendation {i}",
                raised_on=date(2025, 1, 10),
                reference=f"R-{i}",
                source_session_id=sid,
                feedback_ids=[fid],
                target_date=date(2025, 6, 1),
            )
            recs.change_status(
                session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2025, 1, 20)
            )
            s.add(
                Review(
                    recommendation_id=rid,
                    reviewed_on=date(2026, 11, 2),
                    reviewer="Panel",
                    decision=ReviewDecision.CONTINUE,
                    notes="Keep going",
                )
            )


def test_counted_agrees() -> None:
    assert [ntr("count.meeting", n) for n in (0, 1, 2)] == ["0 meetings", "1 meeting", "2 meetings"]
    assert ntr("count.person", 1) == "1 person" and ntr("count.person", 1_200) == "1,200 people"


@pytest.mark.parametrize("n", [0, 1, 2])
@pytest.mark.parametrize(
    ("kind", "easy"),
    [("you-said-we-did", False), ("you-said-we-did", True), ("lag", False), ("review", False)],
)
def test_no_plural_slips(db: Database, tmp_path: Path, n: int, kind: str, easy: bool) -> None:
    _fill(db, n)
    texts = []
    for suffix in (".pdf", ".html"):
        out = tmp_path / f"r{suffix}"
        with db.transaction() as s:
            generate(session=s, request=ReportRequest(kind=kind, out=out, as_of=AS_OF, easy_read=easy))
        if suffix == ".pdf":
            texts.append(flat(pdf_text(out)))
            assert len(PdfReader(str(out)).pages) >= 1
        else:
            texts.append(flat(" ".join(outline(out.read_text(encoding="utf-8")).text)))
    for text in texts:
        assert not SLIP.findall(text), SLIP.findall(text)
