"""The board lag report: team figures per strategy and per owner, charts, committee tables.

Figures come from the lag engine. The tables follow the trackers committees already use:
live, completed since the last report, extension requests, and overdue with the lag against
both the original and the revised target. "Since the last report" is the "as at" date of the
last published board report for the same scope, or 90 days back when there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from sqlmodel import Session, col, select

from coprod.domain.figures import GroupFigures, figures_for, group
from coprod.domain.lag import RecommendationLag
from coprod.domain.models import PublishedReport, TargetChange
from coprod.i18n import label, tr
from coprod.persistence.repositories.settings import get_organisation, get_team_rules
from coprod.services.lag import recommendation_lags
from coprod.services.reports.content import BarChart, Facts, Para, Report, Section, Table, long_date
from coprod.services.reports.scope import Scope, chunks, filter_lags, scope_title
from coprod.services.tasks import TaskState

DEFAULT_PERIOD_DAYS = 90
_CHART_ROWS = 12  # owners beyond this are in the table; a chart of 60 bars helps nobody


def build(
    *, session: Session, scope: Scope, as_of: date, easy_read: bool = False, state: TaskState | None = None
) -> Report:
    org = get_organisation(session=session)
    rules = get_team_rules(session=session)
    lags = filter_lags(session, recommendation_lags(session=session, as_of=as_of, rules=rules), scope)
    if state is not None:
        state.check()
    since = _since(session, scope, as_of)
    report = Report.start(
        kind="lag",
        title=tr("board.title"),
        subtitle=tr(
            "board.subtitle", what=scope_title(session, scope), as_of=long_date(as_of), since=long_date(since)
        ),
        subject=tr("board.subject"),
        organisation=org,
        as_of=as_of,
        scope=scope.as_dict(),
        easy_read=easy_read,
    )
    whole = figures_for(None, tr("figures.whole_team"), lags, loop_closed_pct=None)
    report.sections.append(_summary(whole, rules.stall_threshold_days))
    strategies = group(lags, lambda x: x.strategy or None, lambda k: k or tr("figures.no_strategy"))
    owners = group(lags, lambda x: x.owner or None, lambda k: k or tr("figures.no_owner"))
    report.sections.append(
        _grouped("by-strategy", tr("board.section.strategy"), tr("board.col.strategy"), strategies)
    )
    report.sections.append(_grouped("by-owner", tr("board.section.owner"), tr("board.col.owner"), owners))
    report.sections.append(_live(lags))
    report.sections.append(_completed(lags, since, as_of))
    report.sections.append(_extensions(session, lags, since, as_of))
    report.sections.append(_overdue(lags))
    from coprod.services.reports.risks import board_sections

    report.sections.extend(board_sections(session=session, as_of=as_of, since=since))
    return report


def _since(session: Session, scope: Scope, as_of: date) -> date:
    rows = session.exec(
        select(PublishedReport).where(
            PublishedReport.kind == "lag",
            col(PublishedReport.deleted_at).is_(None),
            PublishedReport.as_of < as_of,
        )
    ).all()
    earlier = [r.as_of for r in rows if r.scope == scope.as_dict()]
    return max(earlier) if earlier else as_of - timedelta(days=DEFAULT_PERIOD_DAYS)


def _num(value: float | None, suffix: str = "") -> str:
    return tr("board.none") if value is None else f"{value:,.0f}{suffix}"


def _km(g: GroupFigures) -> str:
    if g.km.median is None:
        return tr("board.km_not_reached")
    if g.km.median_ci_low is not None and g.km.median_ci_high is not None:
        return tr("board.km_ci", median=g.km.median, low=g.km.median_ci_low, high=g.km.median_ci_high)
    return f"{g.km.median}"


def _summary(g: GroupFigures, stall_days: int) -> Section:
    return Section(
        "summary",
        tr("board.section.summary"),
        [
            Para(
                tr(
                    "board.summary_intro",
                    total=f"{g.total:,}",
                    open=f"{g.open:,}",
                    implemented=f"{g.implemented:,}",
                ),
                lead=True,
            ),
            Facts(
                [
                    (tr("board.fig.on_time"), _num(g.pct_on_time_original, "%")),
                    (tr("board.fig.on_time_revised"), _num(g.pct_on_time_effective, "%")),
                    (tr("board.fig.overdue"), f"{g.overdue:,}"),
                    (tr("board.fig.mean_lag"), _num(g.mean_overdue_lag)),
                    (tr("board.fig.stalled", days=stall_days), f"{g.stalled:,}"),
                    (tr("board.fig.extensions"), f"{g.extensions:,}"),
                    (tr("board.fig.km"), _km(g)),
                    (tr("board.fig.since_update"), _num(g.median_days_since_update)),
                ]
            ),
            Para(tr("board.km_note")),
        ],
    )


_GROUP_HEADERS = (
    "board.col.total",
    "board.col.implemented",
    "board.col.on_time",
    "board.col.overdue",
    "board.col.mean_lag",
    "board.col.stalled",
    "board.col.extensions",
    "board.col.km",
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
            _km(g),
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
    return day.strftime("%d %b %Y") if day else "-"


def _live(lags: Sequence[RecommendationLag]) -> Section:
    # As in committee trackers, the lists do not overlap: overdue ones are in their own table.
    live = sorted((x for x in lags if x.is_open and not x.overdue), key=lambda x: (x.strategy or "", _ref(x)))
    rows = [
        [
            _ref(x),
            x.title,
            x.owner or "-",
            label(x.status),
            label(x.rag),
            _d(x.target_date),
            _d(x.revised_target_date),
            _num(x.days_since_update),
        ]
        for x in live
    ]
    return Section(
        "live",
        tr("board.section.live"),
        [
            Table(
                tr("board.live_caption", count=len(rows)),
                [
                    tr(k)
                    for k in (
                        "board.col.ref",
                        "board.col.title",
                        "board.col.owner",
                        "board.col.status",
                        "board.col.rag",
                        "board.col.original",
                        "board.col.revised",
                        "board.col.since_update",
                    )
                ],
                rows,
                numeric=frozenset({7}),
                widths=(1.2, 5.2, 2.6, 1.6, 1.4, 1.6, 1.6, 1.4),
            )
        ],
    )


def _completed(lags: Sequence[RecommendationLag], since: date, as_of: date) -> Section:
    done = sorted(
        (x for x in lags if x.implemented_on and since < x.implemented_on <= as_of),
        key=lambda x: (x.implemented_on, _ref(x)),
    )
    rows = [
        [
            _ref(x),
            x.title,
            x.owner or "-",
            _d(x.implemented_on),
            _num(x.days_to_implement),
            _signed(x.lag_vs_original_days),
        ]
        for x in done
    ]
    return Section(
        "completed",
        tr("board.section.completed", since=long_date(since)),
        [
            Table(
                tr("board.completed_caption", count=len(rows)),
                [
                    tr(k)
                    for k in (
                        "board.col.ref",
                        "board.col.title",
                        "board.col.owner",
                        "board.col.implemented_on",
                        "board.col.days_to_implement",
                        "board.col.lag_original",
                    )
                ],
                rows,
                numeric=frozenset({4, 5}),
                widths=(1.2, 6.4, 3, 1.8, 1.8, 1.8),
            )
        ],
    )


def _signed(days: int | None) -> str:
    if days is None:
        return "-"
    return tr("board.days_late", days=days) if days > 0 else tr("board.on_time")


def _extensions(session: Session, lags: Sequence[RecommendationLag], since: date, as_of: date) -> Section:
    by_id = {x.id: x for x in lags}
    changes: list[TargetChange] = []
    for part in chunks(list(by_id)):
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
    changes.sort(key=lambda c: (c.changed_on, _ref(by_id[c.recommendation_id])))
    rows = [
        [
            _ref(by_id[c.recommendation_id]),
            by_id[c.recommendation_id].title,
            by_id[c.recommendation_id].owner or "-",
            _d(c.old_date),
            _d(c.new_date),
            c.reason,
            c.approved_by or "-",
        ]
        for c in changes
    ]
    return Section(
        "extensions",
        tr("board.section.extensions"),
        [
            Table(
                tr("board.extensions_caption", count=len(rows), since=long_date(since)),
                [
                    tr(k)
                    for k in (
                        "board.col.ref",
                        "board.col.title",
                        "board.col.owner",
                        "board.col.from",
                        "board.col.to",
                        "board.col.reason",
                        "board.col.approved",
                    )
                ],
                rows,
                widths=(1.2, 4.2, 2.4, 1.6, 1.6, 4, 1.8),
            )
        ],
    )


def _overdue(lags: Sequence[RecommendationLag]) -> Section:
    late = sorted(
        (x for x in lags if x.is_open and x.overdue), key=lambda x: (-(x.lag_vs_original_days or 0), _ref(x))
    )
    rows = [
        [
            _ref(x),
            x.title,
            x.owner or "-",
            _d(x.original_target),
            _d(x.effective_target),
            _num(x.lag_vs_original_days),
            _num(x.lag_days),
            _num(x.days_since_update),
        ]
        for x in late
    ]
    return Section(
        "overdue",
        tr("board.section.overdue"),
        [
            Table(
                tr("board.overdue_caption", count=len(rows)),
                [
                    tr(k)
                    for k in (
                        "board.col.ref",
                        "board.col.title",
                        "board.col.owner",
                        "board.col.original",
                        "board.col.revised",
                        "board.col.lag_original_days",
                        "board.col.lag_revised_days",
                        "board.col.since_update",
                    )
                ],
                rows,
                numeric=frozenset({5, 6, 7}),
                widths=(1.2, 5, 2.6, 1.6, 1.6, 1.5, 1.5, 1.5),
            )
        ],
    )
