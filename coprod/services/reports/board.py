"""The board lag report: figures per strategy and per team or service, charts, committee tables.

Figures come from the lag engine. The tables follow the trackers committees already use:
live, completed since the last report, extension requests, and overdue with the lag against
both the original and the revised target. "Since the last report" is the "as at" date of the
last published board report for the same scope, or 90 days back when there is none.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from sqlmodel import Session, col, select

from coprod.domain.enums import Rag, Status
from coprod.domain.figures import GroupFigures, figures_for, group
from coprod.domain.lag import RecommendationLag
from coprod.domain.models import Owner, PublishedReport, TargetChange
from coprod.i18n import N_, label, ntr, tr
from coprod.i18n.dates import long_day
from coprod.persistence.repositories.settings import get_organisation, get_team_rules
from coprod.services.common.tasks import TaskState
from coprod.services.figures.lag import recommendation_lags
from coprod.services.reports.content import (
    RAG_SYMBOLS,
    BarChart,
    Facts,
    Para,
    Report,
    Section,
    Table,
)
from coprod.services.reports.scope import Scope, chunks, filter_lags, scope_title

Who = Callable[[RecommendationLag], str]

DEFAULT_PERIOD_DAYS = 90
_CHART_ROWS = 12  # owners beyond this are in the table; a chart of 60 bars helps nobody


def build(
    *,
    session: Session,
    scope: Scope,
    as_of: date,
    easy_read: bool = False,
    state: TaskState | None = None,
    name_officers: bool = False,
) -> Report:
    """The board report; figures are by team or service, and by named officer only when asked."""
    org = get_organisation(session=session)
    rules = get_team_rules(session=session)
    # as things stood at the end of the "as at" day, as the rest of the report reads them
    lags = recommendation_lags(session=session, as_of=as_of, rules=rules, as_things_stood=True)
    lags = filter_lags(session, lags, scope)
    if state is not None:
        state.check()
    since = _since(session, scope, as_of)
    report = Report.start(
        kind="lag",
        title=tr("board.title"),
        subtitle=tr(
            "board.subtitle", what=scope_title(session, scope), as_of=long_day(as_of), since=long_day(since)
        ),
        subject=tr("board.subject"),
        organisation=org,
        as_of=as_of,
        scope=scope.as_dict(),
        easy_read=easy_read,
    )
    whole = figures_for(None, tr("figures.whole_team"), lags, loop_closed_pct=None)
    moved = _target_changes(session, lags, since, as_of)
    published = _since_published(session, scope, as_of) is not None
    report.sections.append(
        _summary(whole, lags, rules.stall_threshold_days, as_of, since, published, len(moved))
    )
    report.sections.append(_more_figures(whole))
    teams = _teams(session)
    team_of = (lambda x: x.owner or "-") if name_officers else (lambda x: _team(teams, x) or "-")
    strategies = group(lags, lambda x: x.strategy or None, lambda k: k or tr("figures.no_strategy"))
    by_team = group(lags, lambda x: _team(teams, x, None), lambda k: k or tr("board.no_team"))
    report.sections.append(
        _grouped("by-strategy", tr("board.section.strategy"), tr("board.col.strategy"), strategies)
    )
    report.sections.append(_grouped("by-team", tr("board.section.team"), tr("board.col.team"), by_team))
    if name_officers:
        owners = group(lags, lambda x: x.owner or None, lambda k: k or tr("figures.no_owner"))
        report.sections.append(_grouped("by-owner", tr("board.section.owner"), tr("board.col.owner"), owners))
    report.sections.append(_live(lags, team_of, name_officers))
    report.sections.append(_completed(lags, since, as_of, team_of, name_officers))
    report.sections.append(_extensions(lags, moved, since, team_of, name_officers))
    report.sections.append(_overdue(lags, team_of, name_officers))
    from coprod.services.reports.risks import board_sections

    report.sections.extend(board_sections(session=session, as_of=as_of, since=since))
    return report


def _teams(session: Session) -> dict[uuid.UUID, str]:
    """Each owner's team or service (never a person's name)."""
    rows = session.exec(select(Owner.id, Owner.team)).all()
    return {i: team or tr("board.no_team") for i, team in rows}


def _team(teams: dict[uuid.UUID, str], x: RecommendationLag, default: str | None = "-") -> str | None:
    return teams.get(x.owner_id, default) if x.owner_id else default


def _owner_header(name_officers: bool) -> str:
    return tr("board.col.owner") if name_officers else tr("board.col.team")


def _since_published(session: Session, scope: Scope, as_of: date) -> date | None:
    rows = session.exec(
        select(PublishedReport).where(
            PublishedReport.kind == "lag",
            col(PublishedReport.deleted_at).is_(None),
            PublishedReport.as_of < as_of,
        )
    ).all()
    earlier = [r.as_of for r in rows if r.scope == scope.as_dict()]
    return max(earlier) if earlier else None


def _since(session: Session, scope: Scope, as_of: date) -> date:
    return _since_published(session, scope, as_of) or as_of - timedelta(days=DEFAULT_PERIOD_DAYS)


def _num(value: float | None, suffix: str = "") -> str:
    return tr("board.none") if value is None else f"{value:,.0f}{suffix}"


def _km(g: GroupFigures) -> str:
    if g.km.median is None:
        return tr("board.km_not_reached")
    low, high = g.km.median_ci_low, g.km.median_ci_high
    if low is None or high is None or low == high:
        return tr("board.km_no_range", median=ntr("count.days", g.km.median))
    return tr("board.km_ci", median=ntr("count.days", g.km.median), low=low, high=high)


def _km_cell(g: GroupFigures) -> str:
    """The table's short form: "171 (57 to 288)", or the median alone while no range exists."""
    if g.km.median is None:
        return tr("board.km_not_reached")
    low, high = g.km.median_ci_low, g.km.median_ci_high
    if low is None or high is None or low == high:
        return tr("board.km_cell_no_range", median=g.km.median)
    return tr("board.km_cell", median=g.km.median, low=low, high=high)


_RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE, Rag.CLOSED)


def rag_words(rag: Rag) -> str:
    """The RAG status as a symbol and a word: the symbol's shape and colour repeat the word."""
    return f"{RAG_SYMBOLS[rag.value]} {label(rag)}"


def promises_kept(lags: Sequence[RecommendationLag], as_of: date) -> tuple[int, int]:
    """(kept, due) against the original target, as "You said, we did" counts them."""
    kept = due = 0
    for x in lags:
        if x.no_target or x.status is Status.NOT_TAKEN_FORWARD:
            continue
        if x.status is Status.IMPLEMENTED:
            if x.implemented_on is None:
                continue
            due += 1
            kept += x.implemented_on <= x.original_target
        elif x.original_target < as_of:
            due += 1
    return kept, due


def _summary(
    g: GroupFigures,
    lags: Sequence[RecommendationLag],
    stall_days: int,
    as_of: date,
    since: date,
    published: bool,
    moved: int,
) -> Section:
    kept, due = promises_kept(lags, as_of)
    rags = Counter(x.rag for x in lags)
    done = sum(1 for x in lags if x.implemented_on and since < x.implemented_on <= as_of)
    raised = sum(1 for x in lags if since < x.raised_on <= as_of)
    key = N_("board.change_published") if published else N_("board.change_period")
    change = tr(
        key,
        since=long_day(since),
        done=done,
        raised=raised,
        moved=moved,
    )
    return Section(
        "summary",
        tr("board.section.summary"),
        [
            Para(
                tr(
                    "board.summary_intro",
                    total=ntr("count.recommendation", g.total),
                    open=f"{g.open:,}",
                    implemented=f"{g.implemented:,}",
                ),
                lead=True,
            ),
            Para(tr("board.kept", kept=kept, due=due) if due else tr("board.kept_none"), lead=True),
            Table(
                tr("board.rag_caption"),
                [tr("board.col.rag"), tr("board.col.count")],
                [[rag_words(r), f"{rags[r]:,}"] for r in _RAG_ORDER],
                numeric=frozenset({1}),
                widths=(3, 1),
            ),
            Facts(
                [
                    (tr("board.fig.overdue"), f"{g.overdue:,}"),
                    (tr("board.fig.stalled", days=stall_days), f"{g.stalled:,}"),
                ]
            ),
            Para(change),
        ],
    )


def _more_figures(g: GroupFigures) -> Section:
    return Section(
        "figures",
        tr("board.section.figures"),
        [
            Para(tr("board.km_sentence", figure=_km(g)), lead=True),
            Facts(
                [
                    (tr("board.fig.on_time"), _num(g.pct_on_time_original, "%")),
                    (tr("board.fig.on_time_revised"), _num(g.pct_on_time_effective, "%")),
                    (tr("board.fig.mean_lag"), _num(g.mean_overdue_lag)),
                    (tr("board.fig.extensions"), f"{g.extensions:,}"),
                    (tr("board.fig.since_update"), _num(g.median_days_since_update)),
                ]
            ),
            Para(tr("board.km_note")),
        ],
    )


