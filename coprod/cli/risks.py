"""`coprod risks`: the risk register on the command line, with scores, trend and flags.

The table fits an 80-column terminal; CSV and JSON carry every score and flag, plus the
lag of late mitigating recommendations, for other tools.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, iso_date, open_to_read_or_change, parents
from coprod.domain.risk import TREND_ARROWS
from coprod.i18n import N_, label, ntr, tr
from coprod.i18n.dates import day

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers
    from coprod.persistence.database import Database
    from coprod.services.risks.view import RiskRow

FORMATS = ("table", "csv", "json")

JSON_KEYS = (
    "reference",
    "title",
    "category",
    "owner",
    "level",
    "status",
    "cause",
    "event",
    "effect",
    "inherent_likelihood",
    "inherent_impact",
    "inherent_score",
    "current_likelihood",
    "current_impact",
    "current_score",
    "current_band",
    "target_likelihood",
    "target_impact",
    "target_score",
    "previous_score",
    "trend",
    "next_review_on",
    "review_overdue",
    "above_target",
    "must_escalate",
    "mitigation_late",
    "mitigations",
    "late_mitigations",
)


def add_parsers(sub: Subparsers) -> None:
    # `coprod risks` reads, unless it is given new risk bands to save first.
    risks = sub.add_parser("risks", parents=parents(reading=True), help=tr("cli.help.risks"))
    risks.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=tr("cli.help.risks.as_of"),
    )
    risks.add_argument("--format", choices=FORMATS, default="table")
    rules = risks.add_argument_group("team rules (saved in the database, then the list is shown)")
    rules.add_argument("--amber-from", type=int, metavar="N", help=tr("cli.help.risks.amber_from"))
    rules.add_argument("--red-from", type=int, metavar="N", help=tr("cli.help.risks.red_from"))
    rules.add_argument(
        "--escalate-at",
        type=int,
        metavar="N",
        help=tr("cli.help.risks.escalate_at"),
    )
    risks.set_defaults(func=cmd_risks)


def as_json_row(row: RiskRow) -> dict[str, object]:
    """One risk as `coprod risks --format json` prints it: exactly JSON_KEYS."""
    return {
        "reference": row.reference,
        "title": row.title,
        "category": row.category.value,
        "owner": row.owner,
        "level": row.level.value,
        "status": row.status.value,
        "cause": row.cause,
        "event": row.event,
        "effect": row.effect,
        "inherent_likelihood": row.inherent[0],
        "inherent_impact": row.inherent[1],
        "inherent_score": row.inherent_score,
        "current_likelihood": row.current[0],
        "current_impact": row.current[1],
        "current_score": row.current_score,
        "current_band": row.current_band.value,
        "target_likelihood": row.target[0],
        "target_impact": row.target[1],
        "target_score": row.target_score,
        "previous_score": row.previous_score,
        "trend": row.trend.value,
        "next_review_on": row.next_review_on.isoformat() if row.next_review_on else None,
        "review_overdue": row.review_overdue,
        "above_target": row.above_target,
        "must_escalate": row.must_escalate,
        "mitigation_late": row.mitigation_late,
        "mitigations": [m.reference or m.title for m in row.mitigations],
        "late_mitigations": [
            {"reference": m.reference, "lag_days": m.lag_days, "days_since_update": m.days_since_update}
            for m in row.late_mitigations
        ],
    }


def cmd_risks(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.risks.view import list_risks

    as_of = args.as_of or date.today()
    new_rules = any(v is not None for v in (args.amber_from, args.red_from, args.escalate_at))
    db = open_to_read_or_change(
        args, change="risks --amber-from/--red-from/--escalate-at" if new_rules else None
    )
    try:
        if new_rules:
            _save_rules(db, args, out)
        with db.reading() as session:
            rows = list_risks(session=session, as_of=as_of)
    finally:
        db.close()
    _print(rows, args.format, out, as_of=as_of)
    return ExitCode.OK


def _save_rules(db: Database, args: argparse.Namespace, out: TextIO) -> None:
    from dataclasses import replace

    from coprod.services.risks.rules import get_risk_rules, set_risk_rules

    with db.transaction() as session:
        rules = get_risk_rules(session=session)
        changes = {
            "risk_amber_from": args.amber_from,
            "risk_red_from": args.red_from,
            "risk_escalate_at": args.escalate_at,
        }
        rules = replace(rules, **{k: v for k, v in changes.items() if v is not None})
        set_risk_rules(session=session, rules=rules)  # refuses overlapping bands: nothing saved
    print(
        tr(
            "risk.cli.rules_saved",
            amber=rules.risk_amber_from,
            red=rules.risk_red_from,
            escalate=rules.risk_escalate_at,
        ),
        file=out,
    )


def _cut(text: str | None, width: int) -> str:
    text = text or "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def _print(rows: Sequence[RiskRow], fmt: str, out: TextIO, *, as_of: date) -> None:
    if fmt == "json":
        json.dump([as_json_row(r) for r in rows], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(JSON_KEYS), lineterminator="\n")
        writer.writeheader()
        for r in rows:
            row = as_json_row(r)
            row["mitigations"] = "; ".join(m.reference or m.title for m in r.mitigations)
            row["late_mitigations"] = "; ".join(f"{m.reference} ({m.lag_days})" for m in r.late_mitigations)
            writer.writerow(row)
        return
    if not rows:
        print(tr("risk.cli.empty"), file=out)
        return
    print(ntr("cli.risks.heading", len(rows), day=day(as_of)), file=out)
    heads = [
        tr(k)
        for k in (
            N_("cli.col.ref"),
            N_("cli.col.risk"),
            N_("cli.col.level"),
            N_("cli.col.inh"),
            N_("cli.col.cur"),
            N_("cli.col.tgt"),
            N_("cli.col.tr"),
            N_("cli.col.flags"),
        )
    ]
    print("{:<7} {:<24} {:<11} {:>3} {:>7} {:>3} {:<2} {}".format(*heads), file=out)
    for r in rows:
        flags = [
            name
            for name, on in (
                (tr("cli.risks.flag.late"), r.mitigation_late),
                (tr("cli.risks.flag.escalate"), r.must_escalate),
                (tr("cli.risks.flag.review"), r.review_overdue),
            )
            if on
        ]
        current = f"{r.current_score} {r.current_band.value[0].upper()}"
        print(
            f"{_cut(r.reference, 7):<7} {_cut(r.title, 24):<24} {label(r.level):<11} {r.inherent_score:>3} "
            f"{current:>7} {r.target_score:>3} {TREND_ARROWS[r.trend]:<2} {','.join(flags) or '-'}",
            file=out,
        )
    print(tr("cli.risks.key"), file=out)


def wants_risks(args: argparse.Namespace) -> bool:
    """`coprod import` and `export`: a risk register when asked (`--kind risks`), or, on import,
    when the file's headings are a register's (Risk ID, Likelihood, Impact...)."""
    kind = getattr(args, "kind", None)
    if kind is not None or not getattr(args, "file", None):
        return kind == "risks"
    from coprod.services.data.importing.reader import read_table
    from coprod.services.data.importing.risks import looks_like_risk_register

    return looks_like_risk_register(read_table(args.file).headers)


def cmd_import_risks(args: argparse.Namespace, out: TextIO, db: Database) -> int:
    from coprod.services.data.importing.risks import import_register

    report = import_register(db, args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    for problem in report.problems:
        print(problem, file=out)
    if report.problems and not report.written and not (args.dry_run and args.skip_invalid):
        print(tr("cli.import.refused", bad=f"{report.rejected_rows:,}", rows=f"{report.rows:,}"), file=out)
        return ExitCode.FAILED
    done = report.created + report.updated
    counts = {"file": report.source.name, "new": f"{report.created:,}", "updated": f"{report.updated:,}"}
    print(
        ntr("cli.risks.would", done, **counts) if args.dry_run else ntr("cli.risks.done", done, **counts),
        file=out,
    )
    if report.rejects_file is not None:
        print(tr("cli.import.skipped", bad=f"{report.rejected_rows:,}", path=report.rejects_file), file=out)
    return ExitCode.OK


def cmd_export_risks(args: argparse.Namespace, out: TextIO, db: Database) -> int:
    from coprod.services.risks.export import export_register

    result = export_register(db, args.out)
    print(ntr("cli.risks.exported", result.rows, path=result.path), file=out)
    return ExitCode.OK
