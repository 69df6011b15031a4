"""What a report covers, and loading the records in that scope as plain rows.

A scope is one session, one strategy, a date range (on the date raised), or everything,
seen "as at" a date: nothing recorded after that date is shown, so a report re-run later
for the same date says the same thing.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import String, func, literal_column, type_coerce
from sqlmodel import Session, col, select

from coprod.domain.enums import SessionFormat, Status
from coprod.domain.errors import CoprodError
from coprod.domain.models import (
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Participant,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    StatusChange,
    Strategy,
    TargetChange,
    Theme,
)
from coprod.domain.workflow import last_change
from coprod.i18n.dates import day, long_day
from coprod.persistence.dialect import in_list_size
from coprod.persistence.raw import Parsers, fetch_rows

T = TypeVar("T")
_CHUNK = 900  # below SQLite's limit on bound parameters in one IN (...)


@dataclass(frozen=True, slots=True)
class Scope:
    session_id: uuid.UUID | None = None
    strategy: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def as_dict(self) -> dict[str, str]:
        out = {
            "session": str(self.session_id) if self.session_id else "",
            "strategy": self.strategy or "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {k: v for k, v in out.items() if v}


@dataclass
class RecRow:
    id: uuid.UUID
    reference: str | None
    title: str
    raised_on: date
    status: Status
    implemented_on: date | None
    target: date | None  # the target in force on the "as at" date
    first_target: date | None  # the first target ever given: promises are kept against it
    reason: str | None
    success_measure: str | None
    next_update_due: date | None
    session_id: uuid.UUID | None
    strategy_id: uuid.UUID | None = None
    strategy: str | None = None
    updates: list[tuple[date, str]] = field(default_factory=list)  # public, oldest first
    themes: Counter[str] = field(default_factory=Counter)
    feedback_count: int = 0
    quotes: list[tuple[str, uuid.UUID]] = field(default_factory=list)  # (words, session), consented
    you_said: str | None = None  # the officer's plain-words summary
    notes: list[str] = field(default_factory=list)  # what was said, not verbatim, consented
    people: int = 0  # distinct participants, plus each comment nobody is named for
    said_at: Counter[uuid.UUID] = field(default_factory=Counter)  # session -> comments
    target_reason: str | None = None  # why the target last moved (on or before "as at")

    @property
    def key(self) -> str:
        return self.reference or str(self.id)

    @property
    def main_theme(self) -> str | None:
        """The theme most of its feedback has; without themes, the strategy it serves."""
        if self.themes:
            return min(self.themes, key=lambda t: (-self.themes[t], t))
        return self.strategy


@dataclass(frozen=True, slots=True)
class SessionRow:
    """An engagement session as the reports show it."""

    id: uuid.UUID
    title: str
    held_on: date
    format: SessionFormat
    participant_count: int
    groups_reached: list[str]
    adjustments: list[str]


@dataclass
class ScopeData:
    sessions: list[SessionRow]
    recs: list[RecRow]
    strategy_name: str | None = None
    session_title: str | None = None
    # every session the linked feedback came from: id -> (title, date, people counted)
    said_sessions: dict[uuid.UUID, tuple[str, date, int]] = field(default_factory=dict)


def chunks(items: list[T], size: int = _CHUNK) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def strategy_id(session: Session, name: str) -> uuid.UUID:
    found = session.exec(select(Strategy.id).where(func.lower(Strategy.name) == name.strip().lower())).first()
    if found is None:
        raise CoprodError("report.no_strategy", name=name)
    return found


# What the reports read of each recommendation, in the order `StoredReader.rec_row` takes them.
_REC_COLUMNS: tuple[Any, ...] = (
    Recommendation.id,
    Recommendation.reference,
    Recommendation.title,
    Recommendation.raised_on,
    Recommendation.status,
    Recommendation.implemented_on,
    Recommendation.target_date,
    Recommendation.decision_reason,
    Recommendation.success_measure,
    Recommendation.next_update_due,
    Recommendation.source_session_id,
    Recommendation.strategy_id,
    Recommendation.you_said,
)


def load(*, session: Session, scope: Scope, as_of: date) -> ScopeData:
    query = sa.select(*_REC_COLUMNS).where(col(Recommendation.deleted_at).is_(None))
    data = ScopeData(sessions=[], recs=[])
    read = StoredReader(session)
    if scope.session_id is not None:
        es = session.get(EngagementSession, scope.session_id)
        if es is None or es.deleted_at is not None:
            raise CoprodError("report.no_session", id=str(scope.session_id))
        data.session_title = es.title
        query = query.where(read.column(Recommendation.source_session_id) == read.key(scope.session_id))
    if scope.strategy:
        sid = strategy_id(session, scope.strategy)
        query = query.where(read.column(Recommendation.strategy_id) == read.key(sid))
        data.strategy_name = session.get(Strategy, sid).name  # type: ignore[union-attr]
    raised = read.column(Recommendation.raised_on)
    query = query.where(raised <= read.day(as_of))
    if scope.date_from:
        query = query.where(raised >= read.day(scope.date_from))
    if scope.date_to:
        query = query.where(raised <= read.day(scope.date_to))
    # Every other read takes the recommendations in scope as a subquery of this one: SQLite
    # joins them itself, where a list of ten thousand ids took longer to build and bind.
    in_scope = query.with_only_columns(Recommendation.id)
    stored, status_rows, target_rows, update_rows, feedback_rows, theme_rows, theme_names, strategy_names = (
        fetch_rows(session, statement)
        for statement in (
            query.order_by(Recommendation.raised_on, Recommendation.reference),
            _status_query(read, as_of, in_scope),
            _targets_query(read, as_of, in_scope),
            _updates_query(read, as_of, in_scope),
            _feedback_query(read, in_scope),
            _themes_query(in_scope),
            sa.select(Theme.id, Theme.name),
            sa.select(Strategy.id, Strategy.name),
        )
    )
    data.recs = [read.rec_row(r) for r in stored]
    read.by_key = {r[0]: rec for r, rec in zip(stored, data.recs, strict=True)}  # ids as stored
    _status_as_of(read, status_rows, as_of)
    _targets_as_of(read, target_rows)
    _updates(read, update_rows)
    _feedback(read, feedback_rows, theme_rows, dict(theme_names), as_of)
    names = {read.parse.shared_uuid(sid): name for sid, name in strategy_names}
    for r in data.recs:
        r.strategy = names.get(r.strategy_id) if r.strategy_id else None
    session_ids = {r.session_id for r in data.recs if r.session_id} | (
        {scope.session_id} if scope.session_id else set()
    )
    data.sessions = _sessions(read, data, session_ids)
    return data


class StoredReader:
    """Reads for the scope straight from the driver (see persistence/raw.py): the linked
    feedback alone is a hundred thousand rows at scale, and type processing cost more than
    the query. Rows are matched to recommendations by the id as stored."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.parse = Parsers(session)
        self.by_key: dict[Any, RecRow] = {}
        self.batch = in_list_size(session)  # a whole borough's recommendations in one or two reads

    def rec_row(self, r: tuple[Any, ...]) -> RecRow:
        """A recommendation as the reports need it, from the columns `load` selects."""
        (rid, reference, title, raised_on, status, implemented_on, target, reason, measure,
         next_due, session_id, strategy_id, you_said) = r  # fmt: skip
        day = self.date_or_none
        return RecRow(
            id=self.parse.uuid(rid),
            reference=reference,
            title=title,
            raised_on=self.parse.date(raised_on),
            status=_STATUSES[status],
            implemented_on=day(implemented_on),
            target=day(target),
            first_target=day(target),
            reason=reason,
            success_measure=measure,
            next_update_due=day(next_due),
            session_id=self.parse.shared_uuid(session_id),
            strategy_id=self.parse.shared_uuid(strategy_id),
            you_said=(you_said or "").strip() or None,
        )

    def key(self, value: uuid.UUID) -> Any:
        return value.hex if self.parse.raw else value

    def day(self, value: date) -> Any:
        return value.isoformat() if self.parse.raw else value

    def column(self, column: Any) -> Any:
        """A column compared with values as stored (ids and dates as text on SQLite)."""
        return type_coerce(column, String) if self.parse.raw else column

    def rows_in(self, query: Any, column: Any, keys: list[Any]) -> Iterator[tuple[Any, ...]]:
        for part in chunks(keys, self.batch):
            yield from fetch_rows(self.session, query.where(self.column(column).in_(part)))

    def date_or_none(self, value: Any) -> date | None:
        return None if value is None else self.parse.date(value)


