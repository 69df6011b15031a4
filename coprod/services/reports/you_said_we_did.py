"""The "You said, we did" report for residents: what we asked, what you said, what we did.

Grouped by theme; each recommendation says in plain words what people said (with a few
quotes, only from people who consented), what the council did (the public updates), where
it is now and what happens next. The easy read variant says the same in short sentences,
one point per block.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlmodel import Session

from coprod.domain.enums import Adjustment, Status
from coprod.i18n import label, tr
from coprod.persistence.repositories.settings import get_organisation
from coprod.services.reports.content import (
    Bullets,
    Entry,
    Facts,
    Para,
    Part,
    Quote,
    Report,
    Section,
    Table,
    long_date,
)
from coprod.services.reports.scope import RecRow, Scope, ScopeData, load
from coprod.services.tasks import TaskState

# Done first: residents look for what changed.
_ORDER = [
    Status.IMPLEMENTED,
    Status.IN_PROGRESS,
    Status.ACCEPTED,
    Status.PROPOSED,
    Status.ON_HOLD,
    Status.NOT_TAKEN_FORWARD,
]


def build(
    *, session: Session, scope: Scope, as_of: date, easy_read: bool = False, state: TaskState | None = None
) -> Report:
    data = load(session=session, scope=scope, as_of=as_of)
    org = get_organisation(session=session)
    council = org.council_name or tr("report.your_council")
    report = Report.start(
        kind="you-said-we-did",
        title=tr("yswd.title"),
        subtitle=_subtitle(data, scope, as_of),
        subject=tr("yswd.subject", council=council),
        organisation=org,
        as_of=as_of,
        scope=scope.as_dict(),
        easy_read=easy_read,
    )
    report.sections.append(_about(data, council, as_of, easy_read))
    report.sections.append(_asked(data, easy_read))
    report.sections.append(_took_part(data, easy_read))
    report.sections.extend(_themes(data, as_of, easy_read, state))
    report.sections.append(_contact(org.contact, easy_read))
    return report


def _subtitle(data: ScopeData, scope: Scope, as_of: date) -> str:
    if data.session_title:
        what = data.session_title
    elif data.strategy_name:
        what = data.strategy_name
    else:
        what = tr("yswd.scope_all")
    if scope.date_from or scope.date_to:
        what = tr(
            "yswd.scope_dates",
            what=what,
            start=long_date(scope.date_from) or "…",
            end=long_date(scope.date_to) or long_date(as_of),
        )
    return tr("yswd.subtitle", what=what, as_of=long_date(as_of))


def _about(data: ScopeData, council: str, as_of: date, easy: bool) -> Section:
    counts = Counter(r.status for r in data.recs)
    done = counts[Status.IMPLEMENTED]
    doing = counts[Status.IN_PROGRESS] + counts[Status.ACCEPTED]
    deciding = counts[Status.PROPOSED] + counts[Status.ON_HOLD]
    nope = counts[Status.NOT_TAKEN_FORWARD]
    if easy:
        blocks = [
            Para(tr("yswd.easy.about", council=council), lead=True),
            Para(tr("yswd.easy.counts", done=done, doing=doing)),
            Para(tr("yswd.easy.not_done", count=nope + deciding)),
        ]
    else:
        blocks = [
            Para(tr("yswd.about", council=council, count=len(data.recs), as_of=long_date(as_of)), lead=True),
            Facts(
                [
                    (tr("yswd.count.done"), str(done)),
                    (tr("yswd.count.doing"), str(doing)),
                    (tr("yswd.count.deciding"), str(deciding)),
                    (tr("yswd.count.not_taken"), str(nope)),
                ]
            ),
        ]
    return Section("about", tr("yswd.section.about"), blocks)


def _asked(data: ScopeData, easy: bool) -> Section:
    if not data.sessions:
        return Section("asked", tr("yswd.section.asked"), [Para(tr("yswd.no_sessions"))])
    if easy:
        first, last = data.sessions[0].held_on, data.sessions[-1].held_on
        return Section(
            "asked",
            tr("yswd.section.asked"),
            [
                Para(
                    tr(
                        "yswd.easy.asked",
                        count=len(data.sessions),
                        start=f"{first:%B %Y}",
                        end=f"{last:%B %Y}",
                    )
                )
            ],
        )
    if len(data.sessions) <= 3:
        items = [
            tr("yswd.session_line", title=s.title, when=long_date(s.held_on), format=label(s.format))
            for s in data.sessions
        ]
        return Section("asked", tr("yswd.section.asked"), [Para(tr("yswd.asked_intro")), Bullets(items)])
    rows = [
        [s.title, long_date(s.held_on), label(s.format), f"{s.participant_count:,}"] for s in data.sessions
    ]
    table = Table(
        tr("yswd.sessions_caption", count=len(rows)),
        [tr("yswd.col.session"), tr("yswd.col.when"), tr("yswd.col.format"), tr("yswd.col.people")],
        rows,
        numeric=frozenset({3}),
        widths=(4.4, 3.2, 1.9, 1.2),
    )
    return Section("asked", tr("yswd.section.asked"), [Para(tr("yswd.asked_intro")), table])


def _took_part(data: ScopeData, easy: bool) -> Section:
    people = sum(s.participant_count for s in data.sessions)
    groups = Counter(g for s in data.sessions for g in s.groups_reached)
    adjustments = Counter(a for s in data.sessions for a in s.adjustments if a != Adjustment.OTHER.value)
    blocks: list = [
        Para(
            tr(
                "yswd.people" if len(data.sessions) != 1 else "yswd.people_one",
                count=f"{people:,}",
                sessions=len(data.sessions),
            )
        )
    ]
    if groups:
        blocks.append(Para(tr("yswd.groups_intro")))
        blocks.append(Bullets([g for g, _ in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))][:12]))
    if adjustments:
        blocks.append(Para(tr("yswd.adjustments_intro")))
        blocks.append(Bullets([_adjustment(a) for a, _ in adjustments.most_common()]))
    if not easy:
        blocks.append(Para(tr("yswd.no_names")))
    return Section("took-part", tr("yswd.section.took_part"), blocks)


def _adjustment(code: str) -> str:
    try:
        return label(Adjustment(code))
    except ValueError:
        return code


def _themes(data: ScopeData, as_of: date, easy: bool, state: TaskState | None) -> list[Section]:
    groups: dict[str, list[RecRow]] = defaultdict(list)
    for r in data.recs:
        groups[r.main_theme or tr("yswd.theme_other")].append(r)
    sections = []
    done, total = 0, len(data.recs)
    for theme in sorted(groups):
        rows = sorted(groups[theme], key=lambda r: (_ORDER.index(r.status), r.title, r.key))
        entries: list = []
        for r in rows:
            entries.append(_easy_entry(r, as_of) if easy else _entry(r, as_of))
            done += 1
            if state is not None and done % 100 == 0:
                state.check()
                state.set_progress(done, total)
        sections.append(Section(f"theme-{theme.lower()}", tr("yswd.theme_heading", theme=theme), entries))
    if not sections:
        sections.append(Section("nothing", tr("yswd.section.nothing"), [Para(tr("yswd.nothing"))]))
    return sections


def status_words(r: RecRow) -> tuple[str, str]:
    """(short status, full sentence) in plain words."""
    short = tr(f"yswd.status.{r.status.value}")
    if r.status is Status.IMPLEMENTED:
        sentence = (
            tr("yswd.now.done_on", when=long_date(r.implemented_on))
            if r.implemented_on
            else tr("yswd.now.done")
        )
    elif r.status is Status.NOT_TAKEN_FORWARD:
        sentence = (
            tr("yswd.now.not_taken", reason=_because(r.reason))
            if r.reason
            else tr("yswd.now.not_taken_no_reason")
        )
    elif r.status in (Status.IN_PROGRESS, Status.ACCEPTED) and r.target:
        sentence = tr(f"yswd.now.{r.status.value}_by", when=long_date(r.target))
    else:
        sentence = tr(f"yswd.now.{r.status.value}")
    return short, sentence


def _because(reason: str) -> str:
    reason = reason.strip().rstrip(".")
    if (
        len(reason) > 1
        and reason[0].isupper()
        and reason[1].islower()
        and not reason.startswith(("NHS", "I "))
    ):
        reason = reason[0].lower() + reason[1:]
    return reason


def next_words(r: RecRow, as_of: date) -> str:
    if r.status is Status.IMPLEMENTED:
        return (
            tr("yswd.next.check", measure=r.success_measure.rstrip("."))
            if r.success_measure
            else tr("yswd.next.done")
        )
    if r.status is Status.NOT_TAKEN_FORWARD:
        return tr("yswd.next.not_taken")
    due = r.next_update_due if r.next_update_due and r.next_update_due > as_of else None
    if due is None and r.target and r.target > as_of:
        due = r.target
    return tr("yswd.next.by", when=long_date(due)) if due else tr("yswd.next.soon")


def _said(r: RecRow) -> str:
    themes = [t.lower() for t, _ in r.themes.most_common(3)]
    if not r.feedback_count:
        return tr("yswd.said_none", title=r.title)
    about = (
        ", ".join(themes[:-1]) + f" and {themes[-1]}" if len(themes) > 1 else (themes[0] if themes else "")
    )
    if r.feedback_count == 1:
        return tr("yswd.said_one", about=about) if about else tr("yswd.said_one_plain")
    return (
        tr("yswd.said", count=r.feedback_count, about=about)
        if about
        else tr("yswd.said_plain", count=r.feedback_count)
    )


def _entry(r: RecRow, as_of: date) -> Entry:
    short, sentence = status_words(r)
    said: list = [Para(_said(r))] + [Quote(q) for q in r.quotes]
    did: list = (
        [Bullets([f"{long_date(on)}: {text}" for on, text in r.updates], authored=True)]
        if r.updates
        else [Para(tr("yswd.no_update"))]
    )
    return Entry(
        r.key,
        r.title,
        [
            Part(tr("yswd.part.said"), said),
            Part(tr("yswd.part.did"), did),
            Part(tr("yswd.part.now"), [Para(sentence, authored=r.status is Status.NOT_TAKEN_FORWARD)]),
            Part(tr("yswd.part.next"), [Para(next_words(r, as_of))]),
        ],
        status=short,
    )


def _easy_entry(r: RecRow, as_of: date) -> Entry:
    short, sentence = status_words(r)
    theme = (r.main_theme or tr("yswd.theme_other")).lower()
    did = r.updates[-1][1] if r.updates else tr("yswd.easy.no_update")
    return Entry(
        r.key,
        r.title,
        [
            Part(tr("yswd.part.said"), [Para(tr("yswd.easy.said", theme=theme))]),
            Part(tr("yswd.part.did"), [Para(did, authored=bool(r.updates))]),
            Part(tr("yswd.part.now"), [Para(sentence)]),
            Part(tr("yswd.part.next"), [Para(next_words(r, as_of))]),
        ],
        status=short,
    )


def _contact(contact: str, easy: bool) -> Section:
    blocks: list = [Para(tr("yswd.easy.formats" if easy else "yswd.formats"))]
    blocks.append(Para(tr("yswd.contact", contact=contact) if contact else tr("yswd.contact_none")))
    if not easy:
        blocks.append(Para(tr("yswd.privacy")))
    return Section("contact", tr("yswd.section.contact"), blocks)
