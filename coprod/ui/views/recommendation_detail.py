"""The detail pane's text: every field, what residents said, and the timeline, as simple HTML.

Plain headings, lists and a two-column table read well in a screen reader and follow the
system font; every value from the database is escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape

from coprod.domain.enums import Status
from coprod.domain.lag import RecommendationLag
from coprod.i18n import N_, label, tr
from coprod.i18n.dates import long_day
from coprod.services.recommendations.detail import EventKind, RecommendationDetail, TimelineEntry
from coprod.ui.numbers import number


def _iso_day(value: str | None) -> str:
    return long_day(date.fromisoformat(value)) if value else tr("recs.none")


def _status(value: str | None) -> str:
    return label(Status(value)) if value else tr("recs.none")


def event_text(entry: TimelineEntry) -> str:
    """One timeline entry as a plain sentence."""
    if entry.kind == EventKind.UPDATE:
        key = N_("recs.tl.update_public") if entry.is_public else N_("recs.tl.update")
        text = tr(key, text=entry.text or "")
        if entry.progress is not None:
            text += " " + tr("recs.tl.progress", progress=entry.progress)
    elif entry.kind == EventKind.STATUS:
        text = (
            tr("recs.tl.raised", new=_status(entry.new))
            if entry.old is None
            else tr("recs.tl.status", old=_status(entry.old), new=_status(entry.new))
        )
        if entry.text:
            text += " " + tr("recs.tl.note", note=entry.text)
    elif entry.kind == EventKind.TARGET:
        text = tr(
            "recs.tl.target",
            old=_iso_day(entry.old),
            new=_iso_day(entry.new),
            reason=entry.text or "",
            approver=entry.approved_by or tr("recs.none"),
        )
    elif entry.kind == EventKind.OWNER:
        text = tr("recs.tl.owner", old=entry.old or tr("recs.none"), new=entry.new or tr("recs.none"))
        if entry.text:
            text += " " + tr("recs.tl.note", note=entry.text)
    else:
        text = tr("recs.tl.review", decision=label(entry.decision) if entry.decision else "")
        if entry.new:
            text += " " + tr("recs.tl.review_to", owner=entry.new)
        if entry.text:
            text += " " + tr("recs.tl.note", note=entry.text)
    if entry.by:
        text += " " + tr("recs.tl.by", by=entry.by)
    return text


def _field_rows(d: RecommendationDetail, lag: RecommendationLag | None) -> list[tuple[str, str]]:
    target = long_day(d.effective_target)
    if d.revised_target_date and d.target_date and d.revised_target_date != d.target_date:
        target = tr(
            "recs.target.was", target=long_day(d.revised_target_date), original=long_day(d.target_date)
        )
    rows = [
        (N_("recs.detail.status"), label(d.status)),
        (N_("recs.detail.rag"), label(lag.rag) if lag else ""),
        (N_("recs.detail.strategy"), d.strategy or tr("recs.none")),
        (N_("recs.detail.owner"), d.owner or tr("recs.none")),
        (N_("recs.detail.raised_on"), long_day(d.raised_on)),
        (N_("recs.detail.source"), d.source_session or tr("recs.none")),
        (N_("recs.detail.origin"), d.origin or ""),
        (
            N_("recs.detail.target"),
            target
            or (
                tr("recs.target.default", target=long_day(lag.effective_target))
                if lag
                else tr("recs.detail.no_target")
            ),
        ),
        (N_("recs.detail.progress"), f"{d.progress}%"),
    ]
    if lag is not None:
        rows += [
            (N_("recs.detail.lag"), "" if lag.lag_days is None else str(lag.lag_days)),
            (
                N_("recs.detail.since_update"),
                "" if lag.days_since_update is None else str(lag.days_since_update),
            ),
            (N_("recs.detail.extensions"), str(lag.extensions)),
            (
                N_("recs.detail.flags"),
                ", ".join(
                    w
                    for w, on in (
                        (tr("recs.detail.overdue"), lag.overdue),
                        (tr("recs.detail.stalled"), lag.stalled),
                    )
                    if on
                )
                or tr("recs.none"),
            ),
        ]
    rows += [
        (N_("recs.detail.accepted_on"), long_day(d.accepted_on)),
        (
            N_("recs.detail.implemented_on"),
            long_day(d.implemented_on)
            if d.implemented_on or d.status is not Status.IMPLEMENTED
            else tr("recs.detail.not_recorded"),
        ),
        (N_("recs.detail.decided_on"), long_day(d.decided_on)),
        (N_("recs.detail.decision_reason"), d.decision_reason or ""),
        (N_("recs.detail.success_measure"), d.success_measure or ""),
        (N_("recs.detail.cqc"), label(d.cqc_statement) if d.cqc_statement else ""),
        (N_("recs.detail.next_update_due"), long_day(d.next_update_due)),
    ]
    return [(tr(key), value) for key, value in rows if value]


def detail_html(d: RecommendationDetail, lag: RecommendationLag | None) -> str:
    heading = escape(f"{d.reference} {d.title}" if d.reference else d.title)
    parts = [f"<h2>{heading}</h2>"]
    if d.description:
        parts.append(f"<p>{escape(d.description)}</p>")
    parts.append("<table cellspacing='0' cellpadding='3'>")
    for name, value in _field_rows(d, lag):
        parts.append(f"<tr><th align='left' valign='top'>{escape(name)}</th><td>{escape(value)}</td></tr>")
    parts.append("</table>")
    said_heading = tr("recs.detail.said", count=number(len(d.feedback)))
    parts.append(f"<h3>{escape(said_heading)}</h3>")
    if d.feedback:
        parts.append("<ul>")
        for f in d.feedback:
            said = f"\u201c{f.text}\u201d" if f.is_verbatim else f.text
            where = tr("recs.detail.said_at", session=f.session_title, on=long_day(f.held_on))
            themes = (" " + tr("recs.detail.themes", themes=", ".join(f.themes))) if f.themes else ""
            parts.append(f"<li>{escape(said)} ({escape(where)}){escape(themes)}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>" + escape(tr("recs.detail.no_feedback")) + "</p>")
    timeline = tr("recs.detail.timeline")
    parts.append(f"<h3>{escape(timeline)}</h3><ol>")
    for entry in d.timeline:
        parts.append(f"<li><b>{escape(long_day(entry.on))}</b>: {escape(event_text(entry))}</li>")
    parts.append("</ol>")
    return "\n".join(parts)
