"""Writing planned rows: Core bulk inserts for new recommendations, the ORM for updates.

New rows go in with executemany in large batches (10,000 rows in well under a second); the
ORM would take several seconds. Bulk inserts are logged with one audit event per table;
updates to existing recommendations go through the ORM so each change is logged in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, SQLModel, col

from coprod.domain.enums import Status
from coprod.domain.errors import Phrase
from coprod.domain.models import (
    EngagementSession,
    Feedback,
    Owner,
    Recommendation,
    RecommendationFeedback,
    RecommendationUpdate,
    StatusChange,
    Strategy,
    TargetChange,
)
from coprod.domain.types import utcnow
from coprod.i18n import tr
from coprod.persistence.audit import record_bulk
from coprod.persistence.bulk import IdMaker, column_names, insert_feedback, insert_many
from coprod.persistence.dialect import larger_page_cache
from coprod.persistence.sync import refuse_bulk_on_copy
from coprod.services.data.importing.plan import Planned
from coprod.services.data.importing.rows import TrackerRow
from coprod.services.data.importing.update import Id, update_existing

BATCH = 5000


@dataclass
class Written:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    tables: dict[str, int] = field(default_factory=dict)


class _Writer:
    def __init__(self, session: Session, source: str, by: str | None) -> None:
        self.session = session
        self.source = source
        self.by = by
        self.now = utcnow()
        self.new_id = IdMaker()
        self.target_reason = tr("import.target_reason", name=source)
        self.target_approver = tr("import.target_approver")
        self.undated_note = tr("import.undated_note", name=source)
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        self.columns: dict[str, list[str]] = {}
        strategies = session.execute(select(col(Strategy.id), col(Strategy.name)))
        self.strategies = {n.casefold(): i for i, n in strategies}
        self.owners: dict[str, Id] = {}
        for i, n in session.execute(select(col(Owner.id), col(Owner.name)).order_by(col(Owner.created_at))):
            self.owners.setdefault(n.casefold(), i)
        self.sessions: dict[tuple[str, date], Id] = {}
        for i, t, d in session.execute(
            select(col(EngagementSession.id), col(EngagementSession.title), col(EngagementSession.held_on))
        ):
            self.sessions.setdefault((t.casefold(), d), i)
        self.fallback_session: Id | None = None

    def add(self, model: type[SQLModel], **values: Any) -> Any:
        """Queue a new row; returns its id (32 hex digits, as stored; the ORM reads it as a UUID)."""
        name: str = model.__tablename__  # type: ignore[assignment]
        columns = self.columns.get(name)
        if columns is None:
            columns = self.columns[name] = column_names(model.__table__)  # type: ignore[attr-defined]
        rid = values.get("id") or self.new_id()
        values["id"] = rid
        values["created_at"] = values["updated_at"] = self.now
        values.setdefault("version", 1)
        self.rows.setdefault(name, []).append(tuple(map(values.get, columns)))
        return rid

    # names -> ids, creating what is new

    def strategy_id(self, name: str | None) -> Id | None:
        if not name:
            return None
        name = " ".join(name.split())
        key = name.casefold()
        if key not in self.strategies:
            self.strategies[key] = self.add(Strategy, name=name, active=True)
        return self.strategies[key]

    def owner_id(self, name: str | None) -> Id | None:
        if not name:
            return None
        name = " ".join(name.split())
        key = name.casefold()
        if key not in self.owners:
            self.owners[key] = self.add(Owner, name=name, active=True)
        return self.owners[key]

    def session_id(self, row: TrackerRow) -> Id | None:
        if not row.session:
            return None
        title = " ".join(row.session.split())
        held = row.session_date or row.raised_on
        key = (title.casefold(), held)
        if key not in self.sessions:
            self.sessions[key] = self.add(
                EngagementSession,
                title=title,
                held_on=held,
                format="other",
                ladder_level="consultation",
                participant_count=0,
                groups_targeted=[],
                groups_reached=[],
                adjustments=[],
                payments_pence=0,
                expenses_pence=0,
            )
        return self.sessions[key]

    def feedback_session(self, row: TrackerRow, planned: list[Planned]) -> Id:
        """Feedback must belong to a session; rows without one share a session named after the file."""
        own = self.session_id(row)
        if own is not None:
            return own
        if self.fallback_session is None:
            held = min(p.row.raised_on for p in planned if p.row.you_said and not p.row.session)
            title = tr("import.session_title", name=self.source)
            key = (title.casefold(), held)
            self.fallback_session = self.sessions.get(key) or self.add(
                EngagementSession,
                title=title,
                held_on=held,
                format="other",
                ladder_level="consultation",
                participant_count=0,
                groups_targeted=[],
                groups_reached=[],
                adjustments=[],
                payments_pence=0,
                expenses_pence=0,
            )
            self.sessions[key] = self.fallback_session
        return self.fallback_session

    # history

    def feedback(self, rid: Id, row: TrackerRow, planned: list[Planned]) -> None:
        said_on = row.session_date or row.raised_on
        fid = self.add(
            Feedback,
            session_id=self.feedback_session(row, planned),
            text=row.you_said,
            is_verbatim=False,
            participant_id=None,
            recorded_at=datetime.combine(said_on, time(12), tzinfo=UTC),
        )
        self.add(RecommendationFeedback, recommendation_id=rid, feedback_id=fid)

    def we_did(self, rid: Id, row: TrackerRow) -> None:
        progress = 100 if row.status is Status.IMPLEMENTED else row.progress
        self.add(
            RecommendationUpdate,
            recommendation_id=rid,
            update_on=row.activity_on,
            text=row.we_did,
            progress=progress,
            author=self.by,
            is_public=True,
        )

    def revision(self, rid: Id, old: date | None, row: TrackerRow) -> None:
        self.add(
            TargetChange,
            recommendation_id=rid,
            old_date=old,
            new_date=row.revised_target_date,
            reason=self.target_reason,
            approved_by=self.target_approver,
            changed_on=row.activity_on,
            changed_by=self.by,
        )

    def status_changes(self, rid: Id, steps: list[tuple[Status, Status, date]], row: TrackerRow) -> None:
        for old, new, on in steps:
            note = row.closing_reason if new is Status.NOT_TAKEN_FORWARD else None
            if new is Status.IMPLEMENTED and row.implemented_on is None:
                note = self.undated_note
            self.add(
                StatusChange,
                recommendation_id=rid,
                from_status=old.value,
                to_status=new.value,
                changed_on=on,
                changed_by=self.by,
                note=note,
            )

    def create(self, p: Planned, planned: list[Planned]) -> None:
        row = p.row
        rid = self.new_id()
        decided = next((on for _, to, on in p.steps if to is Status.NOT_TAKEN_FORWARD), None)
        self.add(
            Recommendation,
            id=rid,
            reference=row.reference,
            title=row.title,
            description=None,
            you_said=row.you_said,
            raised_on=row.raised_on,
            source_session_id=self.session_id(row),
            strategy_id=self.strategy_id(row.strategy),
            owner_id=self.owner_id(row.owner),
            status=row.status.value,
            progress=100 if row.status is Status.IMPLEMENTED else (row.progress or 0),
            success_measure=None,
            target_date=row.target_date,
            revised_target_date=(
                row.revised_target_date if row.revised_target_date != row.target_date else None
            ),
            accepted_on=p.accepted_on,
            implemented_on=row.implemented_on if row.status is Status.IMPLEMENTED else None,
            decision_reason=row.closing_reason if decided else None,
            decided_on=decided,
            cqc_statement=None,
            last_update_on=row.last_update_on,
            next_update_due=None,
            origin=row.origin,
        )
        self.add(
            StatusChange,
            recommendation_id=rid,
            from_status=None,
            to_status=Status.PROPOSED.value,
            changed_on=row.raised_on,
            changed_by=self.by,
            note=None,
        )
        self.status_changes(rid, p.steps, row)
        if row.we_did:
            self.we_did(rid, row)
        if row.revised_target_date and row.revised_target_date != row.target_date:
            self.revision(rid, row.target_date, row)
        if row.you_said:
            self.feedback(rid, row, planned)

    def flush(self) -> dict[str, int]:
        """Insert the new rows before the ORM writes its updates, which may refer to them."""
        counts: dict[str, int] = {}
        with self.session.no_autoflush, larger_page_cache(self.session.connection(), 65536):
            for table in SQLModel.metadata.sorted_tables:
                batch = self.rows.get(table.name)
                if not batch:
                    continue
                conn = self.session.connection()
                insert = insert_feedback if table.name == "feedback" else insert_many
                for i in range(0, len(batch), BATCH):
                    insert(conn, table, batch[i : i + BATCH])
                record_bulk(self.session, table.name, len(batch), note=f"import from {self.source}")
                counts[table.name] = len(batch)
        return counts


def write(session: Session, planned: list[Planned], *, source: str, by: str | None) -> Written:
    """Create or update a recommendation for each planned row, in the caller's transaction."""
    refuse_bulk_on_copy(session.connection(), Phrase("sync.bulk.import"))
    writer = _Writer(session, source, by)
    result = Written()
    for p in planned:
        if p.existing is None:
            writer.create(p, planned)
            result.created += 1
        elif update_existing(writer, p):
            result.updated += 1
        else:
            result.unchanged += 1
    result.tables = writer.flush()
    return result
