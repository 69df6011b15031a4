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
from coprod.domain.settings import Organisation, address_line
from coprod.i18n import N_, label, ntr, tr
from coprod.i18n.dates import long_day, month
from coprod.persistence.repositories.settings import get_organisation
from coprod.services.common.tasks import TaskState
from coprod.services.reports import yswd_easy
from coprod.services.reports.content import (
    Bullets,
    Entry,
    Facts,
    Para,
    Part,
    Report,
    Section,
    Table,
)
from coprod.services.reports.pictures import chosen_pictures
from coprod.services.reports.scope import RecRow, Scope, ScopeData, load
from coprod.services.reports.yswd_words import (
    SessionInfo,
    kept_on_time,
    next_words,
    said_blocks,
    status_words,
)

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
    chosen = chosen_pictures(session=session) if easy_read else {}
    report.sections.extend(_themes(data, as_of, easy_read, state, chosen))
    report.sections.append(_contact(org, easy_read))
    if easy_read:
        words = yswd_easy.glossary(report)
        if words is not None:
            report.sections.insert(len(report.sections) - 1, words)
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
            start=long_day(scope.date_from) or "…",
            end=long_day(scope.date_to) or long_day(as_of),
        )
    return tr("yswd.subtitle", what=what, as_of=long_day(as_of))


def _about(data: ScopeData, council: str, as_of: date, easy: bool) -> Section:
    counts = Counter(r.status for r in data.recs)
    done = counts[Status.IMPLEMENTED]
    started = counts[Status.IN_PROGRESS]
    agreed = counts[Status.ACCEPTED]
    deciding = counts[Status.PROPOSED] + counts[Status.ON_HOLD]
    nope = counts[Status.NOT_TAKEN_FORWARD]
    kept, due = kept_on_time(data.recs, as_of)
    if easy:
        blocks: list = [
            Para(tr("yswd.easy.about", council=council), lead=True),
            *(
                Para(tr(key, count=ntr("count.thing", n)))
                for key, n in (
                    (N_("yswd.easy.count_done"), done),
                    (N_("yswd.easy.count_started"), started),
                    (N_("yswd.easy.count_agreed"), agreed),
                )
                if n
            ),
        ]
        if nope + deciding:
            blocks.append(Para(tr("yswd.easy.not_done", count=f"{nope + deciding:,}")))
        if due:
            blocks.append(Para(tr("yswd.easy.kept", kept=kept, due=due)))
        return Section("about", tr("yswd.section.about"), blocks)
    blocks = [
        Para(
            tr(
                "yswd.about",
                council=council,
                count=ntr("count.thing", len(data.recs)),
                as_of=long_day(as_of),
            ),
            lead=True,
        ),
    ]
    if due:
        blocks.append(Para(tr("yswd.kept", kept=kept, due=due), lead=True))
        blocks.append(Para(tr("yswd.kept_means")))
    blocks.append(
        Facts(
            [
                (tr("yswd.count.done"), str(done)),
                (tr("yswd.count.started"), str(started)),
                (tr("yswd.count.agreed"), str(agreed)),
                (tr("yswd.count.deciding"), str(deciding)),
                (tr("yswd.count.not_taken"), str(nope)),
            ]
        )
    )
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
                        count=ntr("count.meeting", len(data.sessions)),
                        start=month(first),
                        end=month(last),
                    )
                )
            ],
        )
    if len(data.sessions) <= 3:
        items = [
            tr("yswd.session_line", title=s.title, when=long_day(s.held_on), format=label(s.format))
            for s in data.sessions
        ]
        return Section("asked", tr("yswd.section.asked"), [Para(tr("yswd.asked_intro")), Bullets(items)])
    rows = [
        [s.title, long_day(s.held_on), label(s.format), f"{s.participant_count:,}"] for s in data.sessions
    ]
    table = Table(
        tr("yswd.sessions_caption", count=f"{len(rows):,}"),
        [tr("yswd.col.session"), tr("yswd.col.when"), tr("yswd.col.format"), tr("yswd.col.people")],
        rows,
        numeric=frozenset({3}),
        widths=(4.4, 3.2, 1.9, 1.2),
    )
    return Section("asked", tr("yswd.section.asked"), [Para(tr("yswd.asked_intro")), table])


