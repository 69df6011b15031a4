"""The command line never changes a file before it knows the file is coprod's, and says
plainly what is wrong with the files it is given."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from coprod import cli
from coprod.persistence.database import open_database
from tests.engines import copy_database
from tests.platforms import dev_full

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]


# Every command that must find a coprod database already there, with its other arguments.
NOT_CREATING = {
    "check": [],
    "lag": [],
    "stalled": [],
    "report": ["lag", "--out", "{dir}/board.html"],
    "import": ["{dir}/tracker.csv"],
    "export": ["--out", "{dir}/out.csv"],
    "merge": ["{dir}/theirs.coprod.json"],
    "backup": [],
}


@pytest.mark.parametrize("command", sorted(NOT_CREATING))
def test_an_empty_file_is_left_empty(command: str, tmp_path: Path) -> None:
    from tests.trackers import GOOD, write_csv

    write_csv(tmp_path / "tracker.csv", GOOD)
    (tmp_path / "theirs.coprod.json").write_text("{}", encoding="utf-8")
    empty = tmp_path / "empty.db"
    empty.touch()
    rest = [a.format(dir=tmp_path) for a in NOT_CREATING[command]]
    code, _, err = run(command, "--db", str(empty), *rest)
    assert_one_line_error(code, err, "empty", "coprod init")
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["empty.db", "tracker.csv", "theirs.coprod.json"]
    )


def test_init_makes_a_database_only_where_there_was_none(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    code, out, err = run("init", "--db", str(empty))
    assert code == 0, err
    assert str(empty) in out
    code, out, err = run("check", "--db", str(empty))
    assert code == 0 and "Integrity: ok" in out
    before = empty.read_bytes()
    code, _, err = run("init", "--db", str(empty))
    assert_one_line_error(code, err, "already holds data")
    assert empty.read_bytes() == before
    code, _, err = run("init", "--db", str(tmp_path / "new.db"))
    assert code == 0, err


def _other_program_file(path: Path) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ann')")
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", ["check", "lag", "import", "backup"])
def test_another_programs_sqlite_file_is_not_touched(command: str, tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    before = _other_program_file(path)
    args = [str(tmp_path / "t.csv")] if command == "import" else []
    (tmp_path / "t.csv").write_text("Ref,Recommendation\n", encoding="utf-8")
    code, _, err = run(command, "--db", str(path), *args)
    assert_one_line_error(code, err, "not a coprod database")
    assert path.read_bytes() == before  # still in its own journal mode, not switched to WAL
    assert not Path(f"{path}-wal").exists()
    assert not (tmp_path / "contacts-backups").exists()
    assert not (tmp_path / "contacts.db-lock").exists()


def test_an_empty_sqlite_file_is_not_made_a_coprod_database(tmp_path: Path) -> None:
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")  # a valid SQLite file without any table
    conn.close()
    before = path.read_bytes()
    code, _, err = run("lag", "--db", str(path))
    assert_one_line_error(code, err, "empty", "coprod init")
    assert path.read_bytes() == before


def test_a_coprod_database_is_still_written_ahead(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    code, _, err = run("init", "--db", str(path))
    assert code == 0, err
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    open_database(path, create=False).close()


def test_restore_onto_a_folder_is_one_sentence_and_makes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "gr.db"
    assert run("init", "--db", str(db))[0] == 0
    assert run("backup", "--db", str(db))[0] == 0
    (saved,) = (tmp_path / "gr-backups").iterdir()
    folder = tmp_path / "folder"
    folder.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = run("restore", "--db", str(folder), str(saved))
    assert_one_line_error(code, err, "is a folder")
    assert "Errno" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert list(folder.iterdir()) == []


@dev_full
@pytest.mark.parametrize("name", ["out.csv", "out.xlsx", "all.coprod.json"])
def test_a_full_disk_during_export_is_one_sentence_and_leaves_no_partial_file(
    name: str, demo_db_file: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    import gc
    import os
    import subprocess
    import sys

    from tests.holders import env

    if not Path("/dev/full").exists():
        pytest.fail("this test needs /dev/full, which every Linux has")
    db = tmp_path / "gr.db"
    db = copy_database(demo_db_file, db)  # type: ignore[assignment]
    # The file being written is on a device that is always full.
    os.symlink("/dev/full", tmp_path / f"{name}.partial")
    argv = ["export", "--db", str(db), "--out", str(tmp_path / name)]
    if name.endswith(".xlsx"):
        # A real process: a zip file that fails again while being freed, as late as the
        # interpreter's exit, must still print nothing but the one sentence.
        result = subprocess.run(
            [sys.executable, "-m", "coprod", *argv], capture_output=True, text=True, env=env(), timeout=120
        )
        code, err = result.returncode, result.stderr
    else:
        code, _, err = run(*argv)
        gc.collect()  # whatever fails while being freed does so now, not in a later test
        err += capfd.readouterr().err
    assert_one_line_error(code, err, name, "No space left")
    assert "gr.db" not in err  # the export is the file that could not be written
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())
    assert not (tmp_path / name).exists()


def _interchange_with(tmp_path: Path, table: str, record: dict[str, object]) -> Path:
    import json

    source = tmp_path / "source.db"
    assert run("init", "--db", str(source))[0] == 0
    out = tmp_path / "theirs.coprod.json"
    assert run("export", "--db", str(source), "--out", str(out))[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["tables"][table].append(record)
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


FEEDBACK = {
    "id": "00a466e1-7694-4181-bd6a-2a2098093360",
    "created_at": "2026-09-18T12:11:00+00:00",
    "updated_at": "2026-09-18T12:11:00+00:00",
    "deleted_at": None,
    "session_id": "1966a3bb-cfcd-4902-8cd3-aee89ea4f0bb",
    "text": "The bus never comes.",
    "is_verbatim": False,
    "participant_id": None,
    "recorded_at": "2026-09-18T09:21:00+00:00",
}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            {},
            [
                "feedback record 00a466e1-7694-4181-bd6a-2a2098093360",
                "refers to",
                "not there",
                "nothing was saved",
            ],
        ),
        ({"text": None}, ["null as feedback text", "must be a value", "nothing was merged"]),
    ],
)
def test_a_merge_that_breaks_a_rule_names_the_file_and_the_record(
    change: dict[str, object], words: list[str], tmp_path: Path
) -> None:
    theirs = _interchange_with(tmp_path, "feedback", {**FEEDBACK, **change})
    mine = tmp_path / "mine.db"
    assert run("init", "--db", str(mine))[0] == 0
    code, _, err = run("merge", "--db", str(mine), str(theirs))
    assert_one_line_error(code, err, str(theirs), *words)
    assert "could not be used" not in err and "mine.db" not in err


def test_a_record_pointing_nowhere_is_named_when_keys_are_checked_at_the_end(db_path: Path) -> None:
    import uuid
    from datetime import UTC, datetime

    from coprod.domain.errors import DatabaseProblem
    from coprod.domain.models import Feedback
    from coprod.persistence.dialect import defer_foreign_keys

    db = open_database(db_path)
    fid = uuid.uuid4()
    with pytest.raises(DatabaseProblem) as caught, db.transaction() as s:
        defer_foreign_keys(s)
        s.add(Feedback(id=fid, session_id=uuid.uuid4(), text="said", recorded_at=datetime.now(UTC)))
        s.flush()
    db.close()
    assert caught.value.code == "db.missing_parent"
    assert f"the feedback record {fid}" in str(caught.value)
    assert "engagement session record" in str(caught.value)
