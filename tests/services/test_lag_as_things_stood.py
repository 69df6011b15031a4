"""Lag "as at" a past date, as things stood then: what a board report or a review pack for last
quarter shows, and what `coprod lag --as-of` and `coprod stalled --as-of` print.

One recommendation with a known history: raised 10 Jan 2025 with a target of 1 Mar, accepted
1 Feb, its target revised on 20 Feb to 1 Apr, handed from Ann to Bo on 15 Mar, an update on
20 Mar, implemented on 10 Apr. A second one is raised on 1 May.
"""

from __future__ import annotations

import io
import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from coprod import cli
from coprod.domain.enums import Status
from coprod.domain.lag import RecommendationLag
from coprod.domain.models import (
    Owner,
    OwnerChange,
    Recommendation,
    RecommendationUpdate,
    StatusChange,
    TargetChange,
)
from coprod.persistence.database import Database
from coprod.services.figures.lag import recommendation_lags, stalled_or_overdue, team_figures


@pytest.fixture
def known(db: Database) -> dict[str, uuid.UUID]:
    with db.transaction() as s:
        ann, bo = Owner(name="Ann"), Owner(name="Bo")
        s.add_all([ann, bo])
        s.flush()
        rec = Recommendation(
            reference="R-1",
            title="Carers card",
            raised_on=date(2025, 1, 10),
            status=Status.IMPLEMENTED,
            target_date=date(2025, 3, 1),
            revised_target_date=date(2025, 4, 1),
            accepted_on=date(2025, 2, 1),
            implemented_on=date(2025, 4, 10),
            owner_id=bo.id,
        )
        later = Recommendation(
            reference="R-2", title="Letters", raised_on=date(2025, 5, 1), status=Status.PROPOSED
        )
        s.add_all([rec, later])
        s.flush()
        for on, old, new in [
            (date(2025, 1, 10), None, Status.PROPOSED),
            (date(2025, 2, 1), Status.PROPOSED, Status.ACCEPTED),
            (date(2025, 4, 10), Status.ACCEPTED, Status.IMPLEMENTED),
        ]:
            s.add(StatusChange(recommendation_id=rec.id, changed_on=on, from_status=old, to_status=new))
        s.add(
            StatusChange(recommendation_id=later.id, changed_on=date(2025, 5, 1), to_status=Status.PROPOSED)
        )
        s.add(
            TargetChange(
                recommendation_id=rec.id,
                changed_on=date(2025, 2, 20),
                old_date=date(2025, 3, 1),
                new_date=date(2025, 4, 1),
                reason="Printer delayed",
            )
        )
        s.add(
            OwnerChange(
                recommendation_id=rec.id,
                changed_on=date(2025, 3, 15),
                from_owner_id=ann.id,
                to_owner_id=bo.id,
            )
        )
        s.add(RecommendationUpdate(recommendation_id=rec.id, update_on=date(2025, 3, 20), text="Proofs back"))
        return {"rec": rec.id, "later": later.id}


def _stood(db: Database, on: date) -> dict[str | None, RecommendationLag]:
    with db.reading() as s:
        return {x.reference: x for x in recommendation_lags(session=s, as_of=on, as_things_stood=True)}


def test_before_it_was_raised_it_is_not_there(db: Database, known: dict[str, uuid.UUID]) -> None:
    assert _stood(db, date(2025, 1, 9)) == {}
    assert list(_stood(db, date(2025, 4, 30))) == ["R-1"]  # R-2 was raised on 1 May


def test_mid_february_it_was_accepted_with_its_first_target_and_first_owner(
    db: Database, known: dict[str, uuid.UUID]
) -> None:
    x = _stood(db, date(2025, 2, 15))["R-1"]
    assert x.status is Status.ACCEPTED
    assert x.effective_target == date(2025, 3, 1) and x.extensions == 0
    assert x.owner == "Ann"
    assert x.days_since_update == 14  # accepted on 1 Feb
    assert x.implemented_on is None and not x.overdue


