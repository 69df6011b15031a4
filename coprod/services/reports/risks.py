"""The risk register report (`coprod report risks`) and the risk section of the board report.

Laid out as committees expect a corporate risk register: a heat map (as a table, so it reads
without colour), one row per risk with inherent, current and target scores and the trend,
then each risk in detail with its cause, event and effect, controls, the recommendations
that mitigate it (with their lag) and its score history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from coprod.domain.enums import Rag
from coprod.domain.risk import TREND_ARROWS, RiskRules
from coprod.i18n import N_, label, ntr, tr
from coprod.i18n.dates import long_day
from coprod.persistence.repositories.settings import get_organisation
from coprod.services.common.tasks import TaskState
from coprod.services.reports.content import Entry, Facts, Para, Part, Report, Section, Table
from coprod.services.reports.scope import Scope
from coprod.services.risks.rules import get_risk_rules
from coprod.services.risks.view import RiskRow, escalations_since, heat_map, list_risks

_BANDS = {Rag.GREEN: N_("risk.band.green"), Rag.AMBER: N_("risk.band.amber"), Rag.RED: N_("risk.band.red")}


def band_word(rag: Rag) -> str:
    return tr(_BANDS[rag])


def score_text(value: int, rag: Rag) -> str:
    return tr("risk.score_text", score=value, band=band_word(rag))


def trend_text(row: RiskRow) -> str:
    return tr("risk.trend.text", arrow=TREND_ARROWS[row.trend], word=label(row.trend))


def flags(row: RiskRow) -> list[str]:
    out = []
    if row.mitigation_late:
        out.append(tr("risk.flag.mitigation_late"))
    if row.must_escalate:
        out.append(tr("risk.flag.escalate"))
    if row.review_overdue:
        out.append(tr("risk.flag.review_due"))
    return out


def build(
    *, session: Session, scope: Scope, as_of: date, easy_read: bool = False, state: TaskState | None = None
) -> Report:
    rules = get_risk_rules(session=session)
    rows = list_risks(session=session, as_of=as_of, rules=rules)
    if state is not None:
        state.check()
    report = Report.start(
        kind="risks",
        title=tr("risk.report.title"),
        subtitle=tr("risk.report.subtitle", count=f"{len(rows):,}", as_of=long_day(as_of)),
        subject=tr("risk.report.subject"),
        organisation=get_organisation(session=session),
        as_of=as_of,
        scope=scope.as_dict(),
        easy_read=easy_read,
    )
    report.sections.append(
        Section(
            "summary",
            tr("risk.report.section.summary"),
            [_bands(rules), _counts(rows), heat_map_table(rows, rules)],
        )
    )
    report.sections.append(Section("register", tr("risk.report.section.register"), [register_table(rows)]))
    report.sections.append(Section("details", tr("risk.report.section.details"), [_entry(r) for r in rows]))
    return report


def _bands(rules: RiskRules) -> Para:
    return Para(
        tr(
            "risk.report.bands",
            amber=rules.risk_amber_from,
            red=rules.risk_red_from,
            escalate=rules.risk_escalate_at,
        )
    )


def _counts(rows: Sequence[RiskRow]) -> Facts:
    live = [r for r in rows if r.is_open]
    return Facts(
        [
            (tr("risk.report.counts"), str(len(live))),
            (tr("risk.report.count_high"), str(sum(r.current_band is Rag.RED for r in live))),
            (tr("risk.report.count_above_target"), str(sum(r.above_target for r in live))),
            (tr("risk.report.count_late"), str(sum(r.mitigation_late for r in live))),
            (tr("risk.report.count_review"), str(sum(r.review_overdue for r in live))),
            (tr("risk.report.count_escalate"), str(sum(r.must_escalate for r in live))),
        ]
    )


def heat_map_table(rows: Sequence[RiskRow], rules: RiskRules) -> Table:
    """The 5x5 matrix as a table: likelihood 5 at the top, impact 1 to 5 across."""
    from coprod.domain.risk import band

    cells = heat_map(list(rows))
    body = []
    for lk in range(5, 0, -1):
        line = [tr("risk.report.likelihood_row", value=lk)]
        for im in range(1, 6):
            s = lk * im
            line.append(
                tr(
                    "risk.report.heat_cell",
                    count=f"{cells[(lk, im)]:,}",
                    score=s,
                    band=band_word(band(s, rules)),
                )
            )
        body.append(line)
    headers = [tr("risk.heatmap.likelihood")] + [tr("risk.report.impact_col", value=im) for im in range(1, 6)]
    return Table(tr("risk.report.heatmap_caption"), headers, body, widths=(1.6, 1.5, 1.5, 1.5, 1.5, 1.5))


def register_table(rows: Sequence[RiskRow]) -> Table:
    headers = [
        tr(k)
        for k in (
            "risk.col.reference",
            "risk.col.title",
            "risk.col.owner",
            "risk.col.level",
            "risk.col.status",
            "risk.col.inherent",
            "risk.col.current",
            "risk.col.target",
            "risk.col.trend",
            "risk.col.next_review",
            "risk.col.flags",
        )
    ]
    body = [
        [
            r.reference,
            r.title,
            r.owner or "-",
            label(r.level),
            label(r.status),
            score_text(r.inherent_score, r.inherent_band),
            score_text(r.current_score, r.current_band),
            score_text(r.target_score, r.target_band),
            trend_text(r),
            long_day(r.next_review_on) or "-",
            "; ".join(flags(r)) or "-",
        ]
        for r in rows
    ]
    return Table(
        tr("risk.report.register_caption", count=f"{len(rows):,}"),
        headers,
        body,
        widths=(1.1, 3.6, 2.2, 1.4, 1.3, 1.4, 1.4, 1.4, 1.3, 1.7, 2.4),
    )


def mitigation_lines(row: RiskRow) -> list[str]:
    return [
        tr(
            "risk.report.mitigation_line",
            reference=m.reference or "-",
            title=m.title,
            status=label_status(m.status),
            lag=ntr("count.days", m.lag_days or 0),
            idle=ntr("count.days", m.days_since_update)
            if m.days_since_update is not None
            else tr("count.days_unknown"),
            late=tr("risk.report.late_mark") if m.late else "",
        )
        for m in row.mitigations
    ]


def label_status(value: str) -> str:
    from coprod.domain.enums import Status

    return label(Status(value))


def _entry(r: RiskRow) -> Entry:
    from coprod.services.reports.content import Bullets

    none = tr("risk.report.none")
    parts = [
        Part(
            tr("risk.report.part.description"),
            [
                Facts(
                    [
                        (tr("risk.report.cause"), r.cause),
                        (tr("risk.report.event"), r.event),
                        (tr("risk.report.effect"), r.effect),
                        (tr("risk.report.category"), label(r.category)),
                        (tr("risk.report.owner"), r.owner or none),
                        (tr("risk.report.level"), label(r.level)),
                        (tr("risk.report.next_review"), long_day(r.next_review_on) or none),
                    ]
                )
            ],
        ),
        Part(
            tr("risk.report.part.scores"),
            [
                Facts(
                    [
                        (tr("risk.col.inherent"), score_text(r.inherent_score, r.inherent_band)),
                        (tr("risk.col.current"), score_text(r.current_score, r.current_band)),
                        (tr("risk.col.target"), score_text(r.target_score, r.target_band)),
                        (tr("risk.col.trend"), trend_text(r)),
                    ]
                )
            ],
        ),
        Part(
            tr("risk.report.part.controls"),
            [
                Facts(
                    [
                        (tr("risk.report.controls"), r.controls or none),
                        (tr("risk.report.actions"), r.actions or none),
                    ]
                )
            ],
        ),
        Part(tr("risk.report.part.mitigations"), [Bullets(mitigation_lines(r) or [none])]),
        Part(
            tr("risk.report.part.history"),
            [
                Bullets(
                    [
                        tr(
                            "risk.report.history_line",
                            on=long_day(h.reviewed_on),
                            score=h.score,
                            likelihood=h.likelihood,
                            impact=h.impact,
                            by=f", {h.reviewer}" if h.reviewer else "",
                        )
                        for h in r.history
                    ]
                    or [none]
                )
            ],
        ),
    ]
    if r.escalations:
        parts.append(
            Part(
                tr("risk.report.part.escalations"),
                [
                    Bullets(
                        [
                            tr(
                                "risk.report.escalation_line",
                                on=long_day(e.escalated_on),
                                from_level=label(e.from_level),
                                to_level=label(e.to_level),
                                by=e.escalated_by,
                                score=e.score,
                                reason=e.reason,
                            )
                            for e in r.escalations
                        ]
                    )
                ],
            )
        )
    status = "; ".join([score_text(r.current_score, r.current_band), *flags(r)])
    return Entry(f"risk:{r.reference}", f"{r.reference} {r.title}", parts, status=status)


def board_sections(*, session: Session, as_of: date, since: date) -> list[Section]:
    """The board report's risk section: heat map, risks above target, risks with late
    mitigations and escalations since the last report. Empty when there are no risks."""
    rules = get_risk_rules(session=session)
    rows = list_risks(session=session, as_of=as_of, rules=rules)
    if not rows:
        return []
    live = [r for r in rows if r.is_open]
    above = [r for r in live if r.above_target]
    late = [r for r in live if r.mitigation_late]
    escalations = [(r, e) for r, e in escalations_since(rows, since) if e.escalated_on <= as_of]
    intro = Para(
        tr(
            "risk.board.intro",
            open=f"{len(live):,}",
            high=f"{sum(r.current_band is Rag.RED for r in live):,}",
            above=f"{len(above):,}",
            late=f"{len(late):,}",
            since=long_day(since),
            escalations=f"{len(escalations):,}",
        )
    )
    ref, title, owner = (tr(k) for k in ("risk.col.reference", "risk.col.title", "risk.col.owner"))
    above_table = Table(
        tr("risk.board.above_caption", count=f"{len(above):,}"),
        [ref, title, owner, tr("risk.col.current"), tr("risk.col.target"), tr("risk.col.trend")],
        [
            [
                r.reference,
                r.title,
                r.owner or "-",
                score_text(r.current_score, r.current_band),
                score_text(r.target_score, r.target_band),
                trend_text(r),
            ]
            for r in above
        ],
        widths=(1.1, 4.5, 2.4, 1.6, 1.6, 1.4),
    )
    late_table = Table(
        tr("risk.board.late_caption", count=f"{len(late):,}"),
        [ref, title, tr("risk.col.current"), tr("risk.col.late_recs")],
        [
            [
                r.reference,
                r.title,
                score_text(r.current_score, r.current_band),
                "; ".join(f"{m.reference or m.title} ({m.lag_days or 0})" for m in r.late_mitigations),
            ]
            for r in late
        ],
        widths=(1.1, 4.5, 1.6, 4.5),
    )
    escalation_table = Table(
        tr("risk.board.escalations_caption", count=f"{len(escalations):,}", since=long_day(since)),
        [
            ref,
            title,
            tr("risk.col.escalated_on"),
            tr("risk.col.by"),
            tr("risk.col.to"),
            tr("risk.col.score"),
            tr("risk.col.reason"),
        ],
        [
            [
                r.reference,
                r.title,
                long_day(e.escalated_on),
                e.escalated_by,
                label(e.to_level),
                str(e.score),
                e.reason,
            ]
            for r, e in escalations
        ],
        widths=(1.1, 3.2, 1.6, 2.2, 1.4, 0.9, 4),
    )
    return [
        Section(
            "risks",
            tr("risk.board.section"),
            [intro, heat_map_table(rows, rules), above_table, late_table, escalation_table],
        )
    ]
