"""`coprod privacy-report`: the facts a data protection impact assessment asks for.

What personal data is held (counts by kind and lawful basis), consents given and withdrawn,
retention due, erasures and subject access requests made, and the audit chain verified as the
report is made. Counts only: the report names no one.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Executable, func
from sqlmodel import Session, col, select

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.models import ERASED_TEXT, AuditEvent, Consent, Erasure, Feedback, Participant
from coprod.domain.privacy import ConsentUse, LawfulBasis
from coprod.domain.types import utcnow
from coprod.i18n import label, ntr, tr
from coprod.i18n.dates import long_day
from coprod.persistence.audit import record
from coprod.persistence.database import Database
from coprod.services.privacy import retention
from coprod.services.privacy.chain import verify_chain


@dataclass(slots=True)
class PrivacyFacts:
    made_at: str
    as_of: date
    held: list[tuple[str, int]] = field(default_factory=list)  # (what, how many)
    by_basis: list[tuple[str, int]] = field(default_factory=list)
    consents: list[tuple[str, int, int]] = field(default_factory=list)  # (use, in force, withdrawn)
    retention: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, due now, next 30 days)
    erasures: list[tuple[str, int]] = field(default_factory=list)  # (month, how many)
    requests: list[tuple[str, int]] = field(default_factory=list)  # (month, how many)
    chain: str = ""


def gather(*, session: Session, as_of: date) -> PrivacyFacts:
    facts = PrivacyFacts(utcnow().strftime("%Y-%m-%d %H:%M UTC"), as_of)
    live = col(Participant.deleted_at).is_(None)

    def count(query: Executable) -> int:
        return int(session.execute(query).scalar_one())

    people = select(func.count()).select_from(Participant).where(live)
    facts.held = [
        (tr("privacy_report.participants"), count(people)),
        (tr("privacy_report.with_name"), count(people.where(col(Participant.name).is_not(None)))),
        (tr("privacy_report.with_contact"), count(people.where(col(Participant.contact).is_not(None)))),
        (
            tr("privacy_report.feedback_text"),
            count(
                select(func.count())
                .select_from(Feedback)
                .where(
                    col(Feedback.deleted_at).is_(None),
                    col(Feedback.text) != ERASED_TEXT,
                    col(Feedback.text).not_like(retention.ANONYMISED + "%"),
                )
            ),
        ),
        (
            tr("privacy_report.feedback_named"),
            count(
                select(func.count())
                .select_from(Feedback)
                .where(
                    col(Feedback.deleted_at).is_(None),
                    col(Feedback.participant_id).is_not(None),
                    col(Feedback.text) != ERASED_TEXT,
                )
            ),
        ),
    ]
    bases = dict(
        session.execute(
            select(Participant.lawful_basis, func.count()).where(live).group_by(Participant.lawful_basis)
        ).all()
    )
    facts.by_basis = [(label(b), int(bases.get(b, 0))) for b in LawfulBasis]
    for use in ConsentUse:
        mine = (
            select(func.count())
            .select_from(Consent)
            .where(Consent.use == use, col(Consent.deleted_at).is_(None))
        )
        facts.consents.append(
            (
                label(use),
                count(mine.where(col(Consent.withdrawn_on).is_(None))),
                count(mine.where(col(Consent.withdrawn_on).is_not(None))),
            )
        )
    due = retention.plan(session=session, as_of=as_of)
    for kind in ("identity", "feedback"):
        facts.retention.append(
            (
                tr(retention.KIND_WORDS[kind]),
                sum(d.kind == kind for d in due.now),
                sum(d.kind == kind for d in due.soon),
            )
        )
    months: dict[str, int] = {}
    for (on,) in session.execute(select(col(Erasure.erased_on))):
        months[f"{on:%Y-%m}"] = months.get(f"{on:%Y-%m}", 0) + 1
    facts.erasures = sorted(months.items())
    months = {}
    requests = select(AuditEvent.at).where(AuditEvent.action == AuditAction.SUBJECT_ACCESS)
    for (at,) in session.execute(requests):
        months[f"{at:%Y-%m}"] = months.get(f"{at:%Y-%m}", 0) + 1
    facts.requests = sorted(months.items())
    chain = verify_chain(session.connection())
    if chain.ok:
        facts.chain = ntr("privacy_report.chain_ok", chain.events, when=facts.made_at)
    else:
        facts.chain = tr("privacy_report.chain_broken", when=facts.made_at)
    return facts


def _table(caption: str, headings: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings)
    none = tr("sar.none")
    body = (
        "".join(
            "<tr>"
            + f'<th scope="row">{html.escape(str(r[0]))}</th>'
            + "".join(f"<td>{html.escape(str(v))}</td>" for v in r[1:])
            + "</tr>"
            for r in rows
        )
        or f'<tr><td colspan="{len(headings)}">{html.escape(none)}</td></tr>'
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def sections(f: PrivacyFacts) -> list[tuple[str, tuple[str, ...], list[tuple[object, ...]]]]:
    n = tr("privacy_report.h_count")
    return [
        (tr("privacy_report.s_held"), (tr("privacy_report.h_what"), n), list(f.held)),
        (tr("privacy_report.s_basis"), (tr("privacy_report.h_basis"), n), list(f.by_basis)),
        (
            tr("privacy_report.s_consent"),
            (tr("privacy_report.h_use"), tr("privacy_report.h_in_force"), tr("privacy_report.h_withdrawn")),
            list(f.consents),
        ),
        (
            tr("privacy_report.s_retention"),
            (tr("privacy_report.h_what"), tr("privacy_report.h_due_now"), tr("privacy_report.h_due_soon")),
            list(f.retention),
        ),
        (tr("privacy_report.s_erasures"), (tr("privacy_report.h_month"), n), list(f.erasures)),
        (tr("privacy_report.s_requests"), (tr("privacy_report.h_month"), n), list(f.requests)),
    ]


def render_html(f: PrivacyFacts) -> str:
    title = tr("privacy_report.title")
    made = tr("privacy_report.made", when=f.made_at, as_of=long_day(f.as_of))
    chain_heading = tr("privacy_report.s_chain")
    parts = [
        f"<h2>{html.escape(caption)}</h2>{_table(caption, heads, rows)}"
        for caption, heads, rows in sections(f)
    ]
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; max-width: 50rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
table {{ border-collapse: collapse; margin: 0 0 1.5rem; width: 100%; }}
caption {{ text-align: left; font-weight: bold; padding: 0.25rem 0; }}
th, td {{ border: 1px solid #555; padding: 0.3rem 0.6rem; text-align: left; }}
td {{ text-align: right; }}
</style></head>
<body><main>
<h1>{html.escape(title)}</h1>
<p>{html.escape(made)}</p>
<h2>{html.escape(chain_heading)}</h2>
<p>{html.escape(f.chain)}</p>
{"".join(parts)}
</main></body></html>
"""


