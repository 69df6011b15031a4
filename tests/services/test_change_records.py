"""Change records: what a command wrote, taken back and made again through the services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from coprod.domain.models import (
    AuditEvent,
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Owner,
    OwnerChange,
    Participant,
    Recommendation,
    Strategy,
    Theme,
)
from coprod.persistence.database import Database
from coprod.services.common import records
from coprod.services.common.changes import ChangedSince, RecordGone
from coprod.services.engagement import capture as engagement
from coprod.services.privacy.participants import participant_ids
from coprod.services.recommendations import lifecycle as recs
from coprod.services.recommendations.owners import deactivate_owner
from coprod.services.workspace import Workspace

ON = date(2026, 11, 26)


def _new_session(s):  # type: ignore[no-untyped-def]
    return engagement.create_session(session=s, title="Forum", held_on=date(2025, 1, 5))


@pytest.fixture
def ws(db: Database) -> Workspace:
    return Workspace(db)


def test_a_command_says_which_rows_and_fields_it_wrote(ws: Workspace) -> None:
    sid, made = ws.command(_new_session)
    assert made.ids("engagement_session", "create") == [sid]
    assert "audit_event" in made.tables  # named for the pages, never taken back
    _, edited = ws.command(
        lambda s: records.update_fields(s, EngagementSession, sid, {"title": "Carers' forum"})
    )
    (row,) = edited.rows
    assert (row.table, row.row_id, row.operation) == ("engagement_session", sid, "update")
    assert row.fields == (("title", "Forum", "Carers' forum"),)  # only what changed, no bookkeeping


def test_revert_puts_old_values_back_and_reapply_makes_the_change_again(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    _, edited = ws.command(
        lambda s: records.update_fields(
            s, EngagementSession, sid, {"title": "Renamed", "participant_count": 9}
        )
    )
    ws.revert(edited)
    with ws.reading() as s:
        es = s.get(EngagementSession, sid)
        assert (es.title, es.participant_count) == ("Forum", 0)
    ws.reapply(edited)
    with ws.reading() as s:
        es = s.get(EngagementSession, sid)
        assert (es.title, es.participant_count) == ("Renamed", 9)


def test_created_rows_are_tombstoned_and_come_back_with_the_same_ids(ws: Workspace) -> None:
    rid, made = ws.command(
        lambda s: recs.create_recommendation(session=s, title="Minibus timetable", raised_on=ON)
    )
    assert "status_change" in made.tables
    ws.revert(made)
    with ws.reading() as s:
        assert s.get(Recommendation, rid).deleted_at is not None
    ws.reapply(made)
    with ws.reading() as s:
        assert s.get(Recommendation, rid).deleted_at is None


def test_a_hard_deleted_row_comes_back_whole(ws: Workspace) -> None:
    oid, _ = ws.command(lambda s: engagement.create_owner(session=s, name="Sam Patel"))
    _, removed = ws.command(lambda s: s.delete(s.get(Owner, oid)))
    assert removed.rows[0].operation == "delete"
    ws.revert(removed)
    with ws.reading() as s:
        assert s.get(Owner, oid).name == "Sam Patel"
    ws.reapply(removed)
    with ws.reading() as s:
        assert s.get(Owner, oid) is None


def test_an_owner_leaving_with_open_work_is_undone_whole(ws: Workspace) -> None:
    def setup(s):  # type: ignore[no-untyped-def]
        leaving = engagement.create_owner(session=s, name="Leaving")
        taking = engagement.create_owner(session=s, name="Taking over")
        rid = recs.create_recommendation(
            session=s, title="Respite at weekends", raised_on=ON, owner_id=leaving
        )
        return leaving, taking, rid

    (leaving, taking, rid), _ = ws.command(setup)
    _, done = ws.command(lambda s: deactivate_owner(session=s, owner_id=leaving, reassign_to=taking, on=ON))
    assert {"owner", "recommendation", "owner_change"} <= done.tables
    ws.revert(done)
    with ws.reading() as s:
        assert s.get(Owner, leaving).active and s.get(Recommendation, rid).owner_id == leaving
        assert all(c.deleted_at is not None for c in s.exec(select(OwnerChange)))


def test_undo_is_refused_when_someone_changed_the_record_since(ws: Workspace) -> None:
    sid, _ = ws.command(lambda s: engagement.create_strategy(session=s, name="Carers"))
    _, edited = ws.command(lambda s: records.update_fields(s, Strategy, sid, {"name": "Carers strategy"}))
    with ws.transaction() as s:  # another laptop renames it again
        records.update_fields(s, Strategy, sid, {"name": "Unpaid carers"})
    events = _count_events(ws)
    with pytest.raises(ChangedSince):
        ws.revert(edited)
    with ws.reading() as s:
        assert s.get(Strategy, sid).name == "Unpaid carers"  # their work stays
    assert _count_events(ws) == events  # and nothing at all was written


def test_undo_of_a_row_removed_since_says_it_is_gone(ws: Workspace) -> None:
    oid, made = ws.command(lambda s: engagement.create_owner(session=s, name="Sam Patel"))
    with ws.transaction() as s:
        s.delete(s.get(Owner, oid))
    with pytest.raises(RecordGone):
        ws.revert(made)
    with pytest.raises(LookupError):  # what older callers catch
        ws.revert(made)


def _capture(ws: Workspace, sid, text: str):  # type: ignore[no-untyped-def]
    return ws.command(
        lambda s: engagement.add_feedback(
            session=s, session_id=sid, text=text, themes=["Transport"], participant_code="P-0042"
        )
    )


def test_undoing_a_capture_keeps_the_theme_and_participant_someone_has_used_since(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    mine, made = _capture(ws, sid, "The buses stop at six")
    theirs, _ = _capture(ws, sid, "No bus on Sundays")  # another laptop, same theme and person
    ws.revert(made)
    with ws.reading() as s:
        assert s.get(Feedback, mine).deleted_at is not None
        (theme,) = s.exec(select(Theme)).all()
        (person,) = s.exec(select(Participant)).all()
        assert theme.deleted_at is None and person.deleted_at is None  # their item still has both
        links = s.exec(select(FeedbackTheme).where(FeedbackTheme.deleted_at.is_(None))).all()
        assert [(link.feedback_id, link.theme_id) for link in links] == [(theirs, theme.id)]
        assert s.get(Feedback, theirs).participant_id == person.id
    ws.reapply(made)  # and redo brings mine back beside theirs
    with ws.reading() as s:
        assert s.get(Feedback, mine).deleted_at is None
        live = s.exec(select(FeedbackTheme).where(FeedbackTheme.deleted_at.is_(None))).all()
        assert {link.feedback_id for link in live} == {mine, theirs}


def test_undoing_a_capture_that_revived_a_theme_keeps_it_while_another_item_uses_it(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    _, first = _capture(ws, sid, "Said and taken back")
    ws.revert(first)  # the theme went with it, nobody else having used it
    mine, made = _capture(ws, sid, "The buses stop at six")  # brings the theme back
    assert [row.operation for row in made.rows if row.table == "theme"] == ["update"]
    theirs, _ = _capture(ws, sid, "No bus on Sundays")
    ws.revert(made)
    with ws.reading() as s:
        assert s.exec(select(Theme)).one().deleted_at is None
    ws.reapply(made)
    with ws.reading() as s:
        live = s.exec(select(FeedbackTheme).where(FeedbackTheme.deleted_at.is_(None))).all()
        assert {link.feedback_id for link in live} == {mine, theirs}


def test_undoing_a_capture_nobody_else_used_takes_its_new_theme_and_participant_back(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    _, made = _capture(ws, sid, "The buses stop at six")
    ws.revert(made)
    with ws.reading() as s:
        assert s.exec(select(Theme).where(Theme.deleted_at.is_(None))).all() == []
        assert s.exec(select(Participant).where(Participant.deleted_at.is_(None))).all() == []


def test_a_code_used_again_after_an_undo_is_a_participant_the_personal_data_lists_show(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    _, made = _capture(ws, sid, "Said and taken back")
    ws.revert(made)
    with ws.reading() as s:
        assert participant_ids(session=s) == []
    item, _ = _capture(ws, sid, "The buses stop at six")
    with ws.reading() as s:
        (person,) = participant_ids(session=s)  # retention and subject access start from here
        assert s.get(Feedback, item).participant_id == person


def test_undoing_a_new_session_someone_has_added_to_since_is_refused(ws: Workspace) -> None:
    sid, made = ws.command(_new_session)
    theirs, _ = _capture(ws, sid, "No bus on Sundays")  # another laptop adds to the new session
    events = _count_events(ws)
    with pytest.raises(ChangedSince):
        ws.revert(made)
    with ws.reading() as s:
        assert s.get(EngagementSession, sid).deleted_at is None  # their item keeps its session
        assert s.get(Feedback, theirs).deleted_at is None
    assert _count_events(ws) == events


def test_redo_is_refused_when_what_it_belongs_to_was_deleted_since(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    mine, made = _capture(ws, sid, "The buses stop at six")
    ws.revert(made)
    with ws.transaction() as s:  # meanwhile the session is deleted on another laptop
        records.soft_delete(s, EngagementSession, sid)
    events = _count_events(ws)
    with pytest.raises(RecordGone):
        ws.reapply(made)
    with ws.reading() as s:
        assert s.get(Feedback, mine).deleted_at is not None  # no item under a deleted session
    assert _count_events(ws) == events


def test_undoing_a_deletion_is_refused_when_what_it_belonged_to_was_deleted_since(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    mine, _ = _capture(ws, sid, "The buses stop at six")
    _, removed = ws.command(lambda s: records.soft_delete(s, Feedback, mine))
    with ws.transaction() as s:
        records.soft_delete(s, EngagementSession, sid)
    with pytest.raises(RecordGone):
        ws.revert(removed)
    with ws.reading() as s:
        assert s.get(Feedback, mine).deleted_at is not None


def test_a_deletion_of_a_session_with_its_items_comes_back_whole(ws: Workspace) -> None:
    sid, _ = ws.command(_new_session)
    mine, _ = _capture(ws, sid, "The buses stop at six")

    def delete_both(s):  # type: ignore[no-untyped-def]
        records.soft_delete(s, EngagementSession, sid)
        s.flush()
        records.soft_delete(s, Feedback, mine)

    _, removed = ws.command(delete_both)
    ws.revert(removed)  # the item comes back with its session, in one step
    with ws.reading() as s:
        assert s.get(EngagementSession, sid).deleted_at is None and s.get(Feedback, mine).deleted_at is None


def _count_events(ws: Workspace) -> int:
    with ws.reading() as s:
        return len(s.exec(select(AuditEvent.id)).all())
