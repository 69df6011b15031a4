"""Encryption at rest: an encrypted database opens with its key and is refused without it, its
file and its backups hold no name in the clear, and the command line's output is unchanged."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coprod.domain.errors import DatabaseProblem
from coprod.persistence import encryption
from coprod.persistence.backup import list_backups
from coprod.persistence.database import open_database
from coprod.services.data.backup import restore, take
from coprod.services.privacy import participants as people
from coprod.services.privacy.erasure import backups_holding
from tests.privacy.keys import MemoryKeyring
from tests.privacy.people import NAME, run

pytestmark = pytest.mark.sqlite_only  # about the database file itself (tests/engines.py)


def _named_db(path: Path) -> Path:
    db = open_database(path)
    try:
        with db.transaction() as s:
            people.add_participant(session=s, code="P-0042", name=NAME, contact="zq@example.org")
    finally:
        db.close()
    return path


def _names(db_path: Path) -> list[str]:
    db = open_database(db_path, create=False)
    try:
        with db.reading() as s:
            return [r.name for r in people.find_participants(session=s)]
    finally:
        db.close()


def _no_name_in(path: Path) -> bool:
    return NAME.encode() not in path.read_bytes() and b"Quartermaine" not in path.read_bytes()


def test_encrypted_database_opens_with_its_key_and_is_refused_without(
    tmp_path: Path, store: MemoryKeyring
) -> None:
    path = _named_db(tmp_path / "team.db")
    assert not _no_name_in(path)

    code, out, err = run("encrypt", "--db", str(path))
    assert code == 0, err
    assert "credential store" in out
    assert _no_name_in(path) and not path.read_bytes().startswith(b"SQLite format 3")
    assert [p for p in tmp_path.iterdir() if p.name.startswith("team.db.")] == []  # nothing left over
    assert _names(path) == [NAME]

    store.kept.clear()  # another user, or the key lost
    encryption._known.clear()
    code, out, err = run("lag", "--db", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and "no key" in err

    os.environ["COPROD_PASSPHRASE"] = "not the key"
    try:
        with pytest.raises(DatabaseProblem) as refused:
            open_database(path, create=False)
    finally:
        del os.environ["COPROD_PASSPHRASE"]
    assert refused.value.code == "db.wrong_key"


def test_backups_of_an_encrypted_database_are_encrypted_and_restore(
    tmp_path: Path, store: MemoryKeyring
) -> None:
    path = _named_db(tmp_path / "team.db")
    db = open_database(path)
    old = take(db, "manual")
    db.close()
    assert old is not None and not _no_name_in(old)

    assert run("encrypt", "--db", str(path))[0] == 0
    assert _no_name_in(old), "a plain backup left beside an encrypted database"
    assert [h.path for h in backups_holding(path, "P-0042")] == [old]  # still read, with the key
    db = open_database(path, create=False)
    with db.transaction() as s:
        people.edit_participant(session=s, code="P-0042", name="Someone Else")
    newer = take(db, "manual")
    assert newer is not None and newer != old and _no_name_in(newer)
    assert take(db, "manual") == newer  # nothing changed: not kept twice, though encrypted
    db.close()
    assert all(_no_name_in(b) for b in list_backups(path))

    restore(path, old)
    assert _names(path) == [NAME]
    assert _no_name_in(path)


def test_the_whole_command_line_path_gives_the_same_output(tmp_path: Path, store: MemoryKeyring) -> None:
    path = str(tmp_path / "demo.db")
    assert run("demo", "--db", path, "--seed", "3", "--as-of", "2026-01-31")[0] == 0
    code, before, _ = run("lag", "--db", path)
    assert code == 0 and "40 recommendations" in before
    assert run("encrypt", "--db", path)[0] == 0
    assert run("lag", "--db", path)[1] == before
    assert run("check", "--db", path)[0] == 0
    code, out, err = run("decrypt", "--db", path)
    assert code == 0, err
    assert Path(path).read_bytes().startswith(b"SQLite format 3")
    assert run("lag", "--db", path)[1] == before
    assert store.kept == {}  # the key went with the encryption


def test_a_passphrase_from_the_environment(
    tmp_path: Path, store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _named_db(tmp_path / "team.db")
    monkeypatch.setenv("COPROD_PASSPHRASE", "correct horse battery staple")
    code, out, _ = run("encrypt", "--db", str(path), "--passphrase")
    assert code == 0 and "passphrase" in out and store.kept == {}
    assert _names(path) == [NAME] and _no_name_in(path)
    code, _, err = run("encrypt", "--db", str(path))
    assert code == 2 and "already encrypted" in err
    encryption._known.clear()
    code, out, err = run("decrypt", "--db", str(path), "--passphrase")
    assert code == 0 and "no longer encrypted" in out, err
    assert path.read_bytes().startswith(b"SQLite format 3")


KILL_AT = """
import os, signal, sys
from coprod.persistence import encryption
step = sys.argv[2]
real = getattr(encryption, step)
def die(*args, **kwargs):
    if step == "_swap_in":
        real(*args, **kwargs)  # the rename done, killed before the spare copy is removed
    os.kill(os.getpid(), signal.SIGKILL)