_GROUP_HEADERS = (
    N_("board.col.total"),
    N_("board.col.implemented"),
    N_("board.col.on_time"),
    N_("board.col.overdue"),
    N_("board.col.mean_lag"),
    N_("board.col.stalled"),
    N_("board.col.extensions"),
    N_("board.col.km"),
)


def _grouped(key: str, heading: str, first: str, groups: Sequence[GroupFigures]) -> Section:
    shown = [g for g in groups if g.total]
    rows = [
        [
            g.name,
            f"{g.total:,}",
            f"{g.implemented:,}",
            _num(g.pct_on_time_original, "%"),
            f"{g.overdue:,}",
            _num(g.mean_overdue_lag),
            f"{g.stalled:,}",
            f"{g.extensions:,}",
            _km_cell(g),
        ]
        for g in shown
    ]
    table = Table(
        tr("board.table_caption", heading=heading.lower()),
        [first, *map(tr, _GROUP_HEADERS)],
        rows,
        numeric=frozenset(range(1, 9)),
        widths=(4.4, 1.8, 3.6, 2.6, 2.4, 2.3, 2.1, 3.0, 3.5),
    )
    # With many groups, chart those with most implemented (the percentages mean most there);
    # every group is still in the table.
    measured = [g for g in shown if g.pct_on_time_original is not None]
    on_time = sorted(sorted(measured, key=lambda g: -g.implemented)[:_CHART_ROWS], key=lambda g: g.name)
    worst = sorted(shown, key=lambda g: (-g.overdue, g.name))[:_CHART_ROWS]
    blocks: list = [
        BarChart(
            tr("board.chart.on_time", heading=heading.lower()),
            [g.name for g in on_time],
            [g.pct_on_time_original or 0.0 for g in on_time],
            tr("board.unit.percent"),
            _describe(on_time, lambda g: g.pct_on_time_original or 0.0, "%"),
            maximum=100,
        ),
        BarChart(
            tr("board.chart.overdue", heading=heading.lower()),
            [g.name for g in worst],
            [float(g.overdue) for g in worst],
            tr("board.unit.count"),
            _describe(worst, lambda g: float(g.overdue), ""),
        ),
        table,
    ]
    return Section(key, heading, blocks)


def _describe(groups: Sequence[GroupFigures], value: Callable[[GroupFigures], float], unit: str) -> str:
    if not groups:
        return tr("board.chart_empty")
    hi = max(groups, key=value)
    lo = min(groups, key=value)
    return tr(
        "board.chart_description",
        high=hi.name,
        high_value=f"{value(hi):.0f}{unit}",
        low=lo.name,
        low_value=f"{value(lo):.0f}{unit}",
    )


def _ref(x: RecommendationLag) -> str:
    return x.reference or "-"


def _d(day: date | None) -> str:
    return long_day(day) if day else "-"


def _live(lags: Sequence[RecommendationLag], team_of: Who, name_officers: bool) -> Section:
    # As in committee trackers, the lists do not overlap: overdue ones are in their own table.
    live = sorted((x for x in lags if x.is_open and not x.overdue), key=lambda x: (x.strategy or "", _ref(x)))
    rows = [
        [
            _ref(x),
            x.title,
            team_of(x),
            label(x.status),
            rag_words(x.rag),
            _d(x.target_date),
            _d(x.revised_target_date),
            _num(x.days_since_update),
        ]
        for x in live
    ]
    table = _listing(
        tr("board.live_caption", count=f"{len(rows):,}"),
        (
            N_("board.col.ref"),
            N_("board.col.title"),
            "owner",
            N_("board.col.status"),
            N_("board.col.rag"),
            N_("board.col.original"),
            N_("board.col.revised"),
            N_("board.col.since_update"),
        ),
        rows,
        name_officers,
        numeric=frozenset({7}),
        widths=(1.2, 5.2, 2.6, 1.6, 1.4, 1.6, 1.6, 1.4),
    )
    return Section("live", tr("board.section.live"), [table])


