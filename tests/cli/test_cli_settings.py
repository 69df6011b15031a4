"""`coprod settings` and the council's contact details in reports for residents, run as a
user would: the real command line, with its exit code and what it printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from coprod.domain.enums import Status
from coprod.domain.models import Recommendation
from coprod.persistence.database import open_database
from coprod.services.recommendations import lifecycle as recs
from tests.command import run as coprod
from tests.engines import copy_database
from tests.reports_scenario import flat, pdf_text


@pytest.fixture
def demo(demo_db_file: Path, tmp_path: Path) -> Path:
    return copy_database(demo_db_file, tmp_path / "demo.db")  # type: ignore[return-value]


def test_publish_is_refused_until_a_contact_is_set(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "yswd.pdf"
    refused = coprod("report", "you-said-we-did", "--db", str(demo), "--out", str(out), "--publish")
    assert refused.returncode == 2 and not out.exists()
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert "cannot be published without a way to contact the council" in refused.stderr

    draft = coprod("report", "you-said-we-did", "--db", str(demo), "--out", str(out))
    assert draft.returncode == 0, draft.stderr
    assert "Draft: contact details missing." in flat(pdf_text(out))
    assert "first published version" not in draft.stdout  # nothing was published
    assert "No version of this report has been published yet" in draft.stdout

    for key, value in (
        ("council_name", "Northshire Council"),
        ("contact_phone", "01632 960000"),
        ("contact_email", "yoursay@northshire.example"),
        ("contact_address", "Adult Social Care\\n14 Elm Road\\nNorthtown NT1 1AA"),
        ("contact_text_relay", "18001 01632 960000"),
        ("contact_bsl", "Book a BSL video call at northshire.example/bsl"),
        ("other_formats", "Ask for large print, audio, Braille or another language"),
    ):
        done = coprod("settings", "set", key, value, "--db", str(demo))
        assert done.returncode == 0, done.stderr
    listed = coprod("settings", "list", "--db", str(demo)).stdout
    assert "contact_phone" in listed and "01632 960000" in listed and "default_target_days" in listed

    published = coprod("report", "you-said-we-did", "--db", str(demo), "--out", str(out), "--publish")
    assert published.returncode == 0, published.stderr
    assert "This is the first published version" in published.stdout
    text = flat(pdf_text(out))
    assert "Draft: contact details missing." not in text
    for value in (
        "01632 960000",
        "yoursay@northshire.example",
        "Adult Social Care, 14 Elm Road, Northtown NT1 1AA",
        "18001 01632 960000",
        "northshire.example/bsl",
        "large print, audio, Braille",
    ):
        assert value in text  # the council's own details are never redacted

    db = open_database(demo)
    try:
        with db.transaction() as s:
            rec = s.exec(select(Recommendation).where(Recommendation.status == Status.IN_PROGRESS)).first()
            assert rec is not None
            recs.add_update(
                session=s,
                recommendation_id=rec.id,
                text="Vans booked for March.",
                on=date.today(),
                public=True,
            )
            changed = rec.reference or str(rec.id)
    finally:
        db.close()
    again = coprod("report", "you-said-we-did", "--db", str(demo), "--out", str(out))
    assert again.returncode == 0, again.stderr
    listed = next(line for line in again.stdout.splitlines() if "Changed since then:" in line)
    assert changed in listed  # what changed since the published version is named, in words


def test_easy_read_and_html_carry_the_contact_block(demo: Path, tmp_path: Path) -> None:
    done = coprod("settings", "set", "contact_email", "yoursay@northshire.example", "--db", str(demo))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "easy.html"
    done = coprod("report", "you-said-we-did", "--db", str(demo), "--out", str(out), "--easy-read")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "yoursay@northshire.example" in html and "Draft: contact details missing" not in html


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["settings", "set", "colour", "blue"], "There is no setting called colour"),
        (["settings", "set", "stall_threshold_days", "soon"], "whole number of days"),
        (
            ["settings", "set", "contact_email", "asc at council.gov.uk"],
            "'asc at council.gov.uk' is not an email",
        ),
        (["settings", "set", "contact_email", "asc@council"], "'asc@council' is not an email address"),
    ],
)
def test_bad_settings_are_one_sentence_and_exit_2(demo: Path, argv: list[str], words: str) -> None:
    result = coprod(*argv, "--db", str(demo))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr


def test_an_email_residents_can_write_to_is_saved_and_printed(demo: Path) -> None:
    saved = coprod(
        "settings", "set", "contact_email", "adult.social.care@north-shire.gov.uk", "--db", str(demo)
    )
    assert saved.returncode == 0, saved.stderr
    listed = coprod("settings", "list", "--db", str(demo))
    assert "adult.social.care@north-shire.gov.uk" in listed.stdout
