"""A team server restored from an older backup loses nothing a laptop still holds."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from coprod.domain.models import Feedback, FeedbackTheme, Recommendation
from coprod.i18n import ntr, tr
from coprod.persistence.database import open_database
from coprod.services.common.tasks import Cancelled, TaskState
from coprod.services.engagement.capture import add_feedback, create_session
from coprod.services.privacy.erasure import erase_participant
from coprod.services.recommendations.lifecycle import create_recommendation
from coprod.services.sync import sync
from tests.command import run
from tests.server.sync_team import (
    Backup,
    Team,
    backups,
    conflict_rows,
    laptop_state,
    plant_resident,
    retitle,
    team_server,
    title_of,
)


@pytest.fixture
def team(pg_server: str, pg_migrated_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_migrated_url) as made:
        yield made


@pytest.fixture
def backup(team: Team) -> Iterator[Backup]:
    with backups(team) as made:
        yield made


def _first_copy(team: Team, tmp_path: Path) -> Path:
    laptop = tmp_path / "a.db"
    assert run("sync", "--first", "--db", str(laptop), "--server", team.server_as("a")).returncode == 0
    return laptop


def _retitled_then_lost(team: Team, backup: Backup, laptop: Path, title: str) -> None:
    """Last night's backup; today the laptop retitles R-001 and syncs; then the server fails
    and the backup is put back, without the new title."""
    backup.take()
    retitle(laptop, team.ids["rec"], title)
    _sync(laptop)
    backup.restore()


def _sync(laptop: Path) -> str:
    ran = run("sync", "--db", str(laptop))
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


def _feedback_texts(target: str | Path) -> set[str]:
    db = open_database(target, create=False, migrate_schema=False)
    try:
        with db.reading() as s:
            return {f.text for f in s.exec(sa.select(Feedback)).scalars()}  # type: ignore[call-overload]
    finally:
        db.close()


def test_what_a_restore_lost_is_sent_again_and_the_servers_new_work_still_arrives(
    team: Team, backup: Backup, tmp_path: Path
) -> None:
    laptop = _first_copy(team, tmp_path)
    backup.take()  # last night's backup
    db = open_database(laptop, create=False)
    try:
        with db.transaction() as s:  # today, at a venue: a new session and what was said there
            forum = create_session(session=s, title="Dementia cafe", held_on=date(2026, 11, 20))
            add_feedback(session=s, session_id=forum, text="The bus stop moved", themes=["Transport"])
    finally:
        db.close()
    retitle(laptop, team.ids["rec"], "Online respite booking, with text reminders")
    assert "5 changes sent" in _sync(laptop)  # the session, the feedback, its theme and tag, the title
    state_before = laptop_state(laptop)
    assert state_before.chain is not None

    backup.restore()  # the server fails; the database team puts last night's copy back
    assert "The bus stop moved" not in _feedback_texts(team.url)
    server = open_database(team.url, create=False, migrate_schema=False)
    try:
        with server.transaction() as s:  # work on the server after the restore
            add_feedback(session=s, session_id=team.ids["session"], text="Said at the front desk", themes=[])
        with server.reading() as s:
            head = s.connection().exec_driver_sql("SELECT max(seq) FROM sync_change").scalar_one()
    finally:
        server.close()
    assert head <= state_before.cursor  # numbered below where the laptop had read to

    said = _sync(laptop)

    assert said.startswith(tr("sync.went_back"))
    assert ntr("sync.sent_again", 5) in said  # all five, lost with the restore
    assert {"The bus stop moved", "Said at the front desk"} <= _feedback_texts(team.url)
    assert "Said at the front desk" in _feedback_texts(laptop)
    title = "Online respite booking, with text reminders"
    assert title_of(team.url, team.ids["rec"]) == title
    assert title_of(laptop, team.ids["rec"]) == title
    assert conflict_rows(team.url) == []
    again = _sync(laptop)  # and from then on, syncs as before
    assert "restored from a backup" not in again and "0 changes sent" in again


def test_a_field_changed_on_the_server_since_the_restore_is_kept_as_a_conflict(
    team: Team, backup: Backup, tmp_path: Path
) -> None:
    laptop = _first_copy(team, tmp_path)
    _retitled_then_lost(team, backup, laptop, "Title typed on the laptop")
    retitle_on_server = open_database(team.url, create=False, migrate_schema=False)
    try:
        with retitle_on_server.transaction() as s:
            rec = s.get(Recommendation, team.ids["rec"])
            assert rec is not None
            rec.title = "Title typed on the server after the restore"
    finally:
        retitle_on_server.close()

    assert ntr("sync.sent_again", 1) in _sync(laptop)

    # The laptop's change reaches the server last, so it stands, as in any sync; the server's
    # is kept for a manager to settle, not lost.
    assert title_of(team.url, team.ids["rec"]) == "Title typed on the laptop"
    assert title_of(laptop, team.ids["rec"]) == "Title typed on the laptop"
    kept = [(c["field"], c["other_value"]) for c in conflict_rows(team.url)]
    assert kept == [("title", "Title typed on the server after the restore")]


def test_what_others_wrote_and_the_restore_lost_comes_back_from_a_laptop_that_holds_it(
    team: Team, backup: Backup, tmp_path: Path
) -> None:
    laptop = _first_copy(team, tmp_path)
    retitle(laptop, team.ids["rec"], "Sent before the backup")
    _sync(laptop)
    backup.take()  # the backup has everything the laptop sent
    server = open_database(team.url, create=False, migrate_schema=False)
    try:
        with server.transaction() as s:  # a colleague at the office, on the server itself
            add_feedback(session=s, session_id=team.ids["session"], text="Typed at the office", themes=[])
            card = s.get(Recommendation, team.ids["other"])
            assert card is not None
            card.title = "Carers card, renewed online"
    finally:
        server.close()
    _sync(laptop)  # the laptop receives both
    backup.restore()  # and the server loses them

    said = _sync(laptop)

    assert ntr("sync.sent_again", 2) in said
    assert "Typed at the office" in _feedback_texts(team.url)
    assert title_of(team.url, team.ids["other"]) == "Carers card, renewed online"
    assert title_of(team.url, team.ids["rec"]) == "Sent before the backup"
    assert conflict_rows(team.url) == []


def test_a_sync_stopped_after_sending_again_sends_nothing_twice(
    team: Team, backup: Backup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = _first_copy(team, tmp_path)
    _retitled_then_lost(team, backup, laptop, "Typed before the restore")

    def cut(*_args: object) -> None:  # the network goes once the server has what was sent again
        raise ConnectionResetError("connection reset by peer")

    with monkeypatch.context() as patched:
        patched.setattr("coprod.services.sync.restored.read_state", cut)
        assert run("sync", "--db", str(laptop)).returncode != 0
    assert title_of(team.url, team.ids["rec"]) == "Typed before the restore"

    said = _sync(laptop)

    assert said.startswith(tr("sync.went_back"))  # noticed again, as nothing moved on the laptop
    assert tr("sync.lost_nothing") in said  # and nothing left to send
    assert conflict_rows(team.url) == []


def test_an_erasure_the_restore_undid_stays_on_the_laptop_and_its_code_is_said(
    team: Team, backup: Backup, tmp_path: Path
) -> None:
    plant_resident(team)
    laptop = _first_copy(team, tmp_path)
    backup.take()
    owner = open_database(team.url)
    try:
        erase_participant(owner, "P-900")  # the information governance lead, on the server
    finally:
        owner.close()
    _sync(laptop)
    backup.restore()  # brings Ada back on the server

    said = _sync(laptop)

    assert "The restore undid 1 erasure on the server (P-900): this laptop keeps that person erased" in said
    # Her words go back blanked (an officer may write feedback); the register's entry and her
    # name and contact may be written only by the information governance lead.
    assert ntr("sync.sent_again", 1) in said and ntr("sync.kept_here", 2) in said
    held = b"".join(p.read_bytes() for p in tmp_path.glob("a.db*") if p.is_file())
    assert b"Ada's kitchen floods" not in held and b"ada@example.org" not in held
    assert "Ada's kitchen floods" not in _feedback_texts(team.url)


def test_a_lost_record_the_login_may_not_write_is_kept_and_the_rest_still_go(
    team: Team, backup: Backup, tmp_path: Path
) -> None:
    laptop = _first_copy(team, tmp_path)
    backup.take()
    server = open_database(team.url, create=False, migrate_schema=False)
    try:
        with server.transaction() as s:  # two new recommendations, one of them another team's
            ours = create_recommendation(session=s, title="Carers' breaks", raised_on=date(2026, 11, 2))
            housing = create_recommendation(session=s, title="Adapted flats", raised_on=date(2026, 11, 2))
        with server.transaction() as s:
            retitled = sa.text("UPDATE recommendation SET team = 'Housing' WHERE id = :id")
            s.connection().execute(retitled, {"id": housing})
    finally:
        server.close()
    _sync(laptop)  # officer a's laptop receives both (every team's work may be read)
    backup.restore()

    said = _sync(laptop)

    # Each recommendation and its first status: ours are sent, the other team's kept.
    assert ntr("sync.sent_again", 2) in said and ntr("sync.kept_here", 2) in said
    db = open_database(team.url, create=False, migrate_schema=False)
    try:
        with db.reading() as s:
            assert s.get(Recommendation, ours) is not None
            assert s.get(Recommendation, housing) is None
    finally:
        db.close()
    assert title_of(laptop, housing) == "Adapted flats"  # kept on the laptop


def test_cancelling_while_the_laptop_works_out_what_was_lost_sends_nothing(
    team: Team, backup: Backup, tmp_path: Path
) -> None:
    laptop = _first_copy(team, tmp_path)
    _retitled_then_lost(team, backup, laptop, "Typed before the restore")

    class CancelledOnceRestored(TaskState):
        def set_status(self, text: str) -> None:
            super().set_status(text)
            if text:  # the sentence saying the server was restored: Cancel, at once
                self.cancel()

    task = CancelledOnceRestored()
    db = open_database(laptop, create=False)
    try:
        with pytest.raises(Cancelled):
            sync(db, task=task)
    finally:
        db.close()
    assert task.status.startswith("The team server was restored from a backup")
    assert title_of(team.url, team.ids["rec"]) == "Online respite booking"  # nothing sent

    assert ntr("sync.sent_again", 1) in _sync(laptop)  # the next sync does it all
    assert title_of(team.url, team.ids["rec"]) == "Typed before the restore"


def test_a_theme_taken_off_an_item_stays_off_after_the_restore_brought_it_back(
    team: Team, backup: Backup, tmp_path: Path
) -> None:
    laptop = _first_copy(team, tmp_path)
    backup.take()  # the item is tagged "Respite" in the backup
    db = open_database(laptop, create=False)
    try:
        with db.transaction() as s:  # today, the officer takes the tag off
            link = s.exec(
                select(FeedbackTheme).where(FeedbackTheme.feedback_id == team.ids["feedback"])
            ).one()
            s.delete(link)
    finally:
        db.close()
    _sync(laptop)
    backup.restore()
    assert _tags(team.url, team.ids["feedback"]) == 1

    said = _sync(laptop)

    assert ntr("sync.sent_again", 1) in said
    assert _tags(team.url, team.ids["feedback"]) == 0
    assert _tags(laptop, team.ids["feedback"]) == 0


def _tags(target: str | Path, item: uuid.UUID) -> int:
    db = open_database(target, create=False, migrate_schema=False)
    try:
        with db.reading() as s:
            return len(s.exec(select(FeedbackTheme).where(FeedbackTheme.feedback_id == item)).all())
    finally:
        db.close()
