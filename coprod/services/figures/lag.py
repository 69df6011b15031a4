"""The lag engine: per-recommendation figures and team figures, for GUI, reports and CLI.

SQL gathers, per recommendation, its own dates plus the latest status change, update, target
change and review and the number of target changes; the pure rules in domain/lag.py turn
those into figures. No ORM objects are loaded: rows come back as plain tuples
(persistence/raw.py), because building SQLAlchemy rows costs more than the query. The tables
are described with Core (persistence/figure_tables.py), and every function takes an ORM
session or a Core connection, so `coprod lag` starts without loading SQLModel or the models.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.expression import TableClause

from coprod.domain.enums import CqcStatement, Status
from coprod.domain.figures import GroupFigures, figures_for, group
from coprod.domain.lag import LagFacts, RecommendationLag, compute_many, review_order
from coprod.domain.settings import TeamRules
from coprod.domain.workflow import status_at_end_of
from coprod.i18n import label, tr
from coprod.persistence import figure_tables as T
from coprod.persistence.raw import Parsers, Source, fetch_rows

_R = T.RECOMMENDATION


def _raw(column: Any) -> ColumnElement[str]:
    return type_coerce(column, String)


def _ids_in(column: Any, ids: Collection[uuid.UUID], parse: Parsers) -> ColumnElement[bool]:
    """`column IN ids`, bound as stored so the driver-level read needs no type processing."""
    if parse.raw:
        return _raw(column).in_([i.hex for i in ids])
    return column.in_(list(ids))


def _activity(
    session: Source,
    t: TableClause,
    day_column: str,
    ids: Collection[uuid.UUID] | None,
    parse: Parsers,
    until: Any = None,
) -> dict[Any, tuple[Any, int]]:
    """Per recommendation (by stored id): the latest live `day_column` and the live row count,
    up to `until` (a day as stored) if given.

    Served by the table's (recommendation_id, deleted_at, day) index without touching rows.
    """
    query = select(t.c.recommendation_id, func.max(t.c[day_column]), func.count())
    query = query.where(t.c.deleted_at.is_(None)).group_by(t.c.recommendation_id)
    if ids is not None:
        query = query.where(_ids_in(t.c.recommendation_id, ids, parse))
    if until is not None:
        query = query.where(t.c[day_column] <= until)
    return {rid: (last, n) for rid, last, n in fetch_rows(session, query, text_ids=True)}


@dataclass(frozen=True)
class _TakenBack:
    """What a recommendation held at the end of a past day, where it changed since, by stored id:
    its status, its revised target and its owner (values as stored)."""

    status: dict[Any, Any]
    revised: dict[Any, Any]
    owner: dict[Any, Any]

    @classmethod
    def read(
        cls, session: Source, until: Any, ids: Collection[uuid.UUID] | None, parse: Parsers
    ) -> _TakenBack:
        sc, tc, oc = T.STATUS_CHANGE, T.TARGET_CHANGE, T.OWNER_CHANGE

        def changed_later(t: TableClause) -> Any:
            query = select(t.c.recommendation_id).where(t.c.deleted_at.is_(None), t.c.changed_on > until)
            return query if ids is None else query.where(_ids_in(t.c.recommendation_id, ids, parse))

        def history(t: TableClause, *columns: Any) -> dict[Any, list[tuple[Any, ...]]]:
            """Every live change, in date order, of the recommendations changed after the day."""
            query = select(t.c.recommendation_id, t.c.changed_on, *columns).where(
                t.c.deleted_at.is_(None), t.c.recommendation_id.in_(changed_later(t))
            )
            found: dict[Any, list[tuple[Any, ...]]] = {}
            for rid, *change in fetch_rows(
                session, query.order_by(t.c.changed_on, t.c.created_at), text_ids=True
            ):
                found.setdefault(rid, []).append(tuple(change))
            return found

        status = {
            rid: status_at_end_of(until, changes)
            for rid, changes in history(sc, sc.c.from_status, sc.c.to_status).items()
        }
        # The revised target the last change up to then set; none if every change came later.
        revised = {
            rid: next((c[1] for c in reversed(changes) if c[0] <= until), None)
            for rid, changes in history(tc, tc.c.new_date).items()
        }
        # The owner the first later change took it from.
        owner = {
            rid: next(c[1] for c in changes if c[0] > until)
            for rid, changes in history(oc, oc.c.from_owner_id).items()
        }
        return cls(status, revised, owner)


def _upto(value: Any, until: Any) -> Any:
    """A stored day, or None if it is after `until`: not yet known then."""
    return value if value is None or value <= until else None


def _names_by_stored_id(session: Source, t: TableClause) -> dict[Any, str]:
    return dict(fetch_rows(session, select(t.c.id, t.c.name), text_ids=True))


def load_facts(
    *, session: Source, ids: Collection[uuid.UUID] | None = None, as_at: date | None = None
) -> list[LagFacts]:
    """The dates the engine needs, for every live recommendation (or just `ids`).

    One read of the recommendations and one grouped read of each activity table, joined here
    by stored id: cheaper than joins or correlated subqueries over 32-character keys.

    With `as_at`, as things stood at the end of that day: recommendations raised later are left
    out, and what happened later is taken back (status changes, target revisions, owner
    changes, updates, reviews, and the dates of acceptance, decision and completion).
    """
    parse = Parsers(session)
    until = None if as_at is None else as_at.isoformat() if parse.raw else as_at
    query = select(
        _R.c.id,
        _R.c.reference,
        _R.c.title,
        _R.c.strategy_id,
        _R.c.owner_id,
        _R.c.status,
        _R.c.raised_on,
        _R.c.target_date,
        _R.c.revised_target_date,
        _R.c.implemented_on,
        _R.c.accepted_on,
        _R.c.decided_on,
        _R.c.last_update_on,
        _R.c.source_session_id,
        _R.c.cqc_statement,
    ).where(_R.c.deleted_at.is_(None))
    if ids is not None:
        query = query.where(_ids_in(_R.c.id, ids, parse))
    none: tuple[None, int] = (None, 0)
    status_changes = _activity(session, T.STATUS_CHANGE, "changed_on", ids, parse, until)
    updates = _activity(session, T.RECOMMENDATION_UPDATE, "update_on", ids, parse, until)
    targets = _activity(session, T.TARGET_CHANGE, "changed_on", ids, parse, until)
    reviews = _activity(session, T.REVIEW, "reviewed_on", ids, parse, until)
    back = _TakenBack.read(session, until, ids, parse) if until is not None else None
    strategies = _names_by_stored_id(session, T.STRATEGY)
    owners = _names_by_stored_id(session, T.OWNER)
    day, uid, shared = parse.date, parse.uuid, parse.shared_uuid
    statuses = {s.value: s for s in Status} | {s: s for s in Status}
    statements = {c.value: c for c in CqcStatement} | {c: c for c in CqcStatement}
    out: list[LagFacts] = []
    append = out.append
    for (
        rid,
        reference,
        title,
        strategy_id,
        owner_id,
        status,
        raised,
        target,
        revised,
        implemented,
        accepted,
        decided,
        imported_last,
        session_id,
        statement,
    ) in fetch_rows(session, query, text_ids=True):
        if back is not None:
            if raised > until:  # (in Python: a condition in SQL would read rows by the date's index)
                continue
            status = back.status.get(rid, status)
            revised = back.revised.get(rid, revised)
            owner_id = back.owner.get(rid, owner_id)
            done = statuses[status] is Status.IMPLEMENTED
            implemented = _upto(implemented, until) if done else None
            accepted, decided = _upto(accepted, until), _upto(decided, until)
            imported_last = _upto(imported_last, until)
        changed = status_changes.get(rid, none)[0]
        updated = updates.get(rid, none)[0]
        reviewed = reviews.get(rid, none)[0]
        target_changed, extensions = targets.get(rid, none)
        append(
            LagFacts(
                uid(rid),
                reference,
                title,
                strategies.get(strategy_id),
                owners.get(owner_id),
                statuses[status],
                day(raised),
                target and day(target),
                revised and day(revised),
                implemented and day(implemented),
                accepted and day(accepted),
                decided and day(decided),
                imported_last and day(imported_last),
                changed and day(changed),
                updated and day(updated),
                target_changed and day(target_changed),
                reviewed and day(reviewed),
                extensions,
                shared(strategy_id),
                shared(owner_id),
                shared(session_id),
                statements.get(statement),
            )
        )
    return out


def recommendation_lags(
    *,
    session: Source,
    as_of: date,
    rules: TeamRules | None = None,
    ids: Collection[uuid.UUID] | None = None,
    as_things_stood: bool = False,
) -> list[RecommendationLag]:
    """Lag figures for every live recommendation (or just `ids`), measured on `as_of`: of the
    records as they are now, or with `as_things_stood` as they stood at the end of that day
    (`load_facts`), as a board report or a review pack "as at" a past date must show them."""
    rules = rules or T.team_rules(session)
    facts = load_facts(session=session, ids=ids, as_at=as_of if as_things_stood else None)
    return compute_many(facts, as_of=as_of, rules=rules)


def stalled_or_overdue(
    *, session: Source, as_of: date, rules: TeamRules | None = None, as_things_stood: bool = False
) -> list[RecommendationLag]:
    """Open recommendations that are stalled or overdue: worst lag first, then longest idle."""
    lags = recommendation_lags(session=session, as_of=as_of, rules=rules, as_things_stood=as_things_stood)
    return sorted((x for x in lags if x.stalled or x.overdue), key=review_order)


GROUPINGS = ("strategy", "owner", "session", "cqc")


def team_figures(
    *,
    session: Source,
    as_of: date,
    by: str | None = None,
    rules: TeamRules | None = None,
    lags: Sequence[RecommendationLag] | None = None,
    as_things_stood: bool = False,
) -> list[GroupFigures]:
    """Team figures for the whole team (`by` None) or per strategy, owner, session or CQC
    quality statement. Pass `lags` (for the same `as_of`) to group figures already computed."""
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}")
    if lags is None:
        lags = recommendation_lags(session=session, as_of=as_of, rules=rules, as_things_stood=as_things_stood)
    parse = Parsers(session)
    sessions = _session_facts(session, parse)
    if by is None:
        pct = _loop_pct(sessions.values())
        return [figures_for(None, tr("figures.whole_team"), lags, loop_closed_pct=pct)]
    if by == "strategy":
        names = _names(session, T.STRATEGY, parse)
        # A strategy's sessions: those linked to it, and those its recommendations came from.
        links = _session_strategies(session, parse)
        for x in lags:
            if x.strategy_id and x.session_id:
                links.setdefault(x.strategy_id, set()).add(x.session_id)
        return group(
            lags,
            lambda x: x.strategy_id,
            lambda k: names.get(k, tr("figures.no_strategy")),
            lambda k: _loop_pct(sessions[s] for s in links.get(k, ()) if s in sessions) if k else None,
        )
    if by == "owner":
        names = _names(session, T.OWNER, parse)
        return group(lags, lambda x: x.owner_id, lambda k: names.get(k, tr("figures.no_owner")))
    if by == "session":
        return group(
            lags,
            lambda x: x.session_id,
            lambda k: sessions[k].name if k in sessions else tr("figures.no_session"),
            lambda k: (100.0 if sessions[k].closed else 0.0) if k in sessions else None,
        )
    return group(
        lags,
        lambda x: x.cqc_statement.value if x.cqc_statement else None,
        lambda k: label(CqcStatement(k)) if k else tr("figures.no_cqc"),
    )


@dataclass(frozen=True, slots=True)
class _SessionFacts:
    name: str
    closed: bool


def _session_facts(session: Source, parse: Parsers) -> dict[uuid.UUID | None, _SessionFacts]:
    t = T.ENGAGEMENT_SESSION
    query = select(t.c.id, t.c.title, t.c.held_on, t.c.feedback_returned_on).where(t.c.deleted_at.is_(None))
    return {
        parse.shared_uuid(i): _SessionFacts(f"{title} ({held})", returned is not None)
        for i, title, held, returned in fetch_rows(session, query)
    }


def _session_strategies(session: Source, parse: Parsers) -> dict[uuid.UUID | None, set[uuid.UUID | None]]:
    t = T.SESSION_STRATEGY
    out: dict[uuid.UUID | None, set[uuid.UUID | None]] = {}
    query = select(t.c.strategy_id, t.c.session_id).where(t.c.deleted_at.is_(None))
    for strategy_id, session_id in fetch_rows(session, query):
        out.setdefault(parse.shared_uuid(strategy_id), set()).add(parse.shared_uuid(session_id))
    return out


def _names(session: Source, t: TableClause, parse: Parsers) -> dict[uuid.UUID | None, str]:
    return {parse.shared_uuid(i): n for i, n in fetch_rows(session, select(t.c.id, t.c.name))}


def _loop_pct(facts: Iterable[_SessionFacts]) -> float | None:
    closed = [f.closed for f in facts]
    return round(100 * sum(closed) / len(closed), 1) if closed else None
