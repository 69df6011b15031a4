"""The review pack: the queue of stalled and overdue recommendations with their timelines,
for a review meeting, and the summary of decisions taken at one.

The queue is the lag engine's, worst first. Each item's timeline puts every dated event
(status changes, target changes with their reasons, updates, owner changes, earlier reviews)
in order, so the meeting sees the whole story on one page. The decisions summary covers the
reviews in the chosen date range, or else the latest meeting on or before the "as at" date.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from coprod.domain.enums import ReviewDecision, Status
from coprod.domain.lag import RecommendationLag
from coprod.domain.models import (
    Owner,
    OwnerChange,
    Recommendation,
    RecommendationUpdate,
    Review,
    StatusChange,
    TargetChange,
)
from coprod.i18n import N_, label, ntr, tr
from coprod.i18n.dates import long_day
from coprod.persistence.raw import fetch_rows
from coprod.persistence.repositories.settings import get_organisation, get_team_rules
from coprod.services.common.tasks import TaskState
from coprod.services.figures.lag import stalled_or_overdue
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
from coprod.services.reports.scope import (
    Scope,
    StoredReader,
    chunks,
    filter_lags,
    recommendation_ids,
    scope_title,
)

_TEXT_LIMIT = 160  # long update texts are shortened in the timeline; the record keeps them whole


def build(
    *, session: Session, scope: Scope, as_of: date, easy_read: bool = False, state: TaskState | None = None
) -> Report:
    org = get_organisation(session=session)
    rules = get_team_rules(session=session)
    queue = stalled_or_overdue(session=session, as_of=as_of, rules=rules, as_things_stood=True)
    queue = filter_lags(session, queue, scope)
    report = Report.start(
        kind="review",
        title=tr("pack.title"),
        subtitle=tr("pack.subtitle", what=scope_title(session, scope), as_of=long_day(as_of)),
        subject=tr("pack.subject"),
        organisation=org,
        as_of=as_of,
        scope=scope.as_dict(),
        easy_read=easy_read,
    )
    stalled = sum(1 for x in queue if x.stalled)
    overdue = sum(1 for x in queue if x.overdue)
    both = sum(1 for x in queue if x.stalled and x.overdue)
    report.sections.append(
        Section(
            "about",
            tr("pack.section.about"),
            [
                Para(
                    tr(
                        "pack.about",
                        count=ntr("count.open_recommendation", len(queue)),
                        days=ntr("count.day", rules.stall_threshold_days),
                    ),
                    lead=True,
                ),
                Facts(
                    [
                        (tr("pack.fig.stalled"), f"{stalled:,}"),
                        (tr("pack.fig.overdue"), f"{overdue:,}"),
                        (tr("pack.fig.both"), f"{both:,}"),
                    ]
                ),
            ],
        )
    )
    timelines = _timelines(session, [x.id for x in queue], as_of, state)
    entries: list = [_entry(x, timelines.get(x.id, [])) for x in queue]
    report.sections.append(
        Section("queue", tr("pack.section.queue"), entries or [Para(tr("pack.queue_empty"))])
    )
    in_scope = recommendation_ids(session, scope) if scope.session_id or scope.strategy else None
    report.sections.append(_decisions(session, scope, as_of, in_scope))
    return report


def _why(x: RecommendationLag) -> str:
    parts = []
    if x.overdue:
        parts.append(
            tr(
                "pack.why.overdue",
                days=ntr("count.day", x.lag_days or 0),
                original=ntr("count.day", x.lag_vs_original_days or 0),
            )
        )
    if x.stalled:
        parts.append(tr("pack.why.stalled", days=ntr("count.day", x.days_since_update or 0)))
    return " ".join(parts)


def _entry(x: RecommendationLag, timeline: list[str]) -> Entry:
    facts = Facts(
        [
            (tr("pack.fact.owner"), x.owner or tr("figures.no_owner")),
            (tr("pack.fact.strategy"), x.strategy or tr("figures.no_strategy")),
            (tr("pack.fact.status"), f"{label(x.status)} ({label(x.rag)})"),
            (tr("pack.fact.raised"), long_day(x.raised_on)),
            (tr("pack.fact.original"), long_day(x.original_target)),
            (tr("pack.fact.current"), long_day(x.effective_target)),
            (tr("pack.fact.extensions"), str(x.extensions)),
            (tr("pack.fact.last_activity"), long_day(x.last_activity_on)),
        ]
    )
    heading = f"{x.reference}: {x.title}" if x.reference else x.title
    return Entry(
        x.reference or str(x.id),
        heading,
        [
            Part(tr("pack.part.why"), [Para(_why(x)), facts]),
            Part(
                tr("pack.part.timeline"),
                [Bullets(timeline)] if timeline else [Para(tr("pack.no_events"))],
            ),
            Part(tr("pack.part.decision"), [Para(tr("pack.decision_prompt"))]),
        ],
        status=label(x.rag),
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1].rstrip() + "…"


def _timelines(
    session: Session, ids: list[uuid.UUID], as_of: date, state: TaskState | None
) -> dict[uuid.UUID, list[str]]:
    """Each recommendation's history up to `as_of`, oldest first, one line an event. Read as
    stored (see `StoredReader`): the queue can hold thousands of recommendations."""
    read = StoredReader(session)
    by_key = {read.key(i): i for i in ids}
    keys = list(by_key)
    events: dict[uuid.UUID, list[tuple[date, int, str]]] = defaultdict(list)
    owners: dict[Any, str] = dict(fetch_rows(session, sa.select(col(Owner.id), col(Owner.name))))
    day, until = read.parse.date, read.day(as_of)

    def rows(*columns: Any, on: Any, rid: Any, n: int) -> Iterator[tuple[Any, ...]]:
        if state is not None:
            state.check()
            state.set_progress(n, 6)
        # live rows only: an undone change is tombstoned and must not reach the board
        query = sa.select(rid, *columns).where(read.column(on) <= until, on.table.c.deleted_at.is_(None))
        return read.rows_in(query, rid, keys)

    for rid, raised_on in read.rows_in(
        sa.select(col(Recommendation.id), col(Recommendation.raised_on)), Recommendation.id, keys
    ):
        events[by_key[rid]].append((day(raised_on), 0, tr("pack.ev.raised")))
    for rid, on, old, new, note in rows(
        StatusChange.changed_on,
        StatusChange.from_status,
        StatusChange.to_status,
        StatusChange.note,
        on=StatusChange.changed_on,
        rid=StatusChange.recommendation_id,
        n=1,
    ):
        if old is not None:
            text = tr("pack.ev.status", old=label(Status(old)), new=label(Status(new)))
            events[by_key[rid]].append((day(on), 1, text + (f" {_short(note)}" if note else "")))
    for rid, on, old_date, new_date, reason, approved_by in rows(
        TargetChange.changed_on,
        TargetChange.old_date,
        TargetChange.new_date,
        TargetChange.reason,
        TargetChange.approved_by,
        on=TargetChange.changed_on,
        rid=TargetChange.recommendation_id,
        n=2,
    ):
        text = tr(
            "pack.ev.target",
            old=long_day(read.date_or_none(old_date)) or "-",
            new=long_day(read.date_or_none(new_date)),
            reason=_short(reason),
            by=approved_by or "-",
        )
        events[by_key[rid]].append((day(on), 2, text))
    for rid, on, public, words in rows(
        RecommendationUpdate.update_on,
        RecommendationUpdate.is_public,
        RecommendationUpdate.text,
        on=RecommendationUpdate.update_on,
        rid=RecommendationUpdate.recommendation_id,
        n=3,
    ):
        key = N_("pack.ev.public_update") if public else N_("pack.ev.update")
        events[by_key[rid]].append((day(on), 3, tr(key, text=_short(words))))
    for rid, on, was, now in rows(
        OwnerChange.changed_on,
        OwnerChange.from_owner_id,
        OwnerChange.to_owner_id,
        on=OwnerChange.changed_on,
        rid=OwnerChange.recommendation_id,
        n=4,
    ):
        text = tr("pack.ev.owner", old=owners.get(was, "-"), new=owners.get(now, "-"))
        events[by_key[rid]].append((day(on), 4, text))
    for rid, on, decision, notes in rows(
        Review.reviewed_on,
        Review.decision,
        Review.notes,
        on=Review.reviewed_on,
        rid=Review.recommendation_id,
        n=5,
    ):
        text = tr("pack.ev.review", decision=label(ReviewDecision(decision)), notes=_short(notes or ""))
        events[by_key[rid]].append((day(on), 5, text))
    return {rid: [f"{long_day(d)}: {text}" for d, _, text in sorted(evs)] for rid, evs in events.items()}


def _decisions(session: Session, scope: Scope, as_of: date, in_scope: set[uuid.UUID] | None) -> Section:
    q = select(Review).where(col(Review.deleted_at).is_(None))
    if scope.date_from or scope.date_to:
        start, end = scope.date_from or date.min, scope.date_to or as_of
        heading = tr(
            "pack.section.decisions_range", start=long_day(scope.date_from) or "…", end=long_day(end)
        )
    else:
        latest = session.exec(select(func.max(Review.reviewed_on)).where(Review.reviewed_on <= as_of)).first()
        if latest is None:
            return Section("decisions", tr("pack.section.decisions"), [Para(tr("pack.no_decisions"))])
        start = end = latest
        heading = tr("pack.section.decisions_on", when=long_day(latest))
    reviews = [
        v
        for v in session.exec(q.where(Review.reviewed_on >= start, Review.reviewed_on <= end)).all()
        if in_scope is None or v.recommendation_id in in_scope
    ]
    if not reviews:
        return Section("decisions", heading, [Para(tr("pack.no_decisions"))])
    recs = {
        r.id: r
        for part in chunks([v.recommendation_id for v in reviews])
        for r in session.exec(select(Recommendation).where(col(Recommendation.id).in_(part)))
    }
    owners = dict(session.exec(select(Owner.id, Owner.name)).all())
    counts = Counter(v.decision for v in reviews)
    reviews.sort(key=lambda v: (v.reviewed_on, recs[v.recommendation_id].reference or ""))
    rows = [
        [
            recs[v.recommendation_id].reference or "-",
            recs[v.recommendation_id].title,
            long_day(v.reviewed_on),
            label(v.decision),
            _outcome(v, owners),
            v.notes or "-",
        ]
        for v in reviews
    ]
    return Section(
        "decisions",
        heading,
        [
            Facts([(label(d), str(counts[d])) for d in ReviewDecision if counts[d]]),
            Table(
                tr("pack.decisions_caption", count=f"{len(rows):,}"),
                [
                    tr(k)
                    for k in (
                        N_("board.col.ref"),
                        N_("board.col.title"),
                        N_("pack.col.when"),
                        N_("pack.col.decision"),
                        N_("pack.col.outcome"),
                        N_("pack.col.notes"),
                    )
                ],
                rows,
                widths=(2.2, 5.1, 2.7, 2.6, 2.7, 2.9),
            ),
        ],
    )


def _outcome(v: Review, owners: dict[uuid.UUID, str]) -> str:
    parts = []
    if v.escalated_to_id:
        parts.append(tr("pack.out.escalated", who=owners.get(v.escalated_to_id, "-")))
    if v.reassigned_to_id:
        parts.append(tr("pack.out.reassigned", who=owners.get(v.reassigned_to_id, "-")))
    if v.next_update_due:
        parts.append(tr("pack.out.next", when=long_day(v.next_update_due)))
    return "; ".join(parts) or "-"