def _took_part(data: ScopeData, easy: bool) -> Section:
    recorded = [s for s in data.sessions if s.participant_count > 0]
    people = sum(s.participant_count for s in recorded)
    groups = Counter(g for s in data.sessions for g in s.groups_reached)
    adjustments = Counter(a for s in data.sessions for a in s.adjustments if a != Adjustment.OTHER.value)
    if not recorded:
        first = Para(tr("yswd.people_unknown"))
    elif len(recorded) == 1 and len(data.sessions) == 1:
        first = Para(tr("yswd.people_one", count=ntr("count.person", people)))
    else:
        first = Para(
            tr("yswd.people", count=ntr("count.person", people), sessions=ntr("count.session", len(recorded)))
        )
    blocks: list = [first]
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


def _themes(
    data: ScopeData, as_of: date, easy: bool, state: TaskState | None, chosen: dict[str, str]
) -> list[Section]:
    groups: dict[str, list[RecRow]] = defaultdict(list)
    for r in data.recs:
        groups[r.main_theme or tr("yswd.theme_other")].append(r)
    sections = []
    done, total = 0, len(data.recs)
    if easy and total > yswd_easy.MAX_ENTRIES:
        points: list = [Para(tr("yswd.easy.full_version"))]
        points += [yswd_easy.by_theme(t, groups[t], chosen, as_of) for t in sorted(groups)]
        return [Section("themes", tr("yswd.section.easy_themes"), points)]
    for theme in sorted(groups):
        rows = sorted(groups[theme], key=lambda r: (_ORDER.index(r.status), r.title, r.key))
        entries: list = [yswd_easy.theme_point(theme, chosen)] if easy else []
        for r in rows:
            entries.append(yswd_easy.entry(r, as_of) if easy else _entry(r, as_of, data.said_sessions))
            done += 1
            if state is not None and done % 100 == 0:
                state.check()
                state.set_progress(done, total)
        sections.append(Section(f"theme-{theme.lower()}", tr("yswd.theme_heading", theme=theme), entries))
    if not sections:
        sections.append(Section("nothing", tr("yswd.section.nothing"), [Para(tr("yswd.nothing"))]))
    return sections


def _entry(r: RecRow, as_of: date, sessions: SessionInfo) -> Entry:
    short, sentence = status_words(r, as_of)
    did: list = (
        [Bullets([f"{long_day(on)}: {text}" for on, text in r.updates], authored=True)]
        if r.updates
        else [Para(tr("yswd.no_update"))]
    )
    return Entry(
        r.key,
        r.title,
        [
            Part(tr("yswd.part.said"), said_blocks(r, sessions)),
            Part(tr("yswd.part.did"), did),
            Part(tr("yswd.part.now"), [Para(sentence, authored=r.status is Status.NOT_TAKEN_FORWARD)]),
            Part(tr("yswd.part.next"), [Para(next_words(r, as_of))]),
        ],
        status=short,
    )


def _contact(org: Organisation, easy: bool) -> Section:
    """How to reply and ask for another format: every way the council has set, by name."""
    ways = [
        (tr("yswd.contact.phone"), org.contact_phone),
        (tr("yswd.contact.email"), org.contact_email),
        (tr("yswd.contact.address"), address_line(org.contact_address)),
        (tr("yswd.contact.text_relay"), org.contact_text_relay),
        (tr("yswd.contact.bsl"), org.contact_bsl),
        (tr("yswd.contact.other"), org.contact),
        (tr("yswd.contact.formats"), org.other_formats),
    ]
    blocks: list = [Para(tr("yswd.easy.formats") if easy else tr("yswd.formats"))]
    if org.has_contact:
        blocks.append(Para(tr("yswd.easy.contact_intro") if easy else tr("yswd.contact_intro")))
        blocks.append(Facts([(name, value.strip()) for name, value in ways if value.strip()]))
    else:
        blocks.append(Para(tr("yswd.contact_none")))
    if not easy:
        blocks.append(Para(tr("yswd.privacy")))
    else:
        blocks.append(Para(tr("yswd.credit")))
    return Section("contact", tr("yswd.section.contact"), blocks)