_STATUSES: dict[Any, Status] = {s.value: s for s in Status} | {s: s for s in Status}


def _status_query(read: StoredReader, as_of: date, in_scope: Any) -> Any:
    return (
        sa.select(
            StatusChange.recommendation_id,
            StatusChange.changed_on,
            StatusChange.from_status,
            StatusChange.to_status,
            StatusChange.note,
        )
        .where(
            col(StatusChange.deleted_at).is_(None),
            read.column(StatusChange.changed_on) <= read.day(as_of),
            col(StatusChange.recommendation_id).in_(in_scope),
        )
        .order_by(StatusChange.changed_on, StatusChange.created_at)
    )


def _status_as_of(read: StoredReader, rows: list[tuple[Any, ...]], as_of: date) -> None:
    """Replay the status history up to the "as at" date; later changes are not yet known."""
    changes: dict[Any, list[tuple[Any, Any, Any, str | None]]] = {}
    for rid, on, from_status, to_status, note in rows:
        changes.setdefault(rid, []).append((on, from_status, to_status, note))
    latest = {rid: _last_status(found) for rid, found in changes.items()}
    for rid, row in read.by_key.items():
        if rid in latest:
            row.status, note = latest[rid]
            if row.status is Status.NOT_TAKEN_FORWARD:
                row.reason = row.reason or note
        if row.implemented_on and (row.status is not Status.IMPLEMENTED or row.implemented_on > as_of):
            row.implemented_on = None


