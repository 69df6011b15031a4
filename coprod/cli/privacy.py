"""`coprod participants`, `erase`, `sar`, `retention`: personal data under the council's control.

coprod participants add P-0042 --name "Jane Example" --contact jane@example.org
coprod participants consent P-0042 quote --how "form at session" --wording "..."
coprod participants withdraw P-0042 quote
coprod erase --participant P-0042
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TextIO, TypeVar

from coprod.cli.common import ExitCode, iso_date, parents
from coprod.i18n import tr

if TYPE_CHECKING:
    from sqlmodel import Session

    from coprod.cli.common import Subparsers
    from coprod.services.privacy.chain import ChainReport
    from coprod.services.privacy.participants import ParticipantRow

T = TypeVar("T")

EXIT_OK, EXIT_FAILED = ExitCode.OK, ExitCode.FAILED


def print_audit_chain(report: ChainReport | None, out: TextIO) -> None:
    """The audit-log lines of `coprod check`."""
    if report is None:
        return
    if report.broken is not None:
        b = report.broken
        print(tr(f"privacy.chain.broken.{b.reason}", seq=b.seq, event=b.event_id, at=b.at), file=out)
    for name in report.missing_triggers:
        print(tr("privacy.chain.trigger_missing", name=name), file=out)
    if report.ok:
        print(tr("privacy.chain.ok", count=f"{report.events:,}"), file=out)


def add_parsers(sub: Subparsers) -> None:
    from coprod.domain.privacy import ConsentUse, LawfulBasis

    common = parents()

    bases = [b.value for b in LawfulBasis]
    uses = [u.value for u in ConsentUse]
    people = sub.add_parser(
        "participants",
        parents=common,
        help="participants' identity and consent (kept apart from what they said)",
    )
    actions = people.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=common, help="a new participant (a code is made up if not given)")
    add.add_argument("code", metavar="CODE", nargs="?", default=None)
    add.add_argument("--name", default=None)
    add.add_argument("--contact", default=None, help="email, phone or address")
    add.add_argument(
        "--basis", choices=bases, default="public_task", help="lawful basis (default public_task)"
    )
    add.set_defaults(func=cmd_add)
    edit = actions.add_parser("edit", parents=common, help="change a participant's name, contact or basis")
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--name", default=None, help="'' clears it")
    edit.add_argument("--contact", default=None, help="'' clears it")
    edit.add_argument("--basis", choices=bases, default=None)
    edit.set_defaults(func=cmd_edit)
    find = actions.add_parser(
        "find", parents=common, help="participants whose code, name or contact contains TEXT"
    )
    find.add_argument("text", metavar="TEXT", nargs="?", default="")
    find.set_defaults(func=cmd_find)
    consent = actions.add_parser("consent", parents=common, help="record consent to one use")
    consent.add_argument("code", metavar="CODE")
    consent.add_argument("use", choices=uses)
    consent.add_argument("--how", required=True, help="how it was given, e.g. 'signed form at the session'")
    consent.add_argument("--wording", required=True, help="the words the person agreed to")
    consent.add_argument("--on", type=iso_date, default=None, metavar="YYYY-MM-DD", help="default today")
    consent.set_defaults(func=cmd_consent)
    withdraw = actions.add_parser("withdraw", parents=common, help="withdraw consent to one use")
    withdraw.add_argument("code", metavar="CODE")
    withdraw.add_argument("use", choices=uses)
    withdraw.add_argument("--on", type=iso_date, default=None, metavar="YYYY-MM-DD", help="default today")
    withdraw.set_defaults(func=cmd_withdraw)

    erase = sub.add_parser(
        "erase", parents=common, help="erase a participant's identity and the text of what they said"
    )
    erase.add_argument("--participant", required=True, metavar="CODE")
    erase.set_defaults(func=cmd_erase)

    sar = sub.add_parser(
        "sar", parents=common, help="subject access: everything held about a participant, as PDF or JSON"
    )
    sar.add_argument("--participant", required=True, metavar="CODE")
    sar.add_argument("--out", required=True, metavar="FILE.pdf|FILE.json")
    sar.set_defaults(func=cmd_sar)

    retention = sub.add_parser(
        "retention", parents=common, help="personal data past its retention date: list it, or anonymise it"
    )
    how = retention.add_mutually_exclusive_group(required=True)
    how.add_argument("--dry-run", action="store_true", help="list what is due now and in the next 30 days")
    how.add_argument("--apply", action="store_true", help="anonymise what is due now")
    retention.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD", help="default today")
    retention.set_defaults(func=cmd_retention)

    report = sub.add_parser(
        "privacy-report",
        parents=common,
        help="for the data protection lead: what personal data is held, consent, "
        "retention, erasures, requests",
    )
    report.add_argument("--out", required=True, metavar="FILE.html|FILE.pdf")
    report.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD", help="default today")
    report.set_defaults(func=cmd_privacy_report)


def _write(args: argparse.Namespace, work: Callable[[Session], T]) -> T:
    from coprod.persistence.database import open_database

    db = open_database(args.db, create=False)
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


def consent_text(row: ParticipantRow) -> str:
    from coprod.domain.privacy import ConsentUse
    from coprod.i18n import label

    parts = []
    for use in ConsentUse:
        c = row.consent(use)
        if c is None:
            continue
        key = "privacy.consent_active" if c.active else "privacy.consent_withdrawn"
        parts.append(tr(key, use=label(use), on=(c.given_on if c.active else c.withdrawn_on)))
    return "; ".join(parts) or tr("privacy.consent_none")


def cmd_find(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.i18n import label
    from coprod.persistence.database import open_database
    from coprod.services.privacy import participants as svc

    db = open_database(args.db, create=False)
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
            f"{consent_text(r)}\t{r.feedback_count}",
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
            print(tr("privacy.published_before", count=len(published)), file=out)
            for p in published:
                print(f"  {p.kind}  as of {p.as_of}  published {p.published_on}", file=out)
        else:
            print(tr("privacy.published_none"), file=out)
    return EXIT_OK


def cmd_erase(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.privacy.erasure import erase_participant

    db = open_database(args.db, create=False)
    try:
        result = erase_participant(db, args.participant)
    finally:
        db.close()
    print(tr("privacy.erased", code=result.code, count=result.feedback), file=out)
    if not result.backups:
        print(tr("privacy.erased_no_backups"), file=out)
        return EXIT_OK
    print(tr("privacy.erased_backups", count=len(result.backups)), file=out)
    for b in result.backups:
        taken = f"{b.taken:%Y-%m-%d}" if b.taken else "?"
        line = tr("privacy.erased_backup_line", name=b.path.name, taken=taken, expires=b.expires or "?")
        print(line, file=out)
    return EXIT_OK


def cmd_sar(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.privacy.subject_access import due_by, subject_access

    db = open_database(args.db, create=False)
    try:
        data = subject_access(db, args.participant, args.out)
    finally:
        db.close()
    print(
        tr(
            "privacy.sar_written",
            path=args.out,
            code=data["identity"]["code"],
            said=len(data["said"]),
            events=len(data["audit_events"]),
            due=due_by(date.today()),
        ),
        file=out,
    )
    if data["to_check"]:
        print(tr("privacy.sar_to_check", count=len(data["to_check"])), file=out)
    return EXIT_OK


def cmd_retention(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.privacy import retention

    as_of = args.as_of or date.today()
    db = open_database(args.db, create=False)
    try:
        if args.apply:
            result = retention.apply(db, as_of=as_of)
        else:
            with db.reading() as session:
                result = retention.plan(session=session, as_of=as_of)
    finally:
        db.close()
    print(tr("retention.schedule", identity=result.identity_days, feedback=result.feedback_days), file=out)
    key = "retention.applied" if args.apply else "retention.due_now"
    print(tr(key, count=len(result.now), on=as_of), file=out)
    for item in result.now:
        print(f"  {item.kind:<8}  {item.due_on}  {item.label}", file=out)
    if not args.apply:
        print(tr("retention.due_soon", count=len(result.soon)), file=out)
        for item in result.soon:
            print(f"  {item.kind:<8}  {item.due_on}  {item.label}", file=out)
    return EXIT_OK


def cmd_privacy_report(args: argparse.Namespace, out: TextIO) -> int:
    from coprod.persistence.database import open_database
    from coprod.services.privacy.report import privacy_report

    db = open_database(args.db, create=False)
    try:
        privacy_report(db, args.out, as_of=args.as_of)
    finally:
        db.close()
    print(tr("privacy_report.written", path=args.out), file=out)
    return EXIT_OK
