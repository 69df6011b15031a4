"""Re-importing a tracker: a row whose reference is already known updates that recommendation.

Only what differs is changed, so importing the same file twice changes nothing and logs
nothing. The original target date is never overwritten (a new date is a revision).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Protocol

from sqlmodel import Session

from coprod.domain.enums import Status
from coprod.persistence.bulk import as_uuid
from coprod.services.data.importing.plan import Planned
from coprod.services.data.importing.rows import TrackerRow

Id = str | uuid.UUID  # new rows get hex ids; rows read back from the database are UUIDs


class RowWriter(Protocol):
    """What an update needs from the import's writer: ids for names, and the rows it adds."""

    session: Session

    def strategy_id(self, name: str | None) -> Id | None: ...
    def owner_id(self, name: str | None) -> Id | None: ...
    def session_id(self, row: TrackerRow) -> Id | None: ...
    def feedback(self, rid: Id, row: TrackerRow, planned: list[Planned]) -> None: ...
    def we_did(self, rid: Id, row: TrackerRow) -> None: ...
    def revision(self, rid: Id, old: date | None, row: TrackerRow) -> None: ...
    def status_changes(self, rid: Id, steps: list[tuple[Status, Status, date]], row: TrackerRow) -> None: ...


def _set(rec: Any, name: str, value: Any) -> bool:
    if getattr(rec, name) == value:
        return False
    setattr(rec, name, value)
    return True


def _you_said(writer: RowWriter, p: Planned) -> bool:
    """New words from residents become feedback and the summary; the summary or the linked
    feedback exported and read back changes nothing."""
    assert p.existing is not None
    rec, said, text = p.existing.rec, p.existing.feedback_texts, p.row.you_said
    if not text or text == rec.you_said:
        return False
    if text in said or text == "\n".join(said):
        return False  # already recorded; an officer's own summary is kept
    writer.feedback(rec.id, p.row, [p])
    rec.you_said = text
    return True


def update_existing(writer: RowWriter, p: Planned) -> bool:
    """Apply row `p` to its existing recommendation; True if anything changed."""
    assert p.existing is not None
    rec, row = p.existing.rec, p.row
    changed = False
    if rec.deleted_at is not None:
        rec.deleted_at = None
        changed = True
    changed |= _set(rec, "title", row.title)
    changed |= _set(rec, "raised_on", row.raised_on)
    if row.strategy:
        changed |= _set(rec, "strategy_id", as_uuid(writer.strategy_id(row.strategy)))
    if row.owner:
        changed |= _set(rec, "owner_id", as_uuid(writer.owner_id(row.owner)))
    if row.session:
        changed |= _set(rec, "source_session_id", as_uuid(writer.session_id(row)))
    if row.origin:
        changed |= _set(rec, "origin", row.origin)
    # Export writes the later of this date and the newest update's, so only a later date is news.
    shown = max((d for d in (rec.last_update_on, p.existing.latest_update) if d), default=None)
    if row.last_update_on and (shown is None or row.last_update_on > shown):
        changed |= _set(rec, "last_update_on", row.last_update_on)
    if p.steps:
        writer.status_changes(rec.id, p.steps, row)
        changed |= _set(rec, "status", row.status)
    if p.accepted_on and rec.accepted_on is None:
        changed |= _set(rec, "accepted_on", p.accepted_on)
    if row.status is Status.IMPLEMENTED:
        if row.implemented_on is not None:  # a tracker without the date never clears one added since
            changed |= _set(rec, "implemented_on", row.implemented_on)
        changed |= _set(rec, "progress", 100)
    elif row.progress is not None:
        changed |= _set(rec, "progress", row.progress)
    if row.status is Status.NOT_TAKEN_FORWARD:
        changed |= _set(rec, "decision_reason", row.closing_reason)
        decided = next((on for _, to, on in p.steps if to is Status.NOT_TAKEN_FORWARD), None)
        if decided:
            changed |= _set(rec, "decided_on", decided)
    if rec.target_date is None and row.target_date:
        changed |= _set(rec, "target_date", row.target_date)
    effective = rec.revised_target_date or rec.target_date
    if row.revised_target_date and row.revised_target_date != effective:
        writer.revision(rec.id, effective, row)
        changed |= _set(rec, "revised_target_date", row.revised_target_date)
    if row.we_did and row.we_did not in p.existing.public_texts:
        writer.we_did(rec.id, row)
        changed = True
    changed |= _you_said(writer, p)
    if changed:
        writer.session.add(rec)
    return changed
