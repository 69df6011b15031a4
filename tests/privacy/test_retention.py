"""Retention: the dry run lists what is due; applying anonymises exactly that; figures stay."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from coprod.domain.models import Feedback, Participant
from coprod.persistence.database import Database, open_database
from coprod.services.privacy import participants as people
from tests.conftest import AS_OF
from tests.engines import copy_database
from tests.privacy.people import CODE, NAME, SENTENCE, plant, run


def _listed(out: str, heading: str) -> list[str]:
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(heading))
    taken = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        taken.append(line.strip())
    return taken


def test_dry_run_then_apply_anonymises_exactly_what_was_listed(db: Database, db_path: Path) -> None:
    plant(db)  # session held 5 Jan 2026
    with db.transaction() as s:
        people.add_participant(session=s, code="P-NEW", name="Recent Person")  # no session: from today
    db.close()
    assert run("settings", "set", "retain_identity_days", "300", "--db", str(db_path))[0] == 0
    assert run("settings", "set", "retain_feedback_days", "330", "--db", str(db_path))[0] == 0

    code, dry, err = run("retention", "--dry-run", "--as-of", "2026-11-15", "--db", str(db_path))
    assert code == 0, err
    assert "identity 300 days" in dry and "feedback text 330 days" in dry
    now = _listed(dry, "Due now")
    assert now == [f"Identity       1 Nov 2026  {CODE}"]  # in columns: what, when, whose
    soon = _listed(dry, "Due in the next 30 days")
    assert soon == ["Feedback text  1 Dec 2026  Carers café (5 Jan 2026)"] * 2
    assert NAME not in dry and SENTENCE not in dry

    code, applied, err = run("retention", "--apply", "--as-of", "2026-11-15", "--db", str(db_path))
    assert code == 0, err
    assert _listed(applied, "Anonymised") == now
    db = open_database(db_path)
    with db.reading() as s:
        p = s.exec(select(Participant).where(Participant.code == CODE)).one()
        recent = s.exec(select(Participant).where(Participant.code == "P-NEW")).one()
        texts = sorted(s.exec(select(Feedback.text)).all())
    db.close()
    assert (p.name, p.contact) == (None, None)
    assert recent.name == "Recent Person"  # not due: untouched
    assert SENTENCE in texts  # feedback is due only next month

    code, later, _ = run("retention", "--apply", "--as-of", "2026-12-02", "--db", str(db_path))
    assert len(_listed(later, "Anonymised")) == 2

    assert run("settings", "set", "retain_feedback_days", "2190", "--db", str(db_path))[0] == 0
    code, six_years, _ = run("retention", "--dry-run", "--as-of", "2026-12-02", "--db", str(db_path))
    assert code == 0 and "feedback text 2,190 days" in six_years
    if isinstance(db_path, Path):  # a file: no byte of it holds them (a server has no file to read)
        assert NAME.encode() not in db_path.read_bytes() and SENTENCE.encode() not in db_path.read_bytes()
    db = open_database(db_path)
    with db.reading() as s:
        texts = sorted(s.exec(select(Feedback.text)).all())
    db.close()
    assert texts == ["[anonymised]", "[anonymised] Care at home"]


def test_lag_figures_do_not_change(demo_db_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    path = copy_database(demo_db_file, path)  # type: ignore[assignment]
    assert run("settings", "set", "retain_feedback_days", "30", "--db", str(path))[0] == 0
    assert run("settings", "set", "retain_identity_days", "30", "--db", str(path))[0] == 0
    figures = [
        ("lag", "--as-of", str(AS_OF)),
        ("lag", "--by", "strategy", "--as-of", str(AS_OF)),
        ("stalled", "--as-of", str(AS_OF)),
    ]
    before = [run(*f, "--db", str(path))[1] for f in figures]
    code, dry, _ = run("retention", "--dry-run", "--as-of", str(AS_OF), "--db", str(path))
    listed = _listed(dry, "Due now")
    assert len(listed) > 20

    code, applied, err = run("retention", "--apply", "--as-of", str(AS_OF), "--db", str(path))

    assert code == 0, err
    assert _listed(applied, "Anonymised") == listed
    assert [run(*f, "--db", str(path))[1] for f in figures] == before


def test_the_schedule_lists_what_has_waited_longest_first(db: Database) -> None:
    """The lead works down the list: the oldest due date first, whatever the codes or kinds."""
    from datetime import date

    from coprod.services.engagement.capture import add_feedback, create_session
    from coprod.services.privacy import retention

    with db.transaction() as s:
        held = {"P-A": date(2024, 6, 1), "P-B": date(2023, 2, 1), "P-C": date(2024, 1, 1)}
        for code, held_on in held.items():
            people.add_participant(session=s, code=code, name=f"Person {code}")
            forum = create_session(session=s, title=f"Forum {code}", held_on=held_on)
            add_feedback(session=s, session_id=forum, text="More evening slots", participant_code=code)
    with db.reading() as s:
        due = retention.plan(session=s, as_of=date(2030, 1, 1)).now
    assert [d.due_on for d in due] == sorted(d.due_on for d in due)
    assert [d.label for d in due if d.kind == "identity"] == ["P-B", "P-C", "P-A"]
    assert {d.kind for d in due} == {"identity", "feedback"}
