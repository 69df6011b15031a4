"""Events brought in by a merge keep their origin, join this file's chain, and bring no values."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from sqlmodel import select

from coprod import cli
from coprod.domain.models import AuditEvent
from coprod.persistence.database import open_database
from coprod.services.data.interchange import export_interchange, merge_interchange
from coprod.services.engagement import capture as engagement

SECRET = "Words only the other copy ever held about Mrs Quartermaine"


def test_merged_events_keep_origin_join_the_chain_and_lose_old_values(tmp_path: Path) -> None:
    mine_path, theirs_path = tmp_path / "mine.db", tmp_path / "theirs.db"
    mine = open_database(mine_path)
    with mine.transaction() as s:
        engagement.create_owner(session=s, name="Carers Hub")
    mine.close()
    shutil.copy(mine_path, theirs_path)
    theirs = open_database(theirs_path)
    with theirs.transaction() as s:
        engagement.create_strategy(session=s, name="Young adults")
    out = tmp_path / "theirs.coprod.json"
    export_interchange(theirs, out)
    theirs.close()
    # A copy made by an older coprod kept [old, new] values in its log: those must not come in.
    document = json.loads(out.read_text(encoding="utf-8"))
    for row in document["tables"]["audit_event"]:
        if row["table_name"] == "strategy" and row["action"] == "create":
            row["changes"]["description"] = [None, SECRET]
    out.write_text(json.dumps(document), encoding="utf-8")

    mine = open_database(mine_path)
    merge_interchange(mine, out)
    with mine.reading() as s:
        merged = s.exec(select(AuditEvent).where(AuditEvent.table_name == "strategy")).all()
    mine.close()
    assert merged and all(e.merged_from == "theirs.coprod.json" for e in merged if e.action == "create")
    assert SECRET.encode() not in mine_path.read_bytes()
    outbuf = io.StringIO()
    assert cli.main(["check", "--db", str(mine_path)], out=outbuf, err=io.StringIO()) == 0, outbuf.getvalue()
    assert "chain intact" in outbuf.getvalue()
