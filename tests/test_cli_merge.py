"""`coprod merge` run as a separate program, on two officers' copies of a demo borough."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import AuditAction
from coprod.domain.models import AuditEvent, Recommendation
from coprod.persistence.database import Database, open_database


def coprod(*argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COPROD_CONFIG_DIR": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "coprod", *argv], capture_output=True, text=True,
                          env=env, timeout=120)


def edit(path: Path, ref: str, **fields: object) -> None:
    db = open_database(path)
    try:
        with db.transaction() as s:
            rec = s.exec(select(Recommendation).where(Recommendation.reference == ref)).one()
            for name, value in fields.items():
                setattr(rec, name, value)
            s.add(rec)
    finally:
        db.close()


def recommendation(path: Path, ref: str) -> Recommendation:
    db = open_database(path)
    try:
        with db.reading() as s:
            return s.exec(select(Recommendation).where(Recommendation.reference == ref)).one()
    finally:
        db.close()


@pytest.fixture
def copies(demo_db_file: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(demo_db_file, a)
    shutil.copy(demo_db_file, b)
    db: Database = open_database(a)
    with db.reading() as s:
        ref = s.exec(select(Recommendation.reference).where(Recommendation.reference.isnot(None))
                     .order_by(Recommendation.reference)).first()
    db.close()
    assert ref
    return a, b, ref


def test_fields_changed_in_one_copy_only_are_both_kept(
    copies: tuple[Path, Path, str], tmp_path: Path
) -> None:
    a, b, ref = copies
    before = recommendation(a, ref)
    edit(a, ref, title="Weekend respite beds at Elm House")
    edit(b, ref, success_measure="Ten more carers a month get a weekend break")
    out = tmp_path / "b.coprod.json"
    assert coprod("export", "--db", str(b), "--out", str(out), home=tmp_path).returncode == 0

    result = coprod("merge", "--db", str(a), str(out), home=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "0 conflicts" in result.stdout and "changed in both copies" not in result.stdout
    merged = recommendation(a, ref)
    assert merged.title == "Weekend respite beds at Elm House"
    assert merged.success_measure == "Ten more carers a month get a weekend break"
    assert merged.description == before.description


def test_a_field_changed_in_both_copies_is_listed_with_both_values_and_logged(
    copies: tuple[Path, Path, str], tmp_path: Path
) -> None:
    a, b, ref = copies
    edit(a, ref, title="Respite: my wording")
    edit(b, ref, title="Respite: their wording", success_measure="Ten breaks a month")
    out = tmp_path / "b.coprod.json"
    assert coprod("export", "--db", str(b), "--out", str(out), home=tmp_path).returncode == 0

    result = coprod("merge", "--db", str(a), str(out), home=tmp_path)

    assert result.returncode == 0, result.stderr
    conflicts = [line for line in result.stdout.splitlines() if line.startswith("conflict")]
    assert len(conflicts) == 1
    assert "title" in conflicts[0] and "success_measure" not in conflicts[0]
    assert "Respite: my wording" in conflicts[0] and "Respite: their wording" in conflicts[0]
    merged = recommendation(a, ref)
    assert merged.title == "Respite: their wording"  # the later change
    assert merged.success_measure == "Ten breaks a month"  # only they changed it
    db = open_database(a)
    with db.reading() as s:
        logged = s.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.MERGE_CONFLICT)).one()
    db.close()
    assert logged.changes["fields"] == {"title": ["Respite: my wording", "Respite: their wording"]}
