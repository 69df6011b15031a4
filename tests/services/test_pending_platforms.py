"""The pending-writes queue behaves alike on Linux and Windows: the same bytes on disk, and a
file another program has open for a moment (Windows refuses to replace it) is waited for."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from coprod.services.engagement import pending
from tests.platforms import WINDOWS

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def _entry(text: str) -> pending.Entry:
    return pending.feedback_entry(
        session_id=uuid.uuid4(), text=text, themes=[], verbatim=False, participant_code=None
    )


def test_lines_end_in_a_plain_newline_on_every_system(tmp_path: Path) -> None:
    queue = pending.PendingQueue.beside(tmp_path / "gr.db")
    first, second = _entry("One"), _entry("Two")
    queue.add(first)
    queue.add(second)
    queue.remove(first.id)  # the file is rewritten whole
    queue.add(_entry("Three"))
    raw = (tmp_path / "gr.db.pending.jsonl").read_bytes()
    assert b"\r" not in raw and raw.count(b"\n") == 2
    assert [e.data["text"] for e in queue.entries()] == ["Two", "Three"]


def test_a_file_held_open_for_a_moment_on_windows_is_waited_for() -> None:
    tries: list[int] = []

    def replace() -> None:
        tries.append(1)
        if len(tries) < 3:  # what Windows says while an indexer has the file open
            raise PermissionError(13, "The process cannot access the file")

    pending._shared(replace, windows=True)
    assert len(tries) == 3


def test_a_file_that_stays_held_gives_up_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pending, "SHARING_RETRY_S", 0.2)

    def replace() -> None:
        raise PermissionError(13, "The process cannot access the file")

    with pytest.raises(PermissionError):
        pending._shared(replace, windows=True)


def test_on_posix_a_refusal_is_a_real_one_and_is_not_retried() -> None:
    tries: list[int] = []

    def replace() -> None:
        tries.append(1)
        raise PermissionError(13, "Permission denied")

    with pytest.raises(PermissionError):
        pending._shared(replace, windows=False)
    assert len(tries) == 1


@pytest.mark.skipif(not WINDOWS, reason="only Windows paths name one file whatever the case of their letters")
def test_a_reader_queue_is_found_whatever_the_case_of_the_path(tmp_path: Path) -> None:
    db = tmp_path / "Team.db"
    assert pending.reader_queue_path(db) == pending.reader_queue_path(Path(str(db).upper()))


def test_a_reader_queue_is_named_after_the_file_not_the_spelling_of_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    roundabout = tmp_path / "sub" / ".." / "gr.db"
    assert pending.reader_queue_path(Path("gr.db")) == pending.reader_queue_path(roundabout)