def test_late_march_it_had_a_revised_target_a_new_owner_and_was_late_on_its_first_target(
    db: Database, known: dict[str, uuid.UUID]
) -> None:
    x = _stood(db, date(2025, 3, 25))["R-1"]
    assert x.status is Status.ACCEPTED
    assert x.effective_target == date(2025, 4, 1) and x.extensions == 1
    assert x.owner == "Bo"
    assert x.days_since_update == 5  # the update of 20 Mar
    assert x.lag_days == 0 and x.lag_vs_original_days == 24


def test_after_completion_as_at_and_as_now_agree(db: Database, known: dict[str, uuid.UUID]) -> None:
    on = date(2025, 4, 30)
    with db.reading() as s:
        now = [x for x in recommendation_lags(session=s, as_of=on) if x.reference == "R-1"]
    assert _stood(db, on)["R-1"] == now[0]
    assert now[0].implemented_on == date(2025, 4, 10) and now[0].lag_days == 9


def test_the_stalled_queue_and_team_figures_as_at_a_past_date(
    db: Database, known: dict[str, uuid.UUID]
) -> None:
    with db.reading() as s:
        # On 20 Mar 2025 R-1 was open and past its first target, not its revised one: not
        # overdue, and idle only since the owner change. Measured on today's records it would
        # have been implemented already.
        assert stalled_or_overdue(session=s, as_of=date(2025, 3, 20), as_things_stood=True) == []
        queue = stalled_or_overdue(session=s, as_of=date(2025, 4, 5), as_things_stood=True)
        assert [(x.reference, x.overdue) for x in queue] == [("R-1", True)]
        (whole,) = team_figures(session=s, as_of=date(2025, 4, 5), as_things_stood=True)
        assert (whole.total, whole.open, whole.implemented) == (1, 1, 0)


def test_the_command_line_as_of_shows_things_as_they_stood(
    db_path: Path, known: dict[str, uuid.UUID]
) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert (
        cli.main(["lag", "--db", str(db_path), "--as-of", "2025-02-15", "--format", "json"], out=out, err=err)
        == 0
    )
    (row,) = json.loads(out.getvalue())
    assert (row["reference"], row["status"], row["owner"]) == ("R-1", "accepted", "Ann")
    out = io.StringIO()
    assert (
        cli.main(["stalled", "--db", str(db_path), "--as-of", "2025-04-05", "--format", "json"], out=out) == 0
    )
    assert [r["reference"] for r in json.loads(out.getvalue())] == ["R-1"]


def test_the_review_pack_and_board_report_as_at_a_past_date(
    db_path: Path, tmp_path: Path, known: dict[str, uuid.UUID]
) -> None:
    def report(kind: str, as_of: str) -> str:
        out = tmp_path / f"{kind}-{as_of}.html"
        err = io.StringIO()
        argv = ["report", kind, "--db", str(db_path), "--as-of", as_of, "--out", str(out)]
        assert cli.main(argv, out=io.StringIO(), err=err) == 0, err.getvalue()
        return out.read_text(encoding="utf-8")

    # On 5 Apr 2025 R-1 was overdue on its revised target: the meeting then had it to decide on,
    # though it has been done since.
    assert "R-1: Carers card" in report("review", "2025-04-05")
    assert "R-1: Carers card" not in report("review", "2025-03-20")
    assert "Letters" not in report("lag", "2025-04-30")  # R-2 was raised on 1 May
    assert "Letters" in report("lag", "2025-05-02")


def test_a_report_whose_dates_are_the_wrong_way_round_is_one_sentence(
    db_path: Path, tmp_path: Path, known: dict[str, uuid.UUID]
) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "r.html"
    argv = [
        "report",
        "lag",
        "--db",
        str(db_path),
        "--from",
        "2025-05-01",
        "--to",
        "2025-01-01",
        "--out",
        str(target),
    ]
    assert cli.main(argv, out=out, err=err) == 2
    assert err.getvalue() == (
        "coprod: The report covers recommendations raised from 1 May 2025 to 1 January 2025, but the "
        "first date is after the second; swap them or change one.\n"
    )
    assert not target.exists()
