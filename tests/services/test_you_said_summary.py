"""The "You said" summary travels with a recommendation: tracker in, tracker out, and back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import select

from coprod.domain.models import Feedback, Recommendation
from coprod.persistence.database import Database
from coprod.services.data.export import export_tracker
from coprod.services.data.importing import import_tracker
from coprod.services.recommendations import edits
from coprod.services.recommendations import lifecycle as recs
from coprod.services.recommendations.you_said import prefill_you_said
from tests.conftest import AS_OF
from tests.trackers import GOOD, HEADERS, write_csv


def _summaries(db: Database) -> dict[str | None, str | None]:
    with db.reading() as s:
        return {r.reference: r.you_said for r in s.exec(select(Recommendation))}


def _feedback_count(db: Database) -> int:
    with db.reading() as s:
        return len(s.exec(select(Feedback)).all())


def test_import_keeps_what_residents_said_as_the_summary(db: Database, tmp_path: Path) -> None:
    headers = ["What residents said" if h == "You said" else h for h in HEADERS]
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD, headers), today=AS_OF)
    assert _summaries(db) == {
        "R-1": "No respite at weekends",
        "R-2": "Letters are hard to read",
        "R-3": "Parking costs too much",
    }
    assert _feedback_count(db) == 3  # and each is kept as feedback too


def test_export_writes_the_summary_and_reimport_changes_nothing(db: Database, tmp_path: Path) -> None:
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    with db.transaction() as s:
        rid = s.exec(select(Recommendation.id).where(Recommendation.reference == "R-1")).one()
        edits.edit_details(
            session=s,
            recommendation_id=rid,
            title="Weekend respite for carers",
            reference="R-1",
            you_said="Carers get no break at weekends",
        )
        recs.create_recommendation(
            session=s, title="Made in the app", raised_on=date(2025, 3, 1), reference="R-9"
        )
    before, feedback = _summaries(db), _feedback_count(db)
    out = export_tracker(db, tmp_path / "out.csv").path
    assert "Carers get no break at weekends" in out.read_text(encoding="utf-8-sig")
    again = import_tracker(db, out, today=AS_OF)
    assert again.ok and again.created == 0
    assert _summaries(db) == before and _feedback_count(db) == feedback


def test_an_old_tracker_does_not_replace_the_officers_summary(db: Database, tmp_path: Path) -> None:
    tracker = write_csv(tmp_path / "t.csv", GOOD)
    import_tracker(db, tracker, today=AS_OF)
    with db.transaction() as s:
        rid = s.exec(select(Recommendation.id).where(Recommendation.reference == "R-1")).one()
        edits.edit_details(
            session=s,
            recommendation_id=rid,
            title="Weekend respite for carers",
            reference="R-1",
            you_said="Carers get no break at weekends",
        )
    import_tracker(db, tracker, today=AS_OF)
    assert _summaries(db)["R-1"] == "Carers get no break at weekends"


def test_new_words_in_the_tracker_become_feedback_and_the_summary(db: Database, tmp_path: Path) -> None:
    import_tracker(db, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    changed = [list(GOOD[0]), *GOOD[1:]]
    changed[0][2] = "Buses stop at 6pm, so people cannot get home from the day centre"
    import_tracker(db, write_csv(tmp_path / "t2.csv", changed), today=AS_OF)
    assert _summaries(db)["R-1"] == changed[0][2]
    assert _feedback_count(db) == 4


def test_editing_other_details_never_clears_the_summary(db: Database) -> None:
    with db.transaction() as s:
        rid = recs.create_recommendation(
            session=s, title="Later buses", raised_on=date(2025, 3, 1), you_said="Buses stop at 6pm"
        )
        edits.edit_details(session=s, recommendation_id=rid, title="Later buses to day centres")
    with db.reading() as s:
        assert s.get(Recommendation, rid).you_said == "Buses stop at 6pm"  # type: ignore[union-attr]


def test_prefill_lists_each_selected_item_once() -> None:
    assert prefill_you_said(["Buses stop at 6pm.", "  Buses stop   at 6pm. ", "No lifts home."]) == (
        "Buses stop at 6pm.\nNo lifts home."
    )
