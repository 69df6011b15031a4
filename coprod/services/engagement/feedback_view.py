"""What residents said, as the Feedback and Capture pages show it: full-text search, filters, and
plain rows for a page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col

from coprod.domain.models import (
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Participant,
    Recommendation,
    RecommendationFeedback,
    Theme,
)
from coprod.persistence.dialect import feedback_matches, group_concat
from coprod.services.common.reading import in_order
from coprod.services.engagement.sessions_view import feedback_count

ES = EngagementSession


@dataclass(frozen=True, slots=True)
class FeedbackFilter:
    """What the feedback list is narrowed to. Empty values mean "any"."""

    text: str = ""
    session_id: uuid.UUID | None = None
    theme_id: uuid.UUID | None = None
    held_from: date | None = None
    held_to: date | None = None
    not_linked: bool = False


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    id: uuid.UUID
    session_id: uuid.UUID
    held_on: date
    session_title: str
    text: str
    is_verbatim: bool
    themes: str
    participant_code: str | None
    linked: int


@dataclass(frozen=True, slots=True)
class ThemeChoice:
    id: uuid.UUID
    name: str
    uses: int = field(default=0)


def _live(column: sa.ColumnElement[object]) -> sa.ColumnElement[bool]:
    return column.is_(None)


def _links() -> sa.Select[tuple[uuid.UUID]]:
    """Feedback ids of live links to live recommendations (a deleted one links nothing)."""
    return (
        sa.select(RecommendationFeedback.feedback_id)
        .join(Recommendation, Recommendation.id == RecommendationFeedback.recommendation_id)
        .where(_live(RecommendationFeedback.deleted_at), _live(Recommendation.deleted_at))
    )


def feedback_ids(*, session: Session, filters: FeedbackFilter = FeedbackFilter()) -> list[uuid.UUID]:
    """Live feedback matching `filters`, newest session first."""
    query = (
        sa.select(Feedback.id)
        .join(ES, ES.id == Feedback.session_id)
        .where(_live(Feedback.deleted_at), _live(ES.deleted_at))
    )
    if filters.text.strip():
        query = query.where(feedback_matches(session, filters.text))
    if filters.session_id is not None:
        query = query.where(Feedback.session_id == filters.session_id)
    if filters.theme_id is not None:
        tagged = sa.select(FeedbackTheme.feedback_id).where(
            FeedbackTheme.theme_id == filters.theme_id, _live(FeedbackTheme.deleted_at)
        )
        query = query.where(col(Feedback.id).in_(tagged))
    if filters.held_from is not None:
        query = query.where(ES.held_on >= filters.held_from)
    if filters.held_to is not None:
        query = query.where(ES.held_on <= filters.held_to)
    if filters.not_linked:
        query = query.where(col(Feedback.id).not_in(_links()))
    query = query.order_by(col(ES.held_on).desc(), col(Feedback.recorded_at).desc())
    return list(session.execute(query).scalars())


def feedback_rows(*, session: Session, ids: Sequence[uuid.UUID]) -> list[FeedbackRow]:
    """Rows for `ids`, in the same order (missing ids are skipped)."""
    if not ids:
        return []
    themes = (
        sa.select(FeedbackTheme.feedback_id, group_concat(session, Theme.name).label("names"))
        .join(Theme, Theme.id == FeedbackTheme.theme_id)
        .where(col(FeedbackTheme.feedback_id).in_(ids), _live(FeedbackTheme.deleted_at))
        .group_by(FeedbackTheme.feedback_id)
        .subquery()
    )
    linked = _links().where(col(RecommendationFeedback.feedback_id).in_(ids)).subquery()
    links = (
        sa.select(linked.c.feedback_id, sa.func.count().label("n")).group_by(linked.c.feedback_id).subquery()
    )
    query = (
        sa.select(
            Feedback.id,
            Feedback.session_id,
            ES.held_on,
            ES.title,
            Feedback.text,
            Feedback.is_verbatim,
            sa.func.coalesce(themes.c.names, ""),
            Participant.code,
            sa.func.coalesce(links.c.n, 0),
        )
        .join(ES, ES.id == Feedback.session_id)
        .outerjoin(Participant, Participant.id == Feedback.participant_id)
        .outerjoin(themes, themes.c.feedback_id == Feedback.id)
        .outerjoin(links, links.c.feedback_id == Feedback.id)
        .where(col(Feedback.id).in_(ids))
    )
    return in_order(session.execute(query), ids, FeedbackRow)


def themes(*, session: Session) -> list[ThemeChoice]:
    """Live themes by name, with how often each is used (for completers and filters)."""
    uses = (
        sa.select(FeedbackTheme.theme_id, sa.func.count().label("n"))
        .where(_live(FeedbackTheme.deleted_at))
        .group_by(FeedbackTheme.theme_id)
        .subquery()
    )
    query = (
        sa.select(Theme.id, Theme.name, sa.func.coalesce(uses.c.n, 0))
        .outerjoin(uses, uses.c.theme_id == Theme.id)
        .where(_live(Theme.deleted_at))
        .order_by(sa.func.lower(Theme.name))
    )
    return [ThemeChoice(*r) for r in session.execute(query)]


@dataclass(frozen=True, slots=True)
class SessionFeedback:
    """What the Capture page shows beside a session: how much was said, the newest of it, and
    the themes a typist can pick from."""

    count: int
    recent: list[FeedbackRow]
    theme_names: list[str]


def session_feedback(session: Session, *, session_id: uuid.UUID, recent: int) -> SessionFeedback:
    """The number of things said at a session, the `recent` newest, and every theme's name."""
    ids = feedback_ids(session=session, filters=FeedbackFilter(session_id=session_id))
    return SessionFeedback(
        count=feedback_count(session=session, session_id=session_id),
        recent=feedback_rows(session=session, ids=ids[:recent]),
        theme_names=[t.name for t in themes(session=session)],
    )
