"""Two officers' laptops, offline, then synced with the team server: nothing lost, one conflict."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.models import Feedback, Recommendation
from coprod.persistence.database import open_database
from coprod.services.common.records import soft_delete
from coprod.services.engagement.capture import add_feedback
from coprod.services.recommendations.edits import edit_details
from coprod.services.recommendations.lifecycle import change_status, set_target
from tests.command import run
from tests.server.sync_team import Team, conflict_rows, content_hash, lag_json, plant_resident, team_server
from tests.trackers import GOOD, write_csv


@pytest.fixture
def team(pg_server: str, pg_migrated_url: str) -> Iterator[Team]:
    with team_server(pg_server, pg_migrated_url) as made:
        yield made


def _copy(team: Team, who: str, path: Path) -> None:
    ran = run("sync", "--first", "--db", str(path), "--server", team.server_as(who))
    assert ran.returncode == 0, ran.stderr
    assert "A new laptop copy" in ran.stdout


def _sync(team: Team, who: str, path: Path) -> str:
    ran = run("sync", "--db", str(path), "--server", team.server_as(who))
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


def _edit(path: Path, work: object) -> None:
    db = open_database(path, create=False)
    try:
        with db.transaction() as s:
            work(s)  # type: ignore[operator]
    finally:
        db.close()


def test_two_offline_laptops_converge_with_one_conflict(team: Team, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _copy(team, "a", a)
    _copy(team, "b", b)
    assert content_hash(a) == content_hash(b) == content_hash(team.url)
    rec = team.ids["rec"]

    def a_works(s: object) -> None:
        r = s.get(Recommendation, rec)  # type: ignore[attr-defined]
        edit_details(
            session=s,
            recommendation_id=rec,
            title="Book respite online",
            reference=r.reference,
            description=r.description,
            strategy_id=r.strategy_id,
            success_measure=r.success_measure,
            cqc_statement=r.cqc_statement,
            you_said=r.you_said,
        )
        change_status(session=s, recommendation_id=rec, new_status=Status.ACCEPTED, on=date(2026, 4, 1))
        add_feedback(
            session=s, session_id=team.ids["session"], text="Evening slots please", themes=["Respite"]
        )
        soft_delete(s, Feedback, team.ids["spare"])

    def b_works(s: object) -> None:
        set_target(session=s, recommendation_id=rec, new_date=date(2026, 9, 30), on=date(2026, 4, 2))
        change_status(
            session=s,
            recommendation_id=rec,
            new_status=Status.NOT_TAKEN_FORWARD,
            on=date(2026, 4, 3),
            reason="No budget this year",
        )
        add_feedback(session=s, session_id=team.ids["session"], text="Phone booking works for me", themes=[])

    _edit(a, a_works)
    _edit(b, b_works)
    status = run("sync", "--status", "--db", str(a))
    assert status.returncode == 0 and "changes waiting to be sent" in status.stdout

    for _round in range(2):
        _sync(team, "a", a)
        _sync(team, "b", b)

    assert content_hash(a) == content_hash(b) == content_hash(team.url)
    assert lag_json(a) == lag_json(b) == lag_json(team.url)
    conflicts = conflict_rows(team.url)
    assert [(c["table_name"], c["field"]) for c in conflicts] == [("recommendation", "status")]
    assert conflicts[0]["kept_value"] == "not_taken_forward" and conflicts[0]["other_value"] == "accepted"
    assert conflicts[0]["kept_by"] == team.logins["b"] and conflicts[0]["other_by"] == team.logins["a"]

    db = open_database(b, create=False)
    try:
        with db.reading() as s:
            r = s.get(Recommendation, rec)
            assert r is not None
            assert (r.title, r.target_date, r.status) == (
                "Book respite online",
                date(2026, 9, 30),
                Status.NOT_TAKEN_FORWARD,
            )
            texts = {f.text for f in s.exec(select(Feedback).where(Feedback.deleted_at.is_(None)))}  # type: ignore[union-attr]
            assert {"Evening slots please", "Phone booking works for me"} <= texts
            assert "The leaflet was out of date" not in texts
    finally:
        db.close()
    status = run("sync", "--status", "--db", str(b))
    assert "0 changes waiting to be sent" in status.stdout and "Last synced with" in status.stdout


def _waiting(path: Path) -> str:
    return run("sync", "--status", "--db", str(path)).stdout


def test_a_push_replayed_after_the_laptop_lost_track_is_applied_once(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = tmp_path / "a.db"
    _copy(team, "a", laptop)
    _edit(
        laptop, lambda s: add_feedback(session=s, session_id=team.ids["session"], text="Once only", themes=[])
    )

    import coprod.services.sync as sync_service

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # the laptop dies after the server committed the push

    monkeypatch.setattr(sync_service, "forget", crash)
    assert run("sync", "--db", str(laptop), "--server", team.server_as("a")).returncode == 130
    assert "1 change waiting" in _waiting(laptop)
    monkeypatch.undo()

    out = _sync(team, "a", laptop)
    assert "0 changes sent" in out  # the server knew the operation already
    assert "0 changes waiting" in _waiting(laptop)
    engine = sa.create_engine(team.url)
    try:
        with engine.connect() as conn:
            texts = conn.execute(sa.select(Feedback.text).where(Feedback.text == "Once only")).all()
    finally:
        engine.dispose()
    assert len(texts) == 1
    assert content_hash(laptop) == content_hash(team.url)


def test_an_out_of_date_laptop_is_told_to_update_and_keeps_its_changes(team: Team, tmp_path: Path) -> None:
    laptop = tmp_path / "a.db"
    _copy(team, "a", laptop)
    _edit(
        laptop, lambda s: add_feedback(session=s, session_id=team.ids["session"], text="Kept safe", themes=[])
    )
    engine = sa.create_engine(team.url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")  # a later coprod's
    finally:
        engine.dispose()

    ran = run("sync", "--db", str(laptop), "--server", team.server_as("a"))
    assert ran.returncode == 2
    assert ran.stderr.startswith("coprod: Update coprod before syncing")
    assert len(ran.stderr.strip().splitlines()) == 1
    assert "1 change waiting to be sent" in _waiting(laptop)


def test_deletions_and_erasures_on_the_server_reach_the_laptop(team: Team, tmp_path: Path) -> None:
    from coprod.domain.models import Participant, RecommendationFeedback
    from coprod.services.privacy.erasure import erase_participant

    plant_resident(team)
    laptop = tmp_path / "a.db"
    _copy(team, "a", laptop)
    assert b"Ada's kitchen floods" in laptop.read_bytes()

    owner = open_database(team.url)
    try:
        erase_participant(owner, "P-900")
        with owner.transaction() as s:
            link = s.exec(select(RecommendationFeedback)).first()
            assert link is not None
            s.delete(link)  # deleted outright: travels as a grave
    finally:
        owner.close()
    _sync(team, "a", laptop)

    db = open_database(laptop, create=False)
    try:
        with db.reading() as s:
            person = s.exec(select(Participant).where(Participant.code == "P-900")).one()
            assert (person.name, person.contact) == (None, None)
            assert s.exec(select(RecommendationFeedback)).first() is None
            assert "Ada's kitchen floods" not in {f.text for f in s.exec(select(Feedback))}
    finally:
        db.close()
    held = b"".join(p.read_bytes() for p in tmp_path.glob("a.db*") if p.is_file())
    assert b"Ada's kitchen floods" not in held and b"ada@example.org" not in held
    assert content_hash(laptop) == content_hash(team.url)


def test_an_offline_edit_never_brings_back_words_erased_on_the_server(team: Team, tmp_path: Path) -> None:
    from coprod.services.privacy.erasure import erase_participant

    said = plant_resident(team)
    laptop = tmp_path / "a.db"
    _copy(team, "a", laptop)
    owner = open_database(team.url)
    try:
        erase_participant(owner, "P-900")  # on the server, while the laptop is out
    finally:
        owner.close()

    def correct(s: object) -> None:  # at the venue, a typo put right in what Ada said
        item = s.get(Feedback, said)  # type: ignore[attr-defined]
        item.text = "Ada's kitchen floods every winter"

    _edit(laptop, correct)
    _sync(team, "a", laptop)

    for target in (team.url, laptop):
        db = open_database(target, create=False, migrate_schema=False)
        try:
            with db.reading() as s:
                assert s.get(Feedback, said).text == "[erased]"  # type: ignore[union-attr]
        finally:
            db.close()
    assert not any("Ada" in str(c["kept_value"]) + str(c["other_value"]) for c in conflict_rows(team.url))
    held = b"".join(p.read_bytes() for p in tmp_path.glob("a.db*") if p.is_file())
    assert b"Ada's kitchen floods" not in held


def test_an_erasure_takes_the_persons_words_out_of_the_conflicts_too(team: Team, tmp_path: Path) -> None:
    from tests.server.test_server_erasure import _relation_files

    said = plant_resident(team, "Ada's kitchen")
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _copy(team, "a", a)
    _copy(team, "b", b)
    for laptop, words in ((a, "Ada's kitchen floods in winter"), (b, "Ada's kitchen floods when it rains")):

        def correct(s: object, words: str = words) -> None:
            item = s.get(Feedback, said)  # type: ignore[attr-defined]
            item.text = words

        _edit(laptop, correct)
    _sync(team, "a", a)
    _sync(team, "b", b)
    assert [c["other_value"] for c in conflict_rows(team.url)] == ["Ada's kitchen floods in winter"]

    ran = run("erase", "--participant", "P-900", "--db", team.url)

    assert ran.returncode == 0, ran.stderr
    kept = [(c["kept_value"], c["other_value"], c["settled"]) for c in conflict_rows(team.url)]
    assert kept == [("[erased]", "[erased]", True)]
    assert b"floods" not in _relation_files(team.url)


def test_change_numbers_are_written_only_by_the_server(team: Team) -> None:
    from sqlalchemy.exc import ProgrammingError

    from tests.server.logins import connected

    with connected(team.server_as("a")) as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM sync_change")).scalar_one() > 0
        with pytest.raises(ProgrammingError, match="permission denied"):
            conn.execute(sa.text("UPDATE sync_change SET seq = seq + 1000000"))
    with connected(team.server_as("a")) as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(sa.text("UPDATE sync_conflict SET settled = true"))  # a manager's decision


def test_the_same_reference_and_theme_made_on_two_laptops_are_both_kept(team: Team, tmp_path: Path) -> None:
    from coprod.domain.models import Theme
    from coprod.services.recommendations.lifecycle import create_recommendation, team_next_reference

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _copy(team, "a", a)
    _copy(team, "b", b)
    for path, who in ((a, "a"), (b, "b")):

        def work(s: object, who: str = who) -> None:
            reference = team_next_reference(session=s)  # type: ignore[arg-type]
            create_recommendation(
                session=s, title=f"Idea from {who}", raised_on=date(2026, 5, 1), reference=reference
            )  # type: ignore[arg-type]
            add_feedback(
                session=s, session_id=team.ids["session"], text=f"Buses from {who}", themes=["Transport"]
            )  # type: ignore[arg-type]

        _edit(path, work)
    for _round in range(2):
        _sync(team, "a", a)
        _sync(team, "b", b)

    assert content_hash(a) == content_hash(b) == content_hash(team.url)
    db = open_database(a, create=False)
    try:
        with db.reading() as s:
            ideas = {
                r.title: r.reference for r in s.exec(select(Recommendation)) if r.title.startswith("Idea")
            }
            themes = sorted(t.name for t in s.exec(select(Theme)) if t.name.startswith("Transport"))
    finally:
        db.close()
    assert ideas["Idea from a"] != ideas["Idea from b"]
    assert ideas["Idea from b"] == ideas["Idea from a"] + "-2"  # the second to arrive is renamed
    assert themes == ["Transport", "Transport-2"]
    fields = sorted((c["table_name"], c["field"]) for c in conflict_rows(team.url))
    assert fields == [("recommendation", "reference"), ("theme", "name")]


def test_a_laptop_copy_refuses_an_import_or_a_merge_it_could_never_send(team: Team, tmp_path: Path) -> None:
    laptop = tmp_path / "laptop.db"
    _copy(team, "a", laptop)
    before = content_hash(laptop)
    tracker = write_csv(tmp_path / "tracker.csv", GOOD)
    other = tmp_path / "other.db"
    assert run("demo", "--db", str(other)).returncode == 0
    assert run("export", "--db", str(other), "--out", str(tmp_path / "other.coprod.json")).returncode == 0

    imported = run("import", "--db", str(laptop), str(tracker))
    merged = run("merge", "--db", str(laptop), str(tmp_path / "other.coprod.json"))

    for ran, what in ((imported, "an import"), (merged, "a merge")):
        assert ran.returncode == 2
        assert ran.stderr == (
            f"coprod: This is a laptop copy of the team server: {what} here would never reach the server. "
            "Do it on the team server (File › Connect to team server…), then sync.\n"
        )
    assert content_hash(laptop) == before
    assert _sync(team, "a", laptop)  # nothing was left half-written to send


def test_a_retention_run_on_the_server_purges_the_laptops_copy(team: Team, tmp_path: Path) -> None:
    from coprod.services.privacy.participants import add_participant

    owner = open_database(team.url)
    try:
        with owner.transaction() as s:
            add_participant(session=s, code="P-901", name="Bram Oyelaran", contact="bram@example.org")
    finally:
        owner.close()
    laptop = tmp_path / "a.db"
    _copy(team, "a", laptop)
    assert b"bram@example.org" in laptop.read_bytes()

    assert run("settings", "set", "retain_identity_days", "30", "--db", team.url).returncode == 0
    applied = run("retention", "--apply", "--as-of", "2035-01-01", "--db", team.url)
    assert applied.returncode == 0 and "P-901" in applied.stdout, applied.stdout + applied.stderr
    _sync(team, "a", laptop)

    held = b"".join(p.read_bytes() for p in tmp_path.glob("a.db*") if p.is_file())
    assert b"bram@example.org" not in held and b"Bram Oyelaran" not in held
    assert content_hash(laptop) == content_hash(team.url)