def render_pdf(f: PrivacyFacts, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from coprod.services.reports.fonts import register_fonts
    from coprod.services.reports.pdf_text import TextBlock

    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=4)
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4, keepWithNext=1
    )
    title = ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=6)
    story: list[object] = [
        TextBlock(tr("privacy_report.title"), title),
        TextBlock(tr("privacy_report.made", when=f.made_at, as_of=long_day(f.as_of)), body),
        TextBlock(tr("privacy_report.s_chain"), head),
        TextBlock(f.chain, body),
    ]
    for caption, heads, rows in sections(f):
        story.append(TextBlock(caption, head))
        data = [list(heads), *([[str(v) for v in r] for r in rows] or [[tr("sar.none")]])]
        table = Table(data, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), regular, 10),
                    ("FONT", (0, 0), (-1, 0), bold, 10),
                    ("GRID", (0, 0), (-1, -1), 0.5, "#555555"),
                ]
            )
        )
        story.append(table)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=tr("privacy_report.title"),
        lang="en-GB",
    )
    doc.build(story)


def privacy_report(db: Database, out: str | Path, *, as_of: date | None = None) -> PrivacyFacts:
    """Write the report (.html or .pdf, by its name) and log that it was made."""
    path = Path(out)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("html", "pdf"):
        raise CoprodError("privacy_report.kind", path=str(path))
    with db.reading() as session:
        facts = gather(session=session, as_of=as_of or date.today())
    partial = path.with_name(path.name + ".partial")
    try:
        if kind == "html":
            partial.write_text(render_html(facts), encoding="utf-8")
        else:
            render_pdf(facts, partial)
        with db.transaction() as session:
            record(
                session,
                AuditAction.EXPORT,
                table_name="*",
                changes={"scope": "privacy report", "file": path.name, "format": kind},
            )
            session.flush()
            partial.replace(path)
    except OSError as exc:
        raise CoprodError("export.cannot_write", path=str(path), reason=exc.strerror or str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return facts
