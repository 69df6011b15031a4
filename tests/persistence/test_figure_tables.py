"""The Core descriptions the figure commands read by name the models' own tables and columns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlmodel import SQLModel

import coprod.domain.models  # noqa: F401  (every table on the metadata)
from coprod.persistence import figure_tables


def test_every_table_and_column_described_is_the_models() -> None:
    for light in figure_tables.TABLES:
        model = SQLModel.metadata.tables[light.name]
        assert {c.name for c in light.columns} <= {c.name for c in model.columns}, light.name


def test_the_first_session_of_a_fresh_process_is_audited(tmp_path: Path) -> None:
    """The models and the audit hook load with the first ORM session, not with the module:
    a write in a process that has loaded nothing else is still audited, whichever way its
    session was made."""
    script = f"""
import sys
from coprod.persistence.database import open_database
assert "coprod.persistence.audit" not in sys.modules
db = open_database({str(tmp_path / "fresh.db")!r})
with db.transaction() as s:
    from coprod.domain.models import Owner
    s.add(Owner(name="Carers Hub"))
with db.engine.connect() as conn, db.session(bind=conn) as s, s.begin():
    s.add(Owner(name="Day Centres"))
with db.reading_rows() as conn:
    print(conn.exec_driver_sql("SELECT count(*) FROM audit_event WHERE table_name = 'owner'").scalar())
db.close()
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
