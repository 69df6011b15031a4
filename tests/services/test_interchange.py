"""Two officers' offline copies combine: matched by UUID, later change wins, conflicts logged."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.models import AuditEvent, Recommendation, Strategy
from coprod.persistence.audit import value_digest
from coprod.persistence.database import Database, open_database
from coprod.services.data.importing import import_tracker
from coprod.services.data.interchange import export_interchange, merge_interchange
from coprod.services.engagement import capture as engagement
from coprod.services.recommendations import lifecycle as recs
from tests.conftest import AS_OF
from tests.trackers import GOOD, write_csv


def _by_ref(db: Database, ref: str) -> Recommendation:
    with db.reading() as s:
        return s.exec(select(Recommendation).where(Recommendation.reference == ref)).one()


def _retitle(db: Database, ref: str, title: str) -> None:
    with db.transaction() as s:
        rec = s.exec(select(Recommendation).where(Recommendation.reference == ref)).one()
        rec.title = title
        s.add(rec)


@pytest.fixture
def two_copies(tmp_path: Path) -> tuple[Database, Database]:
    first = open_database(tmp_path / "mine.db")
    import_tracker(first, write_csv(tmp_path / "t.csv", GOOD), today=AS_OF)
    first.close()
    shutil.copy(tmp_path / "mine.db", tmp_path / "theirs.db")
    return open_database(tmp_path / "mine.db"), open_database(tmp_path / "theirs.db")


def test_merge_of_two_diverged_copies_with_a_conflict(
    two_copies: tuple[Database, Database], tmp_path: Path
) -> None:
    mine, theirs = two_copies
    _retitle(mine, "R-1", "Weekend respite (my wording)")
    with mine.transaction() as s:
        recs.create_recommendation(
            session=s, title="Only in my copy", raised_on=date(2025, 5, 1), reference="M-1"
        )
        engagement.create_strategy(session=s, name="Young adults")
    _retitle(theirs, "R-1", "Weekend respite (their later wording)")
    with theirs.transaction() as s:
        r2 = s.exec(select(Recommendation).where(Recommendation.reference == "R-3")).one()
        r2.description = "Looked at again in June"
        s.add(r2)
        recs.create_recommendation(
            session=s, title="Only in their copy", raised_on=date(2025, 5, 2), reference="T-1"
        )
        engagement.create_strategy(session=s, name="Young adults")
    file = tmp_path / "theirs.coprod.json"
    with theirs.reading() as s:
        their_log = set(s.exec(select(AuditEvent.id)).all())
    export_interchange(theirs, file)

    report = merge_interchange(mine, file)

    assert [(c.table, c.kept, sorted(c.fields)) for c in report.conflicts] == [
        ("recommendation", "incoming", ["title"])
    ]
    assert _by_ref(mine, "R-1").title == "Weekend respite (their later wording)"
    assert _by_ref(mine, "R-3").description == "Looked at again in June"  # only they changed it
    assert _by_ref(mine, "M-1").title == "Only in my copy"
    assert _by_ref(mine, "T-1").title == "Only in their copy"
    with mine.reading() as s:
        assert len(s.exec(select(Strategy).where(Strategy.name == "Young adults")).all()) == 1
        logged = s.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.MERGE_CONFLICT)).all()
        assert len(logged) == 1
        rid = logged[0].row_id
        assert logged[0].changes["fields"]["title"] == [  # which values, never the wording itself
            value_digest("recommendation", rid, "title", "Weekend respite (my wording)"),
            value_digest("recommendation", rid, "title", "Weekend respite (their later wording)"),
        ]
        assert their_log <= set(s.exec(select(AuditEvent.id)).all())  # their history came too
    assert report.backup is not None and report.backup.exists()

    again = merge_interchange(mine, file)
    assert again.total_inserted == 0 and again.total_updated == 0 and again.conflicts == []
    mine.close()
    theirs.close()


def test_local_change_that_is_newer_is_kept(two_copies: tuple[Database, Database], tmp_path: Path) -> None:
    mine, theirs = two_copies
    _retitle(theirs, "R-2", "Their older wording")
    file = tmp_path / "theirs.coprod.json"
    export_interchange(theirs, file)
    _retitle(mine, "R-2", "My newer wording")
    report = merge_interchange(mine, file)
    assert [c.kept for c in report.conflicts] == ["local"]
    assert _by_ref(mine, "R-2").title == "My newer wording"
    mine.close()
    theirs.close()


def test_tombstones_travel(two_copies: tuple[Database, Database], tmp_path: Path) -> None:
    mine, theirs = two_copies
    with theirs.transaction() as s:
        rec = s.exec(select(Recommendation).where(Recommendation.reference == "R-3")).one()
        from coprod.domain.types import utcnow

        rec.deleted_at = utcnow()
        s.add(rec)
    export_interchange(theirs, tmp_path / "x.coprod.json")
    merge_interchange(mine, tmp_path / "x.coprod.json")
    assert _by_ref(mine, "R-3").deleted_at is not None
    mine.close()
    theirs.close()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json at all", "not a coprod interchange file"),
        (
            json.dumps({"format": "coprod-interchange", "version": 99, "schema": "0001", "tables": {}}),
            "newer version",
        ),
        (
            json.dumps({"format": "coprod-interchange", "version": 1, "schema": "9999", "tables": {}}),
            "schema 9999",
        ),
    ],
)
def test_bad_interchange_files_change_nothing(
    db: Database, db_path: Path, tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "x.coprod.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CoprodError, match=words):
        merge_interchange(db, path)


def test_same_reference_on_two_different_recommendations_keeps_both(
    two_copies: tuple[Database, Database], tmp_path: Path
) -> None:
    mine, theirs = two_copies
    with mine.transaction() as s:
        recs.create_recommendation(session=s, title="My R-4", raised_on=date(2025, 5, 1), reference="R-4")
    with theirs.transaction() as s:
        recs.create_recommendation(session=s, title="Their R-4", raised_on=date(2025, 5, 1), reference="R-4")
    export_interchange(theirs, tmp_path / "x.coprod.json")
    report = merge_interchange(mine, tmp_path / "x.coprod.json")
    assert _by_ref(mine, "R-4").title == "My R-4"
    assert _by_ref(mine, "R-4-2").title == "Their R-4"
    assert [(c.kept, c.fields) for c in report.conflicts] == [("both", {"reference": ("R-4", "R-4-2")})]
    mine.close()
    theirs.close()


def test_the_file_holds_every_value_as_the_typed_records_give_it(tmp_path: Path) -> None:
    """The export reads stored values directly; each must come out exactly as reading the
    typed record and making it JSON would (ids with dashes, times with their offset, flags
    as true/false, the audit log's changes as objects)."""
    from sqlalchemy import select as core_select
    from sqlmodel import SQLModel

    from coprod.persistence.audit import jsonable
    from coprod.services.demo.scenario import generate

    db = open_database(tmp_path / "demo.db")
    with db.transaction() as session:
        generate(session=session, scale=1, seed=2, as_of=AS_OF)
    out = tmp_path / "all.coprod.json"
    export_interchange(db, out)
    written = json.loads(out.read_text(encoding="utf-8"))["tables"]
    with db.reading() as session:
        for table in SQLModel.metadata.sorted_tables:
            typed = [
                jsonable(dict(row._mapping))
                for row in session.execute(core_select(table).order_by(table.c.id))
            ]
            if table.name == "audit_event":
                exported = {row["id"] for row in written[table.name]}
                typed = [row for row in typed if row["id"] in exported]  # the export logs itself after
            assert written[table.name] == typed, table.name
    db.close()


def test_a_file_read_in_small_pieces_merges_the_same(
    two_copies: tuple[Database, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coprod.services.data.interchange as interchange

    monkeypatch.setattr(interchange, "READ_CHUNK", 7)  # values cut across every piece
    mine, theirs = two_copies
    export_interchange(theirs, tmp_path / "same.coprod.json")
    same = merge_interchange(mine, tmp_path / "same.coprod.json")
    assert (same.total_inserted, same.total_updated, same.conflicts) == (0, 0, [])
    _retitle(theirs, "R-2", "Changed in their copy")
    with theirs.transaction() as s:
        engagement.create_strategy(session=s, name="Only theirs")
    export_interchange(theirs, tmp_path / "x.coprod.json")
    report = merge_interchange(mine, tmp_path / "x.coprod.json")
    assert report.updated == {"recommendation": 1} and report.inserted.get("strategy") == 1
    assert _by_ref(mine, "R-2").title == "Changed in their copy"
    mine.close()
    theirs.close()
