"""Full-text search and filters over feedback, as the feedback list uses them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text as sa_text
from sqlmodel import Session, select

from coprod.domain.models import Feedback, Recommendation
from coprod.persistence.database import Database
from coprod.persistence.dialect import fts5_query
from coprod.services.common import records
from coprod.services.engagement import capture as engagement
from coprod.services.engagement import feedback_view as repo
from coprod.services.engagement import sessions_view as session_repo
from coprod.services.recommendations import lifecycle as recs


def _ids(session: Session, **filters: object) -> set:
    return set(repo.feedback_ids(session=session, filters=repo.FeedbackFilter(**filters)))  # type: ignore[arg-type]


@pytest.fixture
def seeded(db: Database) -> dict[str, object]:
    with db.transaction() as s:
        spring = engagement.create_session(session=s, title="Spring forum", held_on=date(2025, 4, 2))
        autumn = engagement.create_session(
            session=s, title="Autumn forum", held_on=date(2025, 10, 8), feedback_returned_on=date(2025, 12, 1)
        )
        ids = {
            "buses": engagement.add_feedback(
                session=s, session_id=spring, text="The buses never come", themes=["Transport"]
            ),
            "but": engagement.add_feedback(
                session=s, session_id=spring, text="Kind staff but slow replies", themes=["Communication"]
            ),
            "lift": engagement.add_feedback(
                session=s,
                session_id=autumn,
                text="The lift at the centre is broken",
                themes=["Transport", "Access"],
            ),
        }
        s.flush()
        recs.create_recommendation(
            session=s, title="Fix the lift", raised_on=date(2025, 10, 9), feedback_ids=[ids["lift"]]
        )
    return {"spring": spring, "autumn": autumn, **ids}


def test_search_matches_word_forms_and_not_other_words(db: Database, seeded: dict) -> None:
    with db.reading() as s:
        assert _ids(s, text="coming") == {seeded["buses"]}  # other forms of a word
        assert _ids(s, text="bus") == set()  # a short word is not a prefix: no "but"
        assert _ids(s, text="BROKEN lift") == {seeded["lift"]}
        assert _ids(s, text="repl") == {seeded["but"]}  # a half-typed word finds something
        assert _ids(s, text="lift buses") == set()  # every word must appear
        assert _ids(s, text='"; DROP TABLE feedback; --') == set()  # punctuation is not syntax
        assert len(_ids(s, text="   ")) == 3


def test_filters_by_session_theme_dates_and_links(db: Database, seeded: dict) -> None:
    with db.reading() as s:
        assert _ids(s, session_id=seeded["spring"]) == {seeded["buses"], seeded["but"]}
        theme = next(t for t in repo.themes(session=s) if t.name == "Transport")
        assert theme.uses == 2
        assert _ids(s, theme_id=theme.id) == {seeded["buses"], seeded["lift"]}
        assert _ids(s, held_from=date(2025, 6, 1)) == {seeded["lift"]}
        assert _ids(s, held_to=date(2025, 6, 1)) == {seeded["buses"], seeded["but"]}
        assert _ids(s, not_linked=True) == {seeded["buses"], seeded["but"]}
        rows = repo.feedback_rows(session=s, ids=[seeded["lift"], seeded["buses"]])
        assert [r.id for r in rows] == [seeded["lift"], seeded["buses"]]  # the order asked for
        assert rows[0].themes.split(", ") == sorted(["Transport", "Access"], key=rows[0].themes.index)
        assert rows[0].linked == 1 and rows[1].linked == 0


def test_a_deleted_recommendation_no_longer_counts_as_a_link(db: Database, seeded: dict) -> None:
    with db.transaction() as s:
        rid = s.exec(select(Recommendation.id)).one()
        records.soft_delete(s, Recommendation, rid)
    with db.reading() as s:
        assert seeded["lift"] in _ids(s, not_linked=True)
        assert repo.feedback_rows(session=s, ids=[seeded["lift"]])[0].linked == 0


def test_deleted_feedback_and_edited_text_follow_in_search(db: Database, seeded: dict) -> None:
    with db.transaction() as s:
        records.soft_delete(s, Feedback, seeded["buses"])
        records.update_fields(s, Feedback, seeded["but"], {"text": "Kind staff, the bus was late"})
    with db.reading() as s:
        assert _ids(s, text="late bus") == {seeded["but"]}
        assert _ids(s, text="buses") == set()
        assert session_repo.feedback_count(session=s, session_id=seeded["spring"]) == 1
        rows = session_repo.session_rows(
            session=s, ids=session_repo.session_ids(session=s, loop=session_repo.LoopFilter.CLOSED)
        )
        assert [r.title for r in rows] == ["Autumn forum"]


def test_fts_query_quotes_each_word() -> None:
    assert fts5_query('care* AND "homes" OR') == '"care"* "AND" "homes"* "OR"'


@pytest.mark.sqlite_only  # SQLite's FTS5 index and VACUUM
def test_search_stays_right_after_rows_go_and_the_file_is_vacuumed(db: Database, seeded: dict) -> None:
    # The search index reads feedback's text by rowid: a hard delete and VACUUM must not
    # leave it pointing at other rows.
    with db.transaction() as s:
        s.execute(sa_text("DELETE FROM feedback_theme WHERE feedback_id = :id"), {"id": seeded["buses"].hex})
        s.execute(sa_text("DELETE FROM feedback WHERE text = 'The buses never come'"))
        later = engagement.add_feedback(session=s, session_id=seeded["spring"], text="Buses late again")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("INSERT INTO feedback_fts (feedback_fts) VALUES ('integrity-check')")
    with db.reading() as s:
        assert _ids(s, text="buses") == {later}
        assert _ids(s, text="BROKEN lift") == {seeded["lift"]}
        assert _ids(s, text="repl") == {seeded["but"]}


def test_words_joined_by_punctuation_or_underscores_are_searched_as_words(db: Database, seeded: dict) -> None:
    # The index keeps no word positions (migration 0013): every word is looked up on its own.
    with db.reading() as s:
        assert _ids(s, text="lift_broken") == {seeded["lift"]}
        assert _ids(s, text="lift-at-the-centre") == {seeded["lift"]}
        assert _ids(s, text="kind staff") == {seeded["but"]}
        assert _ids(s, text="staff_lift") == set()