setattr(encryption, step, die)
from coprod.cli.program import main
main(["encrypt", "--passphrase", "--db", sys.argv[1]])
"""


@pytest.mark.parametrize("step", ["check_ok", "_keep_spare", "_swap_in"])
def test_killed_midway_nothing_is_lost(tmp_path: Path, store: MemoryKeyring, step: str) -> None:
    path = _named_db(tmp_path / "team.db")
    env = {
        **os.environ,
        "COPROD_PASSPHRASE": "pass",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }  # never the computer's own store
    done = subprocess.run(
        [sys.executable, "-c", KILL_AT, str(path), step],
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -9, done.stderr
    os.environ["COPROD_PASSPHRASE"] = "pass"
    try:
        assert _names(path) == [NAME]  # the original, or the checked encrypted copy
        assert run("encrypt", "--db", str(path), "--passphrase")[0] in (0, 2)  # finishes, or was done
        assert _names(path) == [NAME] and _no_name_in(path)
    finally:
        del os.environ["COPROD_PASSPHRASE"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("team.db.")) == []


def test_an_export_sealed_with_a_passphrase_merges_only_with_it(
    tmp_path: Path, store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _named_db(tmp_path / "team.db")
    sealed = tmp_path / "share.coprod.json"
    monkeypatch.setenv("COPROD_PASSPHRASE", "tea and biscuits")
    code, out, err = run("export", "--db", str(path), "--out", str(sealed), "--encrypt")
    assert code == 0, err
    assert b"Quartermaine" not in sealed.read_bytes() and b"participant" not in sealed.read_bytes()

    other = tmp_path / "other.db"
    assert run("init", "--db", str(other))[0] == 0
    monkeypatch.delenv("COPROD_PASSPHRASE")
    code, out, err = run("merge", "--db", str(other), str(sealed))  # not a terminal: cannot ask
    assert code == 2 and err.count("\n") == 1 and "COPROD_PASSPHRASE" in err
    monkeypatch.setenv("COPROD_PASSPHRASE", "coffee")
    code, out, err = run("merge", "--db", str(other), str(sealed))
    assert code == 2 and err.count("\n") == 1 and "does not open" in err
    monkeypatch.setenv("COPROD_PASSPHRASE", "tea and biscuits")
    code, out, err = run("merge", "--db", str(other), str(sealed))
    assert code == 0, err
    assert _names(other) == [NAME]


def _sqlcipher_file(path: Path, passphrase: str) -> Path:
    """A file SQLCipher itself made with `passphrase`, as every encrypted copy is made."""
    conn = encryption.cipher_module().connect(str(path))
    conn.execute(f"PRAGMA key = {encryption.quote(passphrase)}")
    conn.execute("CREATE TABLE said (words TEXT)")
    conn.execute("INSERT INTO said VALUES ('More buses on Sundays')")
    conn.commit()
    conn.close()
    return path


def _read(path: Path, key: str) -> list[str]:
    conn = encryption.connect(path, key, read_only=True)
    try:
        return [row[0] for row in conn.execute("SELECT words FROM said")]
    finally:
        conn.close()


@pytest.mark.parametrize("passphrase", ["correct horse battery staple", "it's £5 — Ŵyn"])
def test_a_passphrase_opens_the_file_sqlcipher_made_with_it_and_no_other(
    tmp_path: Path, passphrase: str
) -> None:
    path = _sqlcipher_file(tmp_path / "team.db", passphrase)
    assert _read(path, passphrase) == ["More buses on Sundays"]
    assert _read(path, passphrase) == ["More buses on Sundays"]  # again, as a second connection
    assert not encryption.opens_with(path, passphrase + " ")
    assert not encryption.opens_with(path, passphrase.upper())
    assert encryption.opens_with(path, passphrase)


def test_a_passphrase_is_stretched_once_per_file_in_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stretching a passphrase into its key takes a fifth of a second on purpose: a command or
    a window opening several connections to the same file pays it once, not per connection."""
    first = _sqlcipher_file(tmp_path / "first.db", "correct horse battery staple")
    second = _sqlcipher_file(tmp_path / "second.db", "correct horse battery staple")
    stretched: list[bytes] = []
    real = hashlib.pbkdf2_hmac

    def counted(name: str, password: bytes, salt: bytes, iterations: int, dklen: int) -> bytes:
        stretched.append(salt)
        return real(name, password, salt, iterations, dklen)

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counted)
    for _ in range(3):
        assert _read(first, "correct horse battery staple") == ["More buses on Sundays"]
        assert _read(second, "correct horse battery staple") == ["More buses on Sundays"]
    # each file has its own random salt, so each is stretched once
    assert sorted(stretched) == sorted([first.read_bytes()[:16], second.read_bytes()[:16]])