def _last_status(changes: list[tuple[Any, Any, Any, str | None]]) -> tuple[Status, str | None]:
    """The status after `changes` (in date order), with the note of the change that set it."""
    _on, _from, to_status, note = last_change(changes)
    return _STATUSES[to_status], note


def _targets_query(read: StoredReader, as_of: date, in_scope: Any) -> Any:
    return (
        sa.select(TargetChange.recommendation_id, TargetChange.new_date, TargetChange.reason)
        .where(
            col(TargetChange.deleted_at).is_(None),
            read.column(TargetChange.changed_on) <= read.day(as_of),
            col(TargetChange.recommendation_id).in_(in_scope),
        )
        .order_by(TargetChange.changed_on, TargetChange.created_at)
    )


def _targets_as_of(read: StoredReader, rows: list[tuple[Any, ...]]) -> None:
    for rid, new_date, reason in rows:
        row = read.by_key.get(rid)
        if row is None:  # raised after the recommendations were read
            continue
        new = read.date_or_none(new_date)
        if row.first_target is None:
            row.first_target = new
        row.target, row.target_reason = new, reason


def _updates_query(read: StoredReader, as_of: date, in_scope: Any) -> Any:
    return (
        sa.select(
            RecommendationUpdate.recommendation_id, RecommendationUpdate.update_on, RecommendationUpdate.text
        )
        .where(
            col(RecommendationUpdate.deleted_at).is_(None),
            col(RecommendationUpdate.is_public).is_(True),
            read.column(RecommendationUpdate.update_on) <= read.day(as_of),
            col(RecommendationUpdate.recommendation_id).in_(in_scope),
        )
        .order_by(RecommendationUpdate.update_on, RecommendationUpdate.created_at)
    )


def _updates(read: StoredReader, rows: list[tuple[Any, ...]]) -> None:
    by_key, day = read.by_key, read.parse.date
    for rid, on, text in rows:
        row = by_key.get(rid)
        if row is not None:
            row.updates.append((day(on), text))


def _feedback_query(read: StoredReader, in_scope: Any) -> Any:
    q = (
        sa.select(
            RecommendationFeedback.recommendation_id,
            Feedback.id,
            Feedback.text,
            Feedback.is_verbatim,
            Participant.consent_given_on,
            Participant.consent_withdrawn_on,
            Feedback.participant_id,
            Feedback.session_id,
        )
        .join(Feedback, Feedback.id == RecommendationFeedback.feedback_id)
        .join(Participant, Participant.id == Feedback.participant_id, isouter=True)
        .where(
            col(RecommendationFeedback.deleted_at).is_(None),
            col(Feedback.deleted_at).is_(None),
            col(RecommendationFeedback.recommendation_id).in_(in_scope),
        )
        .order_by(Feedback.recorded_at)
    )
    if read.parse.raw:  # comments recorded at the same moment stay in the order they were linked
        q = q.order_by(literal_column("recommendation_feedback.rowid"))
    return q


def _themes_query(in_scope: Any) -> Any:
    """The themes of linked comments: the links and the themes' index say it all, without
    going back to the (large) feedback table for each comment."""
    return (
        sa.select(
            RecommendationFeedback.recommendation_id,
            RecommendationFeedback.feedback_id,
            FeedbackTheme.theme_id,
        )
        .join(FeedbackTheme, FeedbackTheme.feedback_id == RecommendationFeedback.feedback_id)
        .where(
            col(RecommendationFeedback.deleted_at).is_(None),
            col(FeedbackTheme.deleted_at).is_(None),
            col(RecommendationFeedback.recommendation_id).in_(in_scope),
        )
    )


