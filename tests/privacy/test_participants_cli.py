"""`coprod participants`: add, edit, find, consent and withdraw, as an officer would."""

from __future__ import annotations

from pathlib import Path

from coprod.persistence.database import Database
from tests.privacy.people import CODE, NAME, SENTENCE, plant, run


def test_add_edit_find_with_lawful_basis(db: Database, db_path: Path) -> None:
    db.close()
    assert (
        run(
            "participants",
            "add",
            "--db",
            str(db_path),
            "--name",
            "Ada Lovelace",
            "--contact",
            "ada@example.org",
        )[1].strip()
        == "Participant P-0001 added."
    )
    code, out, err = run(
        "participants", "add", "p-7", "--db", str(db_path), "--name", "Bob Stone", "--basis", "consent"
    )
    assert code == 0 and "P-7" in out, err
    code, _, err = run("participants", "add", "P-7", "--db", str(db_path))
    assert code == 2 and err.strip() == "coprod: The participant code P-7 is already used; choose another."
    assert run("participants", "edit", "P-0001", "--db", str(db_path), "--contact", "07700 900001")[0] == 0
    code, out, _ = run("participants", "find", "ada", "--db", str(db_path))
    assert code == 0
    (line,) = out.splitlines()
    assert line.split("\t")[:4] == ["P-0001", "Ada Lovelace", "07700 900001", "Public task"]
    code, out, _ = run("participants", "find", "--db", str(db_path))
    assert [line.split("\t")[0] for line in out.splitlines()] == ["P-0001", "P-7"]
    assert "Consent" in out.splitlines()[1]  # Bob's lawful basis
    assert run("participants", "find", "nobody", "--db", str(db_path))[1].strip() == "No participant matches."


def test_consent_then_withdraw_quotes_lists_published_versions(db: Database, db_path: Path) -> None:
    plant(db, consent=False, published=True)
    db.close()
    code, out, err = run(
        "participants",
        "consent",
        CODE,
        "quote",
        "--db",
        str(db_path),
        "--on",
        "2026-01-05",
        "--how",
        "signed form",
        "--wording",
        "You may quote me in reports.",
    )
    assert code == 0, err
    assert out.strip() == "Consent recorded: P-0042 agreed to quoting in reports on 5 January 2026."
    code, out, _ = run("participants", "find", CODE, "--db", str(db_path))
    assert "quoting in reports since 5 Jan 2026" in out
    code, out, err = run(
        "participants", "withdraw", CODE, "quote", "--db", str(db_path), "--on", "2026-03-01"
    )
    assert code == 0, err
    assert "no longer agrees to quoting in reports" in out
    assert "left out of every report made from now on" in out
    assert "You said, we did (for residents)  as of 1 February 2026" in out  # the version with their words
    code, out, _ = run("participants", "find", CODE, "--db", str(db_path))
    assert "quoting in reports withdrawn 1 Mar 2026" in out
    code, _, err = run("participants", "withdraw", CODE, "quote", "--db", str(db_path))
    assert code == 2 and "has no consent to withdraw" in err


def test_withdrawn_quotes_stay_out_of_later_reports(db: Database, db_path: Path, tmp_path: Path) -> None:
    plant(db)
    db.close()
    before, after = tmp_path / "before.html", tmp_path / "after.html"
    code, _, err = run(
        "report", "you-said-we-did", "--db", str(db_path), "--out", str(before), "--as-of", "2026-02-01"
    )
    assert code == 0, err
    assert "Brackenfold" in before.read_text(encoding="utf-8")
    assert run("participants", "withdraw", CODE, "quote", "--db", str(db_path), "--on", "2026-01-20")[0] == 0
    code, _, err = run(
        "report", "you-said-we-did", "--db", str(db_path), "--out", str(after), "--as-of", "2026-02-01"
    )
    assert code == 0, err
    html = after.read_text(encoding="utf-8")
    assert "Brackenfold" not in html and NAME not in html and SENTENCE not in html
