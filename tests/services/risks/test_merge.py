"""Two officers' copies merged: risks, their history and links all arrive; a risk reference
both used is kept twice, the incoming one renamed and listed as a conflict."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from coprod.persistence.database import open_database
from coprod.services.data.interchange import export_interchange, merge_interchange
from coprod.services.recommendations import lifecycle as recs
from coprod.services.risks import register
from coprod.services.risks.view import list_risks
from tests.services.risks.helpers import add_risk

AS_OF = date(2026, 6, 1)


def test_merging_another_copy_brings_its_risks_and_keeps_clashing_references(tmp_path: Path) -> None:
    base = tmp_path / "base.db"
    db = open_database(base)
    with db.transaction() as s:
        rec = recs.create_recommendation(
            session=s, title="Recruit assessors", reference="R-0001", raised_on=date(2026, 1, 10)
        )
        shared = add_risk(s, "RSK-01")
        register.link_recommendations(session=s, risk_id=shared, recommendation_ids=[rec])
    db.close()
    theirs_path = tmp_path / "theirs.db"
    shutil.copy(base, theirs_path)

    mine = open_database(base)
    theirs = open_database(theirs_path)
    with theirs.transaction() as s:
        add_risk(s, "RSK-02", title="Their new risk")
        register.record_review(session=s, risk_id=shared, on=date(2026, 5, 1), likelihood=5, impact=4)
    with mine.transaction() as s:
        add_risk(s, "RSK-02", title="My new risk")
    export_interchange(theirs, tmp_path / "theirs.coprod.json")
    theirs.close()
    report = merge_interchange(mine, tmp_path / "theirs.coprod.json")
    with mine.reading() as s:
        rows = {r.reference: r for r in list_risks(session=s, as_of=AS_OF)}
    mine.close()
    assert {k: r.title for k, r in rows.items() if k.startswith("RSK-02")} == {
        "RSK-02": "My new risk",
        "RSK-02-2": "Their new risk",
    }
    assert [c.fields["reference"] for c in report.conflicts if c.table == "risk"] == [("RSK-02", "RSK-02-2")]
    assert [h.score for h in rows["RSK-01"].history] == [12, 20]
    assert [m.reference for m in rows["RSK-01"].mitigations] == ["R-0001"]
