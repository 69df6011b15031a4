"""What "You said, we did" says about one recommendation, in plain words.

"You said" is the officer's summary, then who raised it in numbers, then consented quotes
with their session and month. "Where it is now" never prints a date in the past as an
expectation: a recommendation past the target first given says it is late, the new date
and the recorded reason, or that no new date is agreed yet.
"""

from __future__ import annotations

import uuid
from datetime import date
from functools import cache, lru_cache

from coprod.domain.enums import Status
from coprod.i18n import N_, language, ntr, tr
from coprod.i18n.dates import english_month, long_day, month
from coprod.services.reports.content import Block, Para, Quote
from coprod.services.reports.scope import RecRow

# A recommendation's status in the report's plain words, short and as a sentence.
STATUS_WORDS = {
    Status.IMPLEMENTED: N_("yswd.status.implemented"),
    Status.IN_PROGRESS: N_("yswd.status.in_progress"),
    Status.ACCEPTED: N_("yswd.status.accepted"),
    Status.PROPOSED: N_("yswd.status.proposed"),
    Status.ON_HOLD: N_("yswd.status.on_hold"),
    Status.NOT_TAKEN_FORWARD: N_("yswd.status.not_taken_forward"),
}
_NOW = {
    Status.IN_PROGRESS: N_("yswd.now.in_progress"),
    Status.ACCEPTED: N_("yswd.now.accepted"),
    Status.PROPOSED: N_("yswd.now.proposed"),
    Status.ON_HOLD: N_("yswd.now.on_hold"),
}

SessionInfo = dict[uuid.UUID, tuple[str, date, int]]
_LISTED_SESSIONS = 3


def is_imported_session(title: str) -> bool:
    """The session import makes for rows that name none: not a session anyone attended."""
    return title.startswith(_imported_title(language()))


@cache
def _imported_title(lang: str) -> str:
    return tr("import.session_title", name="")


def session_words(title: str, held_on: date) -> str:
    """ "Carers' forum, March 2025"; a title that already names its month is kept as it is."""
    return _session_words(title, held_on, language())


# A long report names the same few thousand sessions again and again.
@lru_cache(maxsize=1 << 14)
def _session_words(title: str, held_on: date, lang: str) -> str:
    written = month(held_on)
    if written in title or english_month(held_on) in title:
        return title
    return tr("yswd.quote_source", session=title, month=written)


def said_blocks(r: RecRow, sessions: SessionInfo) -> list[Block]:
    """The summary (or, without one, what was noted), who raised it, and the quotes."""
    blocks: list[Block] = []
    if r.you_said:
        blocks.append(Para(r.you_said, authored=True))
    else:
        blocks.extend(Para(note, authored=True) for note in r.notes)
    raised = raised_by(r, sessions)
    if raised:
        blocks.append(Para(raised))
    for text, sid in r.quotes:
        title, held_on, _ = sessions.get(sid, ("", None, 0))
        source = session_words(title, held_on) if title and held_on and not is_imported_session(title) else ""
        blocks.append(Quote(text, source=source))
    if not blocks:
        blocks.append(Para(tr("yswd.said_none")))
    return blocks


def raised_by(r: RecRow, sessions: SessionInfo) -> str:
    """ "Raised by 12 people at 2 sessions: Carers' forum, March 2025; ..." or "" when the
    comments came only from an imported tracker (nobody counted who said them)."""
    known = [
        (sessions[sid][1], sessions[sid][0], n)
        for sid, n in r.said_at.items()
        if sid in sessions and not is_imported_session(sessions[sid][0])
    ]
    if not known:
        return ""
    known.sort()
    names = [session_words(title, on) for on, title, _ in known]
    listed = "; ".join(names[:_LISTED_SESSIONS])
    if len(names) > _LISTED_SESSIONS:
        listed = tr("yswd.and_more", listed=listed, count=f"{len(names) - _LISTED_SESSIONS:,}")
    return tr(
        "yswd.raised_by",
        people=ntr("count.person", r.people),
        count=ntr("count.session", len(known)),
        sessions=listed,
    )


def status_words(r: RecRow, as_of: date) -> tuple[str, str]:
    """(short status, full sentence) in plain words."""
    short = tr(STATUS_WORDS[r.status])
    if r.status is Status.IMPLEMENTED:
        sentence = (
            tr("yswd.now.done_on", when=long_day(r.implemented_on))
            if r.implemented_on
            else tr("yswd.now.done")
        )
        return short, sentence
    if r.status is Status.NOT_TAKEN_FORWARD:
        sentence = (
            tr("yswd.now.not_taken", reason=because(r.reason))
            if r.reason
            else tr("yswd.now.not_taken_no_reason")
        )
        return short, sentence
    if is_late(r, as_of):
        short = tr("yswd.status.late", status=short)
    return short, " ".join([tr(_NOW[r.status]), *time_words(r, as_of)])


def is_late(r: RecRow, as_of: date) -> bool:
    """Open and past the target first given (a later date does not make it on time)."""
    if r.status in (Status.IMPLEMENTED, Status.NOT_TAKEN_FORWARD):
        return False
    first = r.first_target or r.target
    return first is not None and first < as_of


def time_words(r: RecRow, as_of: date) -> list[str]:
    first, now = r.first_target or r.target, r.target
    if first is None or now is None:
        return []
    moved = now != first
    out: list[str] = []
    if is_late(r, as_of):
        out.append(tr("yswd.late", first=long_day(first)))
        if now >= as_of:
            out.append(tr("yswd.late.new_date", when=long_day(now)))
        if moved:
            out.append(_reason(r))
        if now < as_of:
            out.append(tr("yswd.late.no_new_date"))
        return out
    out.append(tr("yswd.expect_by", when=long_day(now)))
    if moved:
        out.append(tr("yswd.moved", first=long_day(first)))
        out.append(_reason(r))
    return out


def _reason(r: RecRow) -> str:
    reason = (r.target_reason or "").strip().rstrip(".")
    if not reason or reason.startswith(tr("import.target_reason", name="")):
        return tr("yswd.late.no_reason")
    return tr("yswd.late.reason", reason=reason)


def because(reason: str) -> str:
    reason = reason.strip().rstrip(".")
    if (
        len(reason) > 1
        and reason[0].isupper()
        and reason[1].islower()
        and not reason.startswith(("NHS", "I "))
    ):
        reason = reason[0].lower() + reason[1:]
    return reason


def next_words(r: RecRow, as_of: date) -> str:
    if r.status is Status.IMPLEMENTED:
        return (
            tr("yswd.next.check", measure=r.success_measure.rstrip("."))
            if r.success_measure
            else tr("yswd.next.done")
        )
    if r.status is Status.NOT_TAKEN_FORWARD:
        return tr("yswd.next.not_taken")
    due = r.next_update_due if r.next_update_due and r.next_update_due > as_of else None
    if due is None and r.target and r.target > as_of:
        due = r.target
    return tr("yswd.next.by", when=long_day(due)) if due else tr("yswd.next.soon")


def kept_on_time(recs: list[RecRow], as_of: date) -> tuple[int, int]:
    """(kept, due): promises whose first target has come, and how many were done by it.

    Work done early counts as kept; work done with no recorded date, and work not taken
    forward, are left out, because whether it was on time cannot be said.
    """
    kept = due = 0
    for r in recs:
        first = r.first_target
        if first is None or r.status is Status.NOT_TAKEN_FORWARD:
            continue
        if r.status is Status.IMPLEMENTED:
            if r.implemented_on is None:
                continue
            due += 1
            kept += r.implemented_on <= first
        elif first < as_of:
            due += 1
    return kept, due