def _completed(
    lags: Sequence[RecommendationLag], since: date, as_of: date, team_of: Who, name_officers: bool
) -> Section:
    done = sorted(
        (x for x in lags if x.implemented_on and since < x.implemented_on <= as_of),
        key=lambda x: (x.implemented_on, _ref(x)),
    )
    rows = [
        [
            _ref(x),
            x.title,
            team_of(x),
            _d(x.implemented_on),
            _num(x.days_to_implement),
            _signed(x.lag_vs_original_days),
        ]
        for x in done
    ]
    table = _listing(
        tr("board.completed_caption", count=f"{len(rows):,}"),
        (
            N_("board.col.ref"),
            N_("board.col.title"),
            "owner",
            N_("board.col.implemented_on"),
            N_("board.col.days_to_implement"),
            N_("board.col.lag_original"),
        ),
        rows,
        name_officers,
        numeric=frozenset({4, 5}),
        widths=(1.2, 6.4, 3, 1.8, 1.8, 1.8),
    )
    return Section("completed", tr("board.section.completed", since=long_day(since)), [table])


def _listing(
    caption: str,
    columns: Sequence[str],
    rows: list[list[str]],
    name_officers: bool,
    numeric: frozenset[int] = frozenset(),
    widths: tuple[float, ...] = (),
) -> Table:
    """A table of recommendations; the column keyed "owner" is headed as the report names owners."""
    headers = [_owner_header(name_officers) if k == "owner" else tr(k) for k in columns]
    return Table(caption, headers, rows, numeric=numeric, widths=widths)


def _signed(days: int | None) -> str:
    if days is None:
        return "-"
    return tr("board.days_late", days=ntr("count.day", days)) if days > 0 else tr("board.on_time")


def _target_changes(
    session: Session, lags: Sequence[RecommendationLag], since: date, as_of: date
) -> list[TargetChange]:
    ids = [x.id for x in lags]
    changes: list[TargetChange] = []
    for part in chunks(ids):
        changes.extend(
            session.exec(
                select(TargetChange).where(
                    col(TargetChange.recommendation_id).in_(part),
                    col(TargetChange.deleted_at).is_(None),
                    TargetChange.changed_on > since,
                    TargetChange.changed_on <= as_of,
                )
            ).all()
        )
    return changes


def _extensions(
    lags: Sequence[RecommendationLag],
    changes: list[TargetChange],
    since: date,
    team_of: Who,
    name_officers: bool,
) -> Section:
    by_id = {x.id: x for x in lags}
    changes = sorted(changes, key=lambda c: (c.changed_on, _ref(by_id[c.recommendation_id])))
    rows = [
        [
            _ref(by_id[c.recommendation_id]),
            by_id[c.recommendation_id].title,
            team_of(by_id[c.recommendation_id]),
            _d(c.old_date),
            _d(c.new_date),
            c.reason,
            c.approved_by or "-",
        ]
        for c in changes
    ]
    table = _listing(
        tr("board.extensions_caption", count=f"{len(rows):,}", since=long_day(since)),
        (
            N_("board.col.ref"),
            N_("board.col.title"),
            "owner",
            N_("board.col.from"),
            N_("board.col.to"),
            N_("board.col.reason"),
            N_("board.col.approved"),
        ),
        rows,
        name_officers,
        widths=(1.2, 4.2, 2.4, 1.6, 1.6, 4, 1.8),
    )
    return Section("extensions", tr("board.section.extensions"), [table])


def _overdue(lags: Sequence[RecommendationLag], team_of: Who, name_officers: bool) -> Section:
    late = sorted(
        (x for x in lags if x.is_open and x.overdue), key=lambda x: (-(x.lag_vs_original_days or 0), _ref(x))
    )
    rows = [
        [
            _ref(x),
            x.title,
            team_of(x),
            _d(x.original_target),
            _d(x.effective_target),
            _num(x.lag_vs_original_days),
            _num(x.lag_days),
            _num(x.days_since_update),
        ]
        for x in late
    ]
    table = _listing(
        tr("board.overdue_caption", count=f"{len(rows):,}"),
        (
            N_("board.col.ref"),
            N_("board.col.title"),
            "owner",
            N_("board.col.original"),
            N_("board.col.revised"),
            N_("board.col.lag_original_days"),
            N_("board.col.lag_revised_days"),
            N_("board.col.since_update"),
        ),
        rows,
        name_officers,
        numeric=frozenset({5, 6, 7}),
        widths=(1.2, 5, 2.6, 1.6, 1.6, 1.5, 1.5, 1.5),
    )
    return Section("overdue", tr("board.section.overdue"), [table])
