"""`coprod lag` and `coprod stalled`: the lag engine on the command line.

Tables fit an 80-column terminal; CSV and JSON carry every figure for other tools.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO

from coprod.cli.common import ExitCode, iso_date, open_to_read, parents
from coprod.domain.figures import GroupFigures, as_json_group
from coprod.domain.lag import JSON_KEYS, RecommendationLag, as_json_row, json_text
from coprod.i18n import N_, label, ntr, tr
from coprod.i18n.dates import day

if TYPE_CHECKING:
    from coprod.cli.common import Subparsers

FORMATS = ("table", "csv", "json")


def _heads(*keys: str) -> list[str]:
    """A table's column headings, in words."""
    return [tr(key) for key in keys]


def add_parsers(sub: Subparsers) -> None:
    lag = sub.add_parser("lag", parents=parents(reading=True), help=tr("cli.help.lag"))
    lag.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=tr("cli.help.lag.as_of"),
    )
    lag.add_argument(
        "--by",
        choices=("strategy", "owner", "session", "cqc"),
        help=tr("cli.help.lag.by"),
    )
    lag.add_argument("--format", choices=FORMATS, default="table")
    lag.set_defaults(func=cmd_lag)

    stalled = sub.add_parser("stalled", parents=parents(reading=True), help=tr("cli.help.stalled"))
    stalled.add_argument(
        "--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD", help=tr("cli.help.lag.as_of")
    )
    stalled.add_argument("--format", choices=FORMATS, default="table")
    stalled.set_defaults(func=cmd_stalled)


def cmd_lag(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.figures.lag import recommendation_lags, team_figures

    as_of = args.as_of or date.today()
    past = args.as_of is not None  # as things stood then, not today's records measured then
    db = open_to_read(args)
    try:
        with db.reading_rows() as session:
            if args.by:
                groups = team_figures(session=session, as_of=as_of, by=args.by, as_things_stood=past)
            else:
                lags = sorted(
                    recommendation_lags(session=session, as_of=as_of, as_things_stood=past),
                    key=lambda x: (x.reference or "~", x.title),
                )
    finally:
        db.close()
    if args.by:
        _print_groups(groups, args.format, out, as_of=as_of, by=args.by)
    else:
        _print_lags(lags, args.format, out, as_of=as_of, stalled_view=False)
    return ExitCode.OK


def cmd_stalled(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.figures.lag import stalled_or_overdue

    as_of = args.as_of or date.today()
    db = open_to_read(args)
    try:
        with db.reading_rows() as session:
            lags = stalled_or_overdue(session=session, as_of=as_of, as_things_stood=args.as_of is not None)
    finally:
        db.close()
    _print_lags(lags, args.format, out, as_of=as_of, stalled_view=True)
    return ExitCode.OK


def _cut(text: str | None, width: int) -> str:
    text = text or "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if isinstance(value, float) else str(value)


def _print_lags(
    lags: Sequence[RecommendationLag], fmt: str, out: TextIO, *, as_of: date, stalled_view: bool
) -> None:
    if fmt == "json":
        out.write(json_text(lags))  # one write: json.dump makes one a token, a million unbuffered
        return
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(JSON_KEYS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(as_json_row(x) for x in lags)
        return
    if stalled_view:
        print(tr("cli.lag.stalled_heading", count=f"{len(lags):,}", day=day(as_of)), file=out)
        heads = _heads(
            N_("cli.col.ref"),
            N_("cli.col.title"),
            N_("cli.col.owner"),
            N_("cli.col.strategy"),
            N_("cli.col.idle"),
            N_("cli.col.lag"),
        )
        print("{:<7} {:<20} {:<18} {:<16} {:>5} {:>5}".format(*heads), file=out)
        for x in lags:
            print(
                f"{_cut(x.reference, 7):<7} {_cut(x.title, 20):<20} {_cut(x.owner, 18):<18} "
                f"{_cut(x.strategy, 16):<16} {_num(x.days_since_update):>5} {_num(x.lag_days):>5}",
                file=out,
            )
        return
    print(ntr("cli.lag.heading", len(lags), day=day(as_of)), file=out)
    print(
        "{:<7} {:<22} {:<12} {:<9} {:<10} {:>5} {:>5}".format(
            *_heads(
                N_("cli.col.ref"),
                N_("cli.col.title"),
                N_("cli.col.status"),
                N_("cli.col.rag"),
                N_("cli.col.target"),
                N_("cli.col.lag"),
                N_("cli.col.idle"),
            )
        ),
        file=out,
    )
    for x in lags:
        target = x.effective_target.isoformat() + ("*" if x.revised_target_date else "")
        print(
            f"{_cut(x.reference, 7):<7} {_cut(x.title, 22):<22} {_cut(label(x.status), 12):<12} "
            f"{label(x.rag):<9} {target:<10} {_num(x.lag_days):>5} {_num(x.days_since_update):>5}",
            file=out,
        )
    if any(x.revised_target_date for x in lags):
        print(tr("cli.lag.revised"), file=out)


def _print_groups(groups: Sequence[GroupFigures], fmt: str, out: TextIO, *, as_of: date, by: str) -> None:
    rows = [as_json_group(g) for g in groups]
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if fmt == "csv":
        flat = [
            {
                **{k: v for k, v in r.items() if k != "by_status"},
                **{f"status_{s.value}": n for s, n in g.by_status.items()},
            }
            for g, r in zip(groups, rows, strict=True)
        ]
        writer = csv.DictWriter(out, fieldnames=list(flat[0]) if flat else ["key"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return
    print(tr("cli.lag.groups_heading", by=by, day=day(as_of)), file=out)
    print(
        "{:<22} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>5} {:>6}".format(
            *_heads(
                N_("cli.col.group"),
                N_("cli.col.total"),
                N_("cli.col.open"),
                N_("cli.col.done"),
                N_("cli.col.on_time"),
                N_("cli.col.overdue"),
                N_("cli.col.mean_lag"),
                N_("cli.col.stall"),
                N_("cli.col.km"),
            )
        ),
        file=out,
    )
    for g in groups:
        print(
            f"{_cut(g.name, 22):<22} {g.total:>5} {g.open:>5} {g.implemented:>5} "
            f"{_num(g.pct_on_time_original):>7} {g.overdue:>7} {_num(g.mean_overdue_lag):>7} "
            f"{g.stalled:>5} {_num(g.km.median):>6}",
            file=out,
        )
    print(tr("cli.lag.key_on_time"), file=out)
    print(tr("cli.lag.key_km"), file=out)
