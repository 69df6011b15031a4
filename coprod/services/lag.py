"""The lag engine: per-recommendation figures and team figures, for GUI, reports and CLI.

SQL gathers, per recommendation, its own dates plus the latest status change, update, target
change and review and the number of target changes; the pure rules in domain/lag.py turn
those into figures. No ORM objects are loaded: rows come back as plain tuples
(persistence/raw.py), because building SQLAlchemy rows costs more than the query.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect
from sqlmodel import Session

from coprod.domain.enums import CqcStatement, Status
from coprod.domain.figures import GroupFigures, figures_for, group
from coprod.domain.lag import LagFacts, RecommendationLag, compute, review_order
from coprod.domain.models import (
    EngagementSession,
    Owner,
    Recommendation,
    RecommendationUpdate,
    Review,
    SessionStrategy,
    StatusChange,
    Strategy,
    TargetChange,
)
from coprod.domain.settings import TeamRules
from coprod.i18n import label, tr
from coprod.persistence.raw import Parsers, fetch_rows
from coprod.persistence.repositories.settings import get_team_rules

_R = Recommendation.__table__  # type: ignore[attr-defined]


def _raw(column: Any) -> ColumnElement[str]:
    return type_coerce(column, String)


def _latest(model: type, day_column: str, *, count: bool = False) -> ScalarSelect[Any]:
    """The latest live `day_column` (or the number of live rows) for each recommendation."""
    t = model.__table__  # type: ignore[attr-defined]
    value = func.count() if count else func.max(t.c[day_column])
    return select(value).where(t.c.recommendation_id == _R.c.id, t.c.deleted_at.is_(None)).scalar_subquery()


def load_facts(*, session: Session, ids: Collection[uuid.UUID] | None = None) -> list[LagFacts]:
    """The dates the engine needs, for every live recommendation (or just `ids`).

    One statement: each activity table answers through a correlated subquery that its
    (recommendation_id, deleted_at, day) index serves without touching the table.
    """
    s = Strategy.__table__.alias("s")  # type: ignore[attr-defined]
    o = Owner.__table__.alias("o")  # type: ignore[attr-defined]
    query = (
        select(
            _R.c.id, _R.c.reference, _R.c.title, s.c.name, o.c.name, _R.c.status, _R.c.raised_on,
            _R.c.target_date, _R.c.revised_target_date, _R.c.implemented_on, _R.c.accepted_on,
            _R.c.decided_on, _R.c.last_update_on,
            _latest(StatusChange, "changed_on"), _latest(RecommendationUpdate, "update_on"),
            _latest(TargetChange, "changed_on"), _latest(TargetChange, "changed_on", count=True),
            _latest(Review, "reviewed_on"),
            _R.c.strategy_id, _R.c.owner_id, _R.c.source_session_id, _R.c.cqc_statement,
        )
        .select_from(_R)
        .outerjoin(s, s.c.id == _R.c.strategy_id)
        .outerjoin(o, o.c.id == _R.c.owner_id)
        .where(_R.c.deleted_at.is_(None))
    )
    parse = Parsers(session)
    if ids is not None:
        wanted = [i.hex for i in ids] if parse.raw else list(ids)
        query = query.where((_raw(_R.c.id) if parse.raw else _R.c.id).in_(wanted))
    day, uid, shared = parse.date, parse.uuid, parse.shared_uuid
    statuses = {s.value: s for s in Status} | {s: s for s in Status}
    statements = {c.value: c for c in CqcStatement} | {c: c for c in CqcStatement}
    return [
        LagFacts(
            uid(r[0]), r[1], r[2], r[3], r[4], statuses[r[5]], day(r[6]),
            r[7] and day(r[7]), r[8] and day(r[8]), r[9] and day(r[9]), r[10] and day(r[10]),
            r[11] and day(r[11]), r[12] and day(r[12]), r[13] and day(r[13]),
            r[14] and day(r[14]), r[15] and day(r[15]), r[17] and day(r[17]), r[16],
            shared(r[18]), shared(r[19]), shared(r[20]), statements.get(r[21]),
        )
        for r in fetch_rows(session, query)
    ]


def recommendation_lags(
    *,
    session: Session,
    as_of: date,
    rules: TeamRules | None = None,
    ids: Collection[uuid.UUID] | None = None,
) -> list[RecommendationLag]:
    """Lag figures for every live recommendation (or just `ids`), as of `as_of`."""
    rules = rules or get_team_rules(session=session)
    return [compute(f, as_of=as_of, rules=rules) for f in load_facts(session=session, ids=ids)]


def stalled_or_overdue(
    *, session: Session, as_of: date, rules: TeamRules | None = None
) -> list[RecommendationLag]:
    """Open recommendations that are stalled or overdue: worst lag first, then longest idle."""
    lags = recommendation_lags(session=session, as_of=as_of, rules=rules)
    return sorted((x for x in lags if x.stalled or x.overdue), key=review_order)


GROUPINGS = ("strategy", "owner", "session", "cqc")


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def team_figures(
    *,
    session: Session,
    as_of: date,
    by: str | None = None,
    rules: TeamRules | None = None,
    lags: Sequence[RecommendationLag] | None = None,
) -> list[GroupFigures]:
    """Team figures for the whole team (`by` None) or per strategy, owner, session or CQC
    quality statement. Pass `lags` (for the same `as_of`) to group figures already computed."""
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}")
    if lags is None:
        lags = recommendation_lags(session=session, as_of=as_of, rules=rules)
    sessions = _session_facts(session)
    if by is None:
        closed = [s.closed for s in sessions.values()]
        pct = round(100 * sum(closed) / len(closed), 1) if closed else None
        return [figures_for(None, tr("figures.whole_team"), lags, loop_closed_pct=pct)]
    if by == "strategy":
        names = _names(session, Strategy)
        # A strategy's sessions: those linked to it, and those its recommendations came from.
        links = _session_strategies(session)
        for x in lags:
            if x.strategy_id and x.session_id:
                links.setdefault(str(x.strategy_id), set()).add(str(x.session_id))
        return group(
            lags, lambda x: _str(x.strategy_id), lambda k: names.get(k, tr("figures.no_strategy")),
            lambda k: _loop_pct([sessions[s] for s in links.get(k, ()) if s in sessions]) if k else None,
        )
    if by == "owner":
        names = _names(session, Owner)
        return group(lags, lambda x: _str(x.owner_id), lambda k: names.get(k, tr("figures.no_owner")))
    if by == "session":
        return group(
            lags, lambda x: _str(x.session_id),
            lambda k: sessions[k].name if k in sessions else tr("figures.no_session"),
            lambda k: (100.0 if sessions[k].closed else 0.0) if k in sessions else None,
        )
    return group(
        lags, lambda x: x.cqc_statement.value if x.cqc_statement else None,
        lambda k: label(CqcStatement(k)) if k else tr("figures.no_cqc"),
    )


@dataclass(frozen=True, slots=True)
class _SessionFacts:
    name: str
    closed: bool


def _session_facts(session: Session) -> dict[str, _SessionFacts]:
    t = EngagementSession.__table__  # type: ignore[attr-defined]
    query = select(_raw(t.c.id), t.c.title, _raw(t.c.held_on), t.c.feedback_returned_on.is_not(None))
    rows = session.execute(query.where(t.c.deleted_at.is_(None))).all()
    return {
        str(uuid.UUID(i)): _SessionFacts(f"{title} ({held})", bool(closed))
        for i, title, held, closed in rows
    }


def _session_strategies(session: Session) -> dict[str, set[str]]:
    t = SessionStrategy.__table__  # type: ignore[attr-defined]
    out: dict[str, set[str]] = {}
    query = select(_raw(t.c.strategy_id), _raw(t.c.session_id)).where(t.c.deleted_at.is_(None))
    rows = session.execute(query)
    for strategy_id, session_id in rows.all():
        out.setdefault(str(uuid.UUID(strategy_id)), set()).add(str(uuid.UUID(session_id)))
    return out


def _names(session: Session, model: type) -> dict[str, str]:
    t = model.__table__  # type: ignore[attr-defined]
    return {str(uuid.UUID(i)): n for i, n in session.execute(select(_raw(t.c.id), t.c.name)).all()}


def _loop_pct(facts: list[_SessionFacts]) -> float | None:
    return round(100 * sum(f.closed for f in facts) / len(facts), 1) if facts else None
