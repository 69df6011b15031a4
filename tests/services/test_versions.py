"""Two people, one record: a save made on a version someone else moved on is stopped."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.errors import EditConflict
from coprod.domain.models import AuditEvent, EngagementSession, Owner, Recommendation
from coprod.i18n import describe
from coprod.persistence.database import Database, open_database
from coprod.services.common import records, versions
from coprod.services.engagement import capture as engagement
from coprod.services.privacy import participants
from coprod.services.recommendations import detail as repo
from coprod.services.recommendations import edits
from coprod.services.recommendations import lifecycle as recs
from coprod.services.risks import register
from coprod.services.risks.register import RiskIn


def new_recommendation(db: Database, title: str = "Expand respite") -> uuid.UUID:
    with db.transaction() as s:
        return recs.create_recommendation(session=s, title=title, raised_on=date(2025, 1, 10))


def opened_version(db: Database, rid: uuid.UUID) -> int:
    with db.reading() as s:
        detail = repo.recommendation_detail(session=s, recommendation_id=rid)
        assert detail is not None
        return detail.version


def rename(db: Database, rid: uuid.UUID, title: str, version: int | None, *, actor: str = "priya") -> None:
    with db.transaction(actor=actor) as s:
        edits.edit_details(session=s, recommendation_id=rid, title=title, expected_version=version)


def title_of(db: Database, rid: uuid.UUID) -> str:
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec is not None
        return rec.title


def test_every_save_moves_the_version_on_by_one(db: Database) -> None:
    rid = new_recommendation(db)
    assert opened_version(db, rid) == 1
    rename(db, rid, "Expand weekend respite", 1)
    assert opened_version(db, rid) == 2
    with db.transaction() as s:
        recs.change_status(session=s, recommendation_id=rid, new_status=Status.ACCEPTED, on=date(2025, 2, 1))
    assert opened_version(db, rid) == 3


def test_a_save_on_an_old_version_names_who_changed_it_and_writes_nothing(db: Database) -> None:
    rid = new_recommendation(db)
    rename(db, rid, "Respite at weekends", 1, actor="Priya Raman")
    with db.reading() as s:
        events_before = len(s.exec(select(AuditEvent)).all())
    with pytest.raises(EditConflict) as caught:
        rename(db, rid, "Respite every day", 1, actor="Sam Okafor")
    assert caught.value.version == 2
    assert caught.value.params["actor"] == "Priya Raman"
    sentence = describe(caught.value)
    assert sentence.startswith("Changed by Priya Raman at ") and sentence.endswith(" since you opened it.")
    assert title_of(db, rid) == "Respite at weekends"
    assert opened_version(db, rid) == 2
    with db.reading() as s:
        assert len(s.exec(select(AuditEvent)).all()) == events_before


def test_a_change_made_on_an_earlier_day_names_the_day_in_words(db: Database) -> None:
    rid = new_recommendation(db)
    rename(db, rid, "Respite at weekends", 1, actor="Priya Raman")
    with db.reading() as s:
        sentence = describe(versions.conflict(s, "recommendation", rid, 1, today=date(2099, 1, 1)))
    day_said = re.fullmatch(r"Changed by Priya Raman on (.+) at \d\d:\d\d since you opened it\.", sentence)
    assert day_said is not None, sentence
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", day_said[1]), sentence  # "2 December 2026"


def test_without_a_version_the_command_line_still_saves(db: Database) -> None:
    rid = new_recommendation(db)
    rename(db, rid, "First", 1)
    rename(db, rid, "Second", None)
    assert title_of(db, rid) == "Second"


def test_status_target_owner_and_update_saves_are_checked(db: Database) -> None:
    rid = new_recommendation(db)
    with db.transaction() as s:
        owner = engagement.create_owner(session=s, name="Dana Lee")
    rename(db, rid, "Moved on", 1)
    attempts = [
        lambda s: recs.change_status(
            session=s,
            recommendation_id=rid,
            new_status=Status.ACCEPTED,
            on=date(2025, 2, 1),
            expected_version=1,
        ),
        lambda s: recs.set_target(
            session=s,
            recommendation_id=rid,
            new_date=date(2025, 6, 1),
            on=date(2025, 2, 1),
            expected_version=1,
        ),
        lambda s: recs.reassign_owner(
            session=s, recommendation_id=rid, owner_id=owner, on=date(2025, 2, 1), expected_version=1
        ),
        lambda s: recs.add_update(
            session=s,
            recommendation_id=rid,
            text="Half done",
            on=date(2025, 2, 1),
            progress=50,
            expected_version=1,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(EditConflict), db.transaction() as s:
            attempt(s)
    with db.reading() as s:
        rec = s.get(Recommendation, rid)
        assert rec is not None
        assert (rec.status, rec.target_date, rec.owner_id, rec.progress) == (Status.PROPOSED, None, None, 0)
        assert rec.version == 2


def test_owner_session_risk_and_participant_edits_are_checked(db: Database) -> None:
    with db.transaction() as s:
        owner = engagement.create_owner(session=s, name="Dana Lee")
        sid = engagement.create_session(session=s, title="Drop-in", held_on=date(2025, 1, 5))
        participants.add_participant(session=s, code="P-001", name="Ann")
        risk_in = RiskIn(
            reference="RK-1",
            title="Budget",
            cause="Cuts",
            event="Service stops",
            effect="Carers left without support",
            inherent=(4, 4),
            current=(3, 3),
            target=(2, 2),
            identified_on=date(2025, 1, 1),
        )
        risk = register.create_risk(session=s, risk_in=risk_in)
    with db.transaction() as s:  # someone else saves each one first
        records.update_fields(s, Owner, owner, {"role": "Manager"}, expected_version=1)
        records.update_fields(s, EngagementSession, sid, {"venue": "Library"}, expected_version=1)
        register.update_risk(session=s, risk_id=risk, risk_in=replace(risk_in, title="Money"))
        participants.edit_participant(session=s, code="P-001", name="Anne", expected_version=1)
    stale = [
        lambda s: records.update_fields(s, Owner, owner, {"role": "Officer"}, expected_version=1),
        lambda s: records.update_fields(s, EngagementSession, sid, {"venue": "Hall"}, expected_version=1),
        lambda s: register.update_risk(
            session=s, risk_id=risk, risk_in=replace(risk_in, title="Cash"), expected_version=1
        ),
        lambda s: participants.edit_participant(session=s, code="P-001", name="Annie", expected_version=1),
    ]
    for attempt in stale:
        with pytest.raises(EditConflict), db.transaction() as s:
            attempt(s)
    with db.reading() as s:
        assert s.get(Owner, owner).role == "Manager"  # type: ignore[union-attr]
        assert s.get(EngagementSession, sid).venue == "Library"  # type: ignore[union-attr]
        assert register.get(session=s, risk_id=risk).title == "Money"
        assert participants.get_participant(s, "P-001").name == "Anne"


def test_two_connections_on_one_file_the_second_save_is_stopped(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    first, second = open_database(path), open_database(path)
    try:
        rid = new_recommendation(first)
        mine, theirs = opened_version(first, rid), opened_version(second, rid)
        rename(first, rid, "Respite at weekends", mine, actor="Priya Raman")
        with pytest.raises(EditConflict) as caught:
            rename(second, rid, "Respite every day", theirs, actor="Sam Okafor")
        assert caught.value.params["actor"] == "Priya Raman"
        assert title_of(second, rid) == title_of(first, rid) == "Respite at weekends"
    finally:
        first.close()
        second.close()


def test_a_merged_change_moves_the_version_on(tmp_path: Path) -> None:
    from coprod.services.data.interchange import export_interchange, merge_interchange

    path = tmp_path / "team.db"
    db = open_database(path)
    try:
        rid = new_recommendation(db)
        laptop = tmp_path / "laptop.db"
        export = tmp_path / "team.coprod.json"
        export_interchange(db, export)
        other = open_database(laptop)
        try:
            merge_interchange(other, export)
            rename(other, rid, "Changed on the laptop", None)
            back = tmp_path / "laptop.coprod.json"
            export_interchange(other, back)
        finally:
            other.close()
        merge_interchange(db, back)
        assert title_of(db, rid) == "Changed on the laptop"
        assert opened_version(db, rid) == 2
    finally:
        db.close()


def test_a_save_landing_between_the_check_and_the_write_is_stopped(tmp_path: Path) -> None:
    """The second save read version 1 and passed its check before the first committed."""
    path = tmp_path / "team.db"
    first, second = open_database(path), open_database(path)
    try:
        rid = new_recommendation(first)
        with pytest.raises(EditConflict) as caught, second.transaction(actor="Sam Okafor") as s:
            assert recs.get(session=s, recommendation_id=rid).version == 1
            rename(first, rid, "Respite at weekends", 1, actor="Priya Raman")
            edits.edit_details(
                session=s, recommendation_id=rid, title="Respite every day", expected_version=1
            )
        assert caught.value.params["actor"] == "Priya Raman"
        assert title_of(second, rid) == "Respite at weekends"
    finally:
        first.close()
        second.close()
