"""`coprod participants`, `erase`, `sar`, `retention`: personal data under the council's control.

coprod participants add P-0042 --name "Jane Example" --contact jane@example.org
coprod participants consent P-0042 quote --how "form at session" --wording "..."
coprod participants withdraw P-0042 quote
coprod erase --participant P-0042
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO, TypeVar

from coprod.cli.common import ExitCode, iso_date, open_to_read, open_to_read_or_change, open_to_write, parents
from coprod.i18n import N_, ntr, report_name, tr
from coprod.i18n.dates import day, long_day

if TYPE_CHECKING:
    from sqlmodel import Session

    from coprod.cli.common import Subparsers
    from coprod.services.privacy.chain import ChainReport
    from coprod.services.privacy.retention import Due

T = TypeVar("T")

EXIT_OK, EXIT_FAILED = ExitCode.OK, ExitCode.FAILED

# Why the audit log's chain is broken, in words (ChainReport.broken.reason -> catalogue id).
CHAIN_BROKEN = {
    "unchained": N_("privacy.chain.broken.unchained"),
    "out_of_place": N_("privacy.chain.broken.out_of_place"),
    "link": N_("privacy.chain.broken.link"),
    "altered": N_("privacy.chain.broken.altered"),
}


def print_audit_chain(report: ChainReport | None, out: TextIO) -> None:
    """The audit-log lines of `coprod check`."""
    if report is None:
        return
    if report.broken is not None:
        b = report.broken
        print(tr(CHAIN_BROKEN[b.reason], seq=b.seq, event=b.event_id, at=b.at), file=out)
    for name in report.missing_triggers:
        print(tr("privacy.chain.trigger_missing", name=name), file=out)
    if report.ok:
        print(ntr("privacy.chain.ok", report.events), file=out)


def add_parsers(sub: Subparsers) -> None:
    from coprod.domain.privacy import ConsentUse, LawfulBasis

    common = parents()
    today = tr("cli.help.privacy.default_today")

    bases = [b.value for b in LawfulBasis]
    uses = [u.value for u in ConsentUse]
    people = sub.add_parser("participants", parents=common, help=tr("cli.help.participants"))
    actions = people.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=common, help=tr("cli.help.participants.add"))
    add.add_argument("code", metavar="CODE", nargs="?", default=None)
    add.add_argument("--name", default=None)
    add.add_argument("--contact", default=None, help=tr("cli.help.participants.contact"))
    add.add_argument("--basis", choices=bases, default="public_task", help=tr("cli.help.participants.basis"))
    add.set_defaults(func=cmd_add)
    edit = actions.add_parser("edit", parents=common, help=tr("cli.help.participants.edit"))
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--name", default=None, help=tr("cli.help.participants.clears"))
    edit.add_argument("--contact", default=None, help=tr("cli.help.participants.clears"))
    edit.add_argument("--basis", choices=bases, default=None)
    edit.set_defaults(func=cmd_edit)
    find = actions.add_parser("find", parents=parents(reading=True), help=tr("cli.help.participants.find"))
    find.add_argument("text", metavar="TEXT", nargs="?", default="")
    find.set_defaults(func=cmd_find)
    consent = actions.add_parser("consent", parents=common, help=tr("cli.help.participants.consent"))
    consent.add_argument("code", metavar="CODE")
    consent.add_argument("use", choices=uses)
    consent.add_argument("--how", required=True, help=tr("cli.help.participants.how"))
    consent.add_argument("--wording", required=True, help=tr("cli.help.participants.wording"))
    consent.add_argument("--on", type=iso_date, default=None, metavar="YYYY-MM-DD", help=today)
    consent.set_defaults(func=cmd_consent)
    withdraw = actions.add_parser("withdraw", parents=common, help=tr("cli.help.participants.withdraw"))
    withdraw.add_argument("code", metavar="CODE")
    withdraw.add_argument("use", choices=uses)
    withdraw.add_argument("--on", type=iso_date, default=None, metavar="YYYY-MM-DD", help=today)
    withdraw.set_defaults(func=cmd_withdraw)

    erase = sub.add_parser("erase", parents=common, help=tr("cli.help.erase"))
    erase.add_argument("--participant", required=True, metavar="CODE")
    erase.set_defaults(func=cmd_erase)

    sar = sub.add_parser("sar", parents=common, help=tr("cli.help.sar"))
    sar.add_argument("--participant", required=True, metavar="CODE")
    sar.add_argument("--out", required=True, metavar="FILE.pdf|FILE.json")
    sar.set_defaults(func=cmd_sar)

    retention = sub.add_parser("retention", parents=parents(reading=True), help=tr("cli.help.retention"))
    how = retention.add_mutually_exclusive_group(required=True)
    how.add_argument("--dry-run", action="store_true", help=tr("cli.help.retention.dry_run"))
    how.add_argument("--apply", action="store_true", help=tr("cli.help.retention.apply"))
    retention.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD", help=today)
    retention.set_defaults(func=cmd_retention)

    report = sub.add_parser("privacy-report", parents=common, help=tr("cli.help.privacy_report"))
    report.add_argument("--out", required=True, metavar="FILE.html|FILE.pdf")
    report.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD", help=today)
    report.set_defaults(func=cmd_privacy_report)


def _write(args: argparse.Namespace, work: Callable[[Session], T]) -> T:
    db = open_to_write(args)
    try:
        with db.transaction() as session:
            return work(session)
    finally:
        db.close()


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.domain.privacy import LawfulBasis
    from coprod.services.privacy import participants as svc

    basis = LawfulBasis(args.basis)
    code = _write(
        args,
        lambda s: svc.add_participant(
            session=s, code=args.code, name=args.name, contact=args.contact, lawful_basis=basis
        ),
    )
    print(tr("privacy.added", code=code), file=out)
    return EXIT_OK


def cmd_edit(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.domain.privacy import LawfulBasis
    from coprod.services.privacy import participants as svc

    given = {k: getattr(args, k) for k in ("name", "contact") if getattr(args, k) is not None}
    basis = LawfulBasis(args.basis) if args.basis else None
    _write(args, lambda s: svc.edit_participant(session=s, code=args.code, lawful_basis=basis, **given))
    print(tr("privacy.edited", code=svc.normal_code(args.code)), file=out)
    return EXIT_OK


def cmd_find(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.i18n import label
    from coprod.services.privacy import participants as svc

    db = open_to_read(args)
    try:
        with db.reading() as session:
            rows = svc.find_participants(session=session, search=args.text)
    finally:
        db.close()
    if not rows:
        print(tr("privacy.none_found"), file=out)
        return EXIT_FAILED
    for r in rows:
        print(
            f"{r.code}\t{r.name or ''}\t{r.contact or ''}\t{label(r.lawful_basis)}\t"
            f"{svc.consent_text(r)}\t{r.feedback_count}",
            file=out,
        )
    return EXIT_OK


def cmd_consent(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.domain.privacy import ConsentUse
    from coprod.i18n import label
    from coprod.services.privacy import participants as svc

    use, on = ConsentUse(args.use), args.on or date.today()
    _write(
        args,
        lambda s: svc.give_consent(
            session=s, code=args.code, use=use, given_on=on, method=args.how, wording=args.wording
        ),
    )
    print(tr("privacy.consent_given", code=svc.normal_code(args.code), use=label(use), on=on), file=out)
    return EXIT_OK


def cmd_withdraw(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.domain.privacy import ConsentUse
    from coprod.i18n import label
    from coprod.services.privacy import participants as svc

    use, on = ConsentUse(args.use), args.on or date.today()
    published = _write(args, lambda s: svc.withdraw_consent(session=s, code=args.code, use=use, on=on))
    print(tr("privacy.withdrawn", code=svc.normal_code(args.code), use=label(use), on=on), file=out)
    if use == ConsentUse.QUOTE:
        print(tr("privacy.withdrawn_quotes_out"), file=out)
        if published:
            print(tr("privacy.published_before", count=f"{len(published):,}"), file=out)
            for p in published:
                line = tr(
                    "cli.privacy.published_line", kind=report_name(p.kind), as_of=p.as_of, on=p.published_on
                )
                print(f"  {line}", file=out)
        else:
            print(tr("privacy.published_none"), file=out)
    return EXIT_OK


def cmd_erase(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.privacy.erasure import erase_participant

    db = open_to_write(args)
    try:
        result = erase_participant(db, args.participant)
    finally:
        db.close()
    if result.already_on is not None:
        print(tr("privacy.erased_again", code=result.code, on=long_day(result.already_on)), file=out)
    else:
        print(ntr("privacy.erased", result.feedback, code=result.code), file=out)
    if result.on_server:
        if result.copies_left:
            print(tr("privacy.erased_copies_left"), file=out)
        print(tr("privacy.erased_server_backups"), file=out)
        return EXIT_OK
    if not result.backups:
        print(tr("privacy.erased_no_backups"), file=out)
        return EXIT_OK
    print(ntr("privacy.erased_backups", len(result.backups)), file=out)
    for b in result.backups:
        line = tr(
            "privacy.erased_backup_line", name=b.path.name, taken=b.taken or "?", expires=b.expires or "?"
        )
        print(line, file=out)
    return EXIT_OK


def cmd_sar(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.privacy.subject_access import subject_access, written

    db = open_to_write(args)
    try:
        data = subject_access(db, args.participant, args.out)
    finally:
        db.close()
    print("\n".join(written(data, args.out, date.today())), file=out)
    return EXIT_OK


def cmd_retention(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.privacy import retention

    as_of = args.as_of or date.today()
    db = open_to_read_or_change(args, change="retention --apply" if args.apply else None)
    try:
        if args.apply:
            result = retention.apply(db, as_of=as_of)
        else:
            with db.reading() as session:
                result = retention.plan(session=session, as_of=as_of)
    finally:
        db.close()
    print(
        tr("retention.schedule", identity=f"{result.identity_days:,}", feedback=f"{result.feedback_days:,}"),
        file=out,
    )
    key = N_("retention.applied") if args.apply else N_("retention.due_now")
    print(ntr(key, len(result.now), on=as_of), file=out)
    for line in _due_lines(result.now):
        print(line, file=out)
    if not args.apply:
        print(ntr("retention.due_soon", len(result.soon)), file=out)
        for line in _due_lines(result.soon):
            print(line, file=out)
    return EXIT_OK


def _due_lines(items: Sequence[Due]) -> list[str]:
    """One line an item, in columns: what is due ("Identity"), when, and whose or which."""
    from coprod.services.privacy.retention import KIND_WORDS

    kinds = {kind: tr(key) for kind, key in KIND_WORDS.items()}
    days = [day(item.due_on) for item in items]
    kind_width, day_width = max(map(len, kinds.values())), max(map(len, days), default=0)
    return [
        f"  {kinds[item.kind]:<{kind_width}}  {due:<{day_width}}  {item.label}"
        for item, due in zip(items, days, strict=True)
    ]


def cmd_privacy_report(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.services.privacy.report import privacy_report

    db = open_to_write(args)
    try:
        privacy_report(db, args.out, as_of=args.as_of)
    finally:
        db.close()
    print(tr("privacy_report.written", path=args.out), file=out)
    return EXIT_OK