def _feedback(
    read: StoredReader,
    rows: list[tuple[Any, ...]],
    theme_rows: list[tuple[Any, ...]],
    themes: dict[Any, str],
    as_of: date,
) -> None:
    """Counts, sessions and themes from every linked comment; words only from people who
    consented (or comments nobody is named for)."""
    named: dict[Any, set[Any]] = defaultdict(set)
    live: set[Any] = set()  # linked comments not deleted, as stored
    session_id = read.parse.shared_uuid
    by_key = read.by_key
    for rid, fid, text, verbatim, given, withdrawn, pid, stored_sid in rows:
        row = by_key.get(rid)
        if row is None:  # raised after the recommendations were read
            continue
        live.add(fid)
        sid = session_id(stored_sid)
        row.feedback_count += 1
        row.said_at[sid] += 1  # type: ignore[index]
        if pid is None:
            row.people += 1
        elif pid not in named[rid]:
            named[rid].add(pid)
            row.people += 1
        consented = pid is None or (
            given is not None and read.parse.date(given) <= as_of and withdrawn is None
        )
        if not consented:
            continue
        if verbatim and len(row.quotes) < 2:
            row.quotes.append((text, sid))
        elif not verbatim and len(row.notes) < 2:
            row.notes.append(text)
    for rid, fid, theme_id in theme_rows:
        if fid in live and rid in by_key:
            by_key[rid].themes[themes[theme_id]] += 1


def _sessions(read: StoredReader, data: ScopeData, ids: set[uuid.UUID]) -> list[SessionRow]:
    """The sessions `ids`, by date then title (then id, so that the order never depends on
    the order the rows came back in); and, in `data.said_sessions`, every session the linked
    feedback came from. One read serves both."""
    said = {sid for r in read.by_key.values() for sid in r.said_at}
    query = sa.select(
        *(
            col(EngagementSession.id),
            col(EngagementSession.title),
            col(EngagementSession.held_on),
            col(EngagementSession.format),
            col(EngagementSession.participant_count),
            col(EngagementSession.groups_reached),
            col(EngagementSession.adjustments),
        )
    )
    found = []
    parse = read.parse
    for stored, title, held_on, kind, people, groups, adjustments in read.rows_in(
        query, EngagementSession.id, [read.key(i) for i in ids | said]
    ):
        sid = parse.shared_uuid(stored)
        held = parse.date(held_on)
        if sid in said:
            data.said_sessions[sid] = (title, held, people)
        if sid in ids:
            found.append(
                SessionRow(
                    id=sid,
                    title=title,
                    held_on=held,
                    format=SessionFormat(kind),
                    participant_count=people,
                    groups_reached=parse.json_list(groups),
                    adjustments=parse.json_list(adjustments),
                )
            )
    return sorted(found, key=lambda s: (s.held_on, s.title, s.id))


def filter_lags(session: Session, lags: list[Any], scope: Scope) -> list[Any]:
    """The lag engine's rows that fall in `scope` (the engine itself covers everything)."""
    out = lags
    if scope.strategy:
        sid = strategy_id(session, scope.strategy)
        out = [x for x in out if x.strategy_id == sid]
    if scope.session_id is not None:
        es = session.get(EngagementSession, scope.session_id)
        if es is None or es.deleted_at is not None:
            raise CoprodError("report.no_session", id=str(scope.session_id))
        out = [x for x in out if x.session_id == scope.session_id]
    if scope.date_from:
        out = [x for x in out if x.raised_on >= scope.date_from]
    if scope.date_to:
        out = [x for x in out if x.raised_on <= scope.date_to]
    return out


def scope_title(session: Session, scope: Scope) -> str:
    """The scope in words for a subtitle: a session's title, a strategy's name, or everything."""
    from coprod.i18n import tr

    if scope.session_id is not None:
        es = session.get(EngagementSession, scope.session_id)
        what = es.title if es is not None else str(scope.session_id)
    elif scope.strategy:
        what = session.get(Strategy, strategy_id(session, scope.strategy)).name  # type: ignore[union-attr]
    else:
        what = tr("board.scope_all")
    if scope.date_from or scope.date_to:
        what = tr(
            "board.scope_dates",
            what=what,
            start=long_day(scope.date_from) if scope.date_from else "…",
            end=long_day(scope.date_to) if scope.date_to else "…",
        )
    return what


def recommendation_ids(session: Session, scope: Scope) -> set[uuid.UUID]:
    """Ids of live recommendations in a session or strategy scope (dates are not applied)."""
    query = select(Recommendation.id).where(col(Recommendation.deleted_at).is_(None))
    if scope.session_id is not None:
        query = query.where(Recommendation.source_session_id == scope.session_id)
    if scope.strategy:
        query = query.where(Recommendation.strategy_id == strategy_id(session, scope.strategy))
    return set(session.exec(query).all())


def scope_choices(*, session: Session) -> tuple[list[str], list[tuple[str, str]]]:
    """Strategy names and (session id, "title, date") pairs for choosing a report's scope."""
    strategies = list(
        session.exec(
            select(Strategy.name).where(col(Strategy.deleted_at).is_(None)).order_by(Strategy.name)
        ).all()
    )
    rows = session.exec(
        select(EngagementSession.id, EngagementSession.title, EngagementSession.held_on)
        .where(col(EngagementSession.deleted_at).is_(None))
        .order_by(col(EngagementSession.held_on).desc())
    ).all()
    return strategies, [(str(i), f"{title} ({day(held)})") for i, title, held in rows]
