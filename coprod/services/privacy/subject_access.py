"""Subject access: everything coprod holds about one person, readable (PDF) and machine-readable (JSON).

Identity, consents, sessions attended, what they said, the recommendations it fed, the audit
events about their records, and other versions of their details or words a team server kept
when two people changed them at once. Other residents' comments that mention the person's name are
listed apart, for the officer to check before anything is sent (they are about someone else too).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from coprod.domain.enums import AuditAction
from coprod.domain.errors import CoprodError
from coprod.domain.models import (
    AuditEvent,
    Consent,
    EngagementSession,
    Feedback,
    FeedbackTheme,
    Recommendation,
    RecommendationFeedback,
    Theme,
)
from coprod.domain.types import utcnow
from coprod.i18n import N_, label, ntr, tr
from coprod.i18n.dates import long_day
from coprod.persistence.audit import jsonable, record
from coprod.persistence.sync import kept_conflicts
from coprod.services.common.store import Store
from coprod.services.privacy.erasure import PARTICIPANT_BLANKS
from coprod.services.privacy.participants import get_participant


def gather(*, session: Session, code: str) -> dict[str, Any]:
    """What is held about the participant `code`, as plain JSON-ready values."""
    p = get_participant(session, code, deleted_too=True)
    own_ids = {str(p.id)}
    consents = list(
        session.exec(select(Consent).where(Consent.participant_id == p.id).order_by(col(Consent.given_on)))
    )
    own_ids |= {str(c.id) for c in consents}
    said = list(
        session.exec(
            select(Feedback).where(Feedback.participant_id == p.id).order_by(col(Feedback.recorded_at))
        )
    )
    own_ids |= {str(f.id) for f in said}
    fids = [f.id for f in said]
    sessions = {
        s.id: s
        for s in session.exec(
            select(EngagementSession).where(col(EngagementSession.id).in_({f.session_id for f in said}))
        )
    }
    themes: dict[Any, list[str]] = {}
    for fid, name in session.execute(
        select(FeedbackTheme.feedback_id, Theme.name)
        .join(Theme, col(Theme.id) == FeedbackTheme.theme_id)
        .where(col(FeedbackTheme.feedback_id).in_(fids), col(FeedbackTheme.deleted_at).is_(None))
    ):
        themes.setdefault(fid, []).append(name)
    fed = session.execute(
        select(
            RecommendationFeedback.feedback_id,
            Recommendation.reference,
            Recommendation.title,
            Recommendation.status,
        )
        .join(Recommendation, col(Recommendation.id) == RecommendationFeedback.recommendation_id)
        .where(
            col(RecommendationFeedback.feedback_id).in_(fids),
            col(RecommendationFeedback.deleted_at).is_(None),
        )
    ).all()
    events = session.exec(
        select(AuditEvent).where(col(AuditEvent.row_id).in_(own_ids)).order_by(col(AuditEvent.seq))
    ).all()
    return {
        "prepared_at": utcnow().isoformat(timespec="seconds"),
        "identity": {
            "code": p.code,
            "name": p.name,
            "contact": p.contact,
            "lawful_basis": label(p.lawful_basis),
            "recorded_on": p.created_at.date().isoformat(),
            "retain_until": jsonable(p.retain_until),
        },
        "consents": [
            {
                "use": label(c.use),
                "given_on": c.given_on.isoformat(),
                "how": c.method,
                "wording": c.wording,
                "withdrawn_on": jsonable(c.withdrawn_on),
            }
            for c in consents
        ],
        "sessions": [
            {"title": s.title, "held_on": s.held_on.isoformat(), "format": label(s.format)}
            for s in sorted(sessions.values(), key=lambda s: s.held_on)
        ],
        "said": [
            {
                "session": sessions[f.session_id].title if f.session_id in sessions else "",
                "recorded_at": f.recorded_at.isoformat(timespec="seconds"),
                "text": f.text,
                "quoted_word_for_word": f.is_verbatim,
                "themes": sorted(themes.get(f.id, [])),
                "deleted": f.deleted_at is not None,
            }
            for f in said
        ],
        "recommendations": [
            {"reference": ref, "title": title, "status": label(status)}
            for ref, title, status in sorted(
                {(r, t, s) for _f, r, t, s in fed}, key=lambda x: (x[0] or "", x[1])
            )
        ],
        "audit_events": [
            {
                "at": e.at.isoformat(timespec="seconds"),
                "by": e.actor,
                "action": str(e.action),
                "record": e.table_name,
                "fields": sorted(e.changes) if e.action in (AuditAction.CREATE, AuditAction.UPDATE) else [],
            }
            for e in events
        ],
        "other_versions": _other_versions(session, p.id, fids),
        "to_check": list(_mentions(session, p.name, p.contact, set(fids))),
    }


_ABOUT = {"participant": N_("sar.about_details"), "feedback": N_("sar.about_words")}


def _other_versions(session: Session, person: uuid.UUID, said: list[uuid.UUID]) -> list[dict[str, Any]]:
    """Versions of the person's details or words a team server kept when two people changed
    them at once (`sync_conflict`): personal data held too, until a manager settles them."""
    conn = session.connection()
    rows = kept_conflicts(conn, "participant", [person], tuple(PARTICIPANT_BLANKS))
    rows += kept_conflicts(conn, "feedback", said, ("text",))
    return [
        {
            "about": tr(_ABOUT[row["table_name"]]),
            "field": row["field"].replace("_", " "),
            "in_force": row["kept_value"],
            "other_version": row["other_value"],
            "kept_on": row["at"].date().isoformat(),
            "settled": row["settled"],
        }
        for row in sorted(rows, key=lambda r: r["at"])
    ]


def _mentions(
    session: Session,
    name: str | None,
    contact: str | None,
    own: set[Any],
) -> Iterator[dict[str, Any]]:
    """Other people's comments whose text mentions the person's name (or contact)."""
    words = [w for w in (name, contact) if w and len(w) >= 3]
    if not words:
        return
    query = (
        select(Feedback, EngagementSession.title)
        .join(EngagementSession, col(EngagementSession.id) == Feedback.session_id)
        .where(
            or_(*[func.lower(Feedback.text).contains(w.lower()) for w in words]),
            col(Feedback.deleted_at).is_(None),
        )
    )
    for f, title in session.execute(query):
        if f.id not in own:
            yield {
                "session": title,
                "recorded_at": f.recorded_at.isoformat(timespec="seconds"),
                "text": f.text,
                "feedback_id": str(f.id),
            }


def subject_access(db: Store, code: str, out: str | Path) -> dict[str, Any]:
    """Write the subject access file (.json or .pdf, by its name) and log that it was made."""
    path = Path(out)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("json", "pdf"):
        raise CoprodError("privacy.sar_kind", path=str(path))
    with db.reading() as session:
        data = gather(session=session, code=code)
    partial = path.with_name(path.name + ".partial")
    try:
        if kind == "json":
            partial.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            from coprod.services.privacy.sar_pdf import render_sar

            render_sar(data, partial)
        with db.transaction() as session:
            record(
                session,
                AuditAction.SUBJECT_ACCESS,
                table_name="participant",
                row_id=str(get_participant(session, code, deleted_too=True).id),
                changes={
                    "scope": "everything held",
                    "file": path.name,
                    "format": kind,
                    "comments": len(data["said"]),
                    "to_check": len(data["to_check"]),
                },
            )
            session.flush()
            partial.replace(path)
    except OSError as exc:
        raise CoprodError("export.cannot_write", path=str(path), reason=exc.strerror or str(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return data


def written(data: dict[str, Any], path: str, asked_on: date) -> list[str]:
    """What the officer is told once the file is written: where, how much, when it is due, and
    whether other comments need checking before anything is sent."""
    lines = [
        tr(
            "privacy.sar_written",
            code=data["identity"]["code"],
            path=path,
            said=ntr("privacy.sar_comments", len(data["said"])),
            events=ntr("privacy.sar_events", len(data["audit_events"])),
            due=long_day(due_by(asked_on)),
        )
    ]
    if data["to_check"]:
        lines.append(ntr("privacy.sar_to_check", len(data["to_check"])))
    return lines


def due_by(asked_on: date) -> date:
    """A subject access request is answered within one month (the same day next month, or the
    month's last day)."""
    import calendar

    year, month = (asked_on.year + (asked_on.month == 12), asked_on.month % 12 + 1)
    return date(year, month, min(asked_on.day, calendar.monthrange(year, month)[1]))
