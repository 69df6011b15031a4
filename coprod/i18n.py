"""Every sentence a user reads comes from here, so that translation is possible later.

Services and domain rules speak in codes with parameters; the GUI and the CLI turn those
into words with `tr`. Keep messages plain: what is wrong, then what to do.
"""

from __future__ import annotations

from enum import StrEnum

_MESSAGES: dict[str, str] = {
    # Status workflow
    "rule.transition_not_allowed": (
        "A recommendation cannot move from {old} to {new}. {hint}"
    ),
    "rule.same_status": "The recommendation is already {status}.",
    "rule.implemented_needs_date": "Give the date it was implemented before marking it implemented.",
    "rule.implemented_before_raised": (
        "The implemented date {implemented_on} is before the date it was raised ({raised_on}); "
        "check the date."
    ),
    "rule.implemented_in_future": "The implemented date {implemented_on} is in the future; check the date.",
    "rule.implemented_needs_public_update": (
        "Add a public update saying what was done before marking it implemented, "
        "so residents can hear back."
    ),
    "rule.not_taken_forward_needs_reason": "Say why it is not being taken forward.",
    "rule.target_change_needs_reason": "Give a reason for changing the target date.",
    "rule.target_change_needs_approver": "Say who approved the new target date.",
    "rule.target_unchanged": "The new target date is the same as the current one.",
    "rule.target_before_raised": "The target date {target} is before the date it was raised ({raised_on}).",
    "rule.progress_range": "Progress must be a whole number from 0 to 100, not {value}.",
    "rule.closed_recommendation": (
        "This recommendation is {status}, so its target can no longer change."
    ),
    "rule.title_required": "Give the recommendation a title.",
    "rule.reference_taken": "The reference {reference} is already used by another recommendation.",
    "rule.name_required": "Give a name.",
    "rule.name_taken": "The name {name} is already used.",
    "rule.text_required": "Type what was said before saving.",
    "rule.update_text_required": "Type what was done before saving the update.",
    "hint.workflow": (
        "The order is proposed, accepted, in progress, implemented; any open recommendation can "
        "go on hold or be closed as not taken forward."
    ),
    # Database and files
    "db.not_found": "There is no file at {path}; check the path or run 'coprod demo' to make one.",
    "db.not_sqlite": "{path} is not a coprod database (it is not an SQLite file); choose another file.",
    "db.not_coprod": "{path} is an SQLite file but not a coprod database; choose another file.",
    "db.corrupt": (
        "The database {path} is damaged and cannot be read; restore it from a backup."
    ),
    "db.locked": (
        "The database {path} is in use by another program; close it there and try again."
    ),
    "db.newer": (
        "The database {path} was made by a newer version of coprod (schema {revision}); "
        "update coprod to open it."
    ),
    "db.read_only": "The database {path} is read-only; copy it somewhere you can write, or open it read only.",
    "db.disk_full": "The disk holding {path} is full; free some space and try again. Nothing was lost.",
    "db.directory": "{path} is a folder, not a database file; choose a file.",
    "db.cannot_create": "coprod cannot create a database at {path}: {reason}.",
    "db.error": "The database {path} could not be used: {reason}.",
    "demo.not_empty": "This database already holds recommendations; make the demo in a new file.",
    "figures.whole_team": "Whole team",
    "figures.no_strategy": "No strategy",
    "figures.no_owner": "No owner",
    "figures.no_session": "No session",
    "figures.no_cqc": "No quality statement",
    "cli.bad_date": "{value} is not a date; write it as YYYY-MM-DD, for example 2025-03-04.",
    "cli.bad_number": "{value} is not a whole number of at least {minimum}.",
    "cli.no_gui": "The desktop window could not start: {reason}.",
    "cli.unexpected": "coprod stopped on an unexpected problem: {reason}.",
    # reports
    "report.your_council": "the council",
    "report.no_strategy": "There is no strategy called {name}; check the name (see the Strategies list).",
    "report.no_session": "There is no session with id {id}; check the id.",
    "report.bad_session_id": "{value} is not a session id; copy the id from the session's details.",
    "report.bad_format": "{path} must end in .pdf or .html (or .htm).",
    "report.unknown_kind": "{kind} is not a report; choose you-said-we-did, lag or review.",
    "report.cannot_write": "The report could not be saved to {path}: {reason}.",
    "report.unsupported_text": (
        "The PDF cannot show some characters ({characters}, e.g. \"{sample}\") in {where}. "
        "Save as HTML instead, or change the text."
    ),
    "report.redacted": "{what} removed from {where} ({hint}).",
    "report.redacted.name": "A participant's name",
    "report.redacted.email": "An email address",
    "report.redacted.phone": "A phone number",
    "report.redacted.postcode": "A postcode",
    "report.redacted.nhs_number": "An NHS number",
    "report.removed.name": "[name removed]",
    "report.removed.email": "[email removed]",
    "report.removed.phone": "[phone number removed]",
    "report.removed.postcode": "[postcode removed]",
    "report.removed.nhs_number": "[NHS number removed]",
    "report.readability": (
        "{where}: reading age about {age} (the aim is {aim}); longest sentence {words} words. "
        "Consider simpler words or shorter sentences: \"{excerpt}\""
    ),
    "report.page": "Page {page} of {pages}",
    "report.status_label": "Status:",
    "report.table_empty": "None.",
    "report.logo_alt": "{council} logo",
    "report.chart_group": "Group",
    "report.generated": "Produced on {today} with coprod.",
    "report.contents": "Contents",
    "report.picture": "Space for a picture",
    "report.changes.first": "This is the first published version of this report.",
    "report.changes.none": "Nothing has changed since the version published on {when}.",
    "report.changes.some": (
        "Since the version published on {when}: {new} new, {changed} changed, {removed} no longer included."
    ),
    "report.published": "Recorded as the published version of {when}.",
    "report.saved": "Report saved to {path}.",
    "board.title": "Recommendations: implementation lag",
    "board.subject": "Board report: how quickly recommendations from co-production are implemented",
    "board.subtitle": "{what}, as at {as_of}. Changes since {since}.",
    "board.scope_all": "All strategies",
    "board.scope_dates": "{what}, raised {start} to {end}",
    "board.section.summary": "Summary",
    "board.summary_intro": (
        "{total} recommendations are covered: {open} still open and {implemented} implemented. "
        "Status is given in words in every table; colour is never the only sign."
    ),
    "board.fig.on_time": "Implemented on time against the original target",
    "board.fig.on_time_revised": "Implemented on time against the revised target",
    "board.fig.overdue": "Open and overdue",
    "board.fig.mean_lag": "Average days overdue (open and overdue)",
    "board.fig.stalled": "Stalled (no activity for {days} days, or on hold)",
    "board.fig.extensions": "Target extensions granted",
    "board.fig.km": "Typical days to implement (median, 95% range)",
    "board.fig.since_update": "Typical days since the last update (open)",
    "board.km_note": (
        "The typical time to implement is a Kaplan-Meier median: it counts recommendations still "
        "open, so it is not flattered by leaving slow ones out."
    ),
    "board.km_ci": "{median} ({low} to {high})",
    "board.km_not_reached": "Not yet reached",
    "board.none": "-",
    "board.section.strategy": "By strategy",
    "board.section.owner": "By owner",
    "board.table_caption": "Figures {heading}",
    "board.chart.on_time": "Implemented on time against the original target, {heading} (percent)",
    "board.chart.overdue": "Open and overdue recommendations, {heading} (most first)",
    "board.chart_description": "Highest: {high} ({high_value}). Lowest: {low} ({low_value}).",
    "board.chart_empty": "No figures to show yet.",
    "board.unit.percent": "Percent",
    "board.unit.count": "Number",
    "board.col.strategy": "Strategy",
    "board.col.owner": "Owner",
    "board.col.total": "Total",
    "board.col.implemented": "Implemented",
    "board.col.on_time": "On time (original)",
    "board.col.overdue": "Overdue",
    "board.col.mean_lag": "Mean days overdue",
    "board.col.stalled": "Stalled",
    "board.col.extensions": "Extensions",
    "board.col.km": "Median days to implement",
    "board.col.ref": "Ref",
    "board.col.title": "Recommendation",
    "board.col.status": "Status",
    "board.col.rag": "RAG",
    "board.col.original": "Original target",
    "board.col.revised": "Current target",
    "board.col.since_update": "Days since update",
    "board.col.implemented_on": "Implemented",
    "board.col.days_to_implement": "Days taken",
    "board.col.lag_original": "Against original target",
    "board.col.from": "From",
    "board.col.to": "To",
    "board.col.reason": "Reason",
    "board.col.approved": "Approved by",
    "board.col.lag_original_days": "Days late (original)",
    "board.col.lag_revised_days": "Days late (current)",
    "board.days_late": "{days} days late",
    "board.on_time": "On time",
    "board.section.live": "Live recommendations",
    "board.live_caption": "{count} open recommendations not yet past their target, by strategy",
    "board.section.completed": "Completed since {since}",
    "board.completed_caption": "{count} recommendations implemented in the period",
    "board.section.extensions": "Extension requests",
    "board.extensions_caption": "{count} target dates moved since {since}",
    "board.section.overdue": "Overdue",
    "board.overdue_caption": "{count} open recommendations past their current target, most overdue first",
    "review.title": "Review pack: stalled and overdue recommendations",
    "review.subject": "The queue for the review meeting, with each item's history, and the decisions taken",
    "review.subtitle": "{what}, as at {as_of}",
    "review.section.about": "About this pack",
    "review.about": (
        "{count} open recommendations need a decision: they are past their current target, or "
        "nothing has happened on them for {days} days or more, or they are on hold. The worst "
        "lag comes first."
    ),
    "review.fig.stalled": "Stalled",
    "review.fig.overdue": "Overdue",
    "review.fig.both": "Both stalled and overdue",
    "review.section.queue": "The queue",
    "review.queue_empty": "Nothing is stalled or overdue.",
    "review.why.overdue": "Overdue by {days} days against the current target ({original} days against the original).",
    "review.why.stalled": "No activity for {days} days.",
    "review.fact.owner": "Owner",
    "review.fact.strategy": "Strategy",
    "review.fact.status": "Status",
    "review.fact.raised": "Raised",
    "review.fact.original": "Original target",
    "review.fact.current": "Current target",
    "review.fact.extensions": "Extensions so far",
    "review.fact.last_activity": "Last activity",
    "review.part.why": "Why it is here",
    "review.part.timeline": "Timeline",
    "review.part.decision": "Decision",
    "review.no_events": "Nothing recorded yet.",
    "review.decision_prompt": (
        "Continue, escalate, reassign, revise the target (with a reason and approver) or close "
        "as not taken forward. Record the decision in coprod after the meeting."
    ),
    "review.ev.raised": "Raised.",
    "review.ev.status": "Status changed from {old} to {new}.",
    "review.ev.target": "Target moved from {old} to {new}: {reason} (approved by {by}).",
    "review.ev.update": "Update: {text}",
    "review.ev.public_update": "Public update: {text}",
    "review.ev.owner": "Owner changed from {old} to {new}.",
    "review.ev.review": "Reviewed: {decision}. {notes}",
    "review.section.decisions": "Decisions",
    "review.section.decisions_on": "Decisions at the meeting on {when}",
    "review.section.decisions_range": "Decisions from {start} to {end}",
    "review.no_decisions": "No review decisions are recorded for this period.",
    "review.decisions_caption": "{count} decisions",
    "review.col.when": "Reviewed",
    "review.col.decision": "Decision",
    "review.col.outcome": "Follow-up",
    "review.col.notes": "Notes",
    "review.out.escalated": "Escalated to {who}",
    "review.out.reassigned": "Reassigned to {who}",
    "review.out.next": "Next update due {when}",
    "yswd.title": "You said, we did",
    "yswd.subject": "What residents told {council} and what the council did about it",
    "yswd.subtitle": "{what}, as at {as_of}",
    "yswd.scope_all": "All our engagement",
    "yswd.scope_dates": "{what}, {start} to {end}",
    "yswd.section.about": "About this report",
    "yswd.about": (
        "We asked people who use adult social care, and the people who support them, what works "
        "and what should change. This report tells you what {council} did about the {count} things "
        "we agreed to look at, as at {as_of}."
    ),
    "yswd.count.done": "Done",
    "yswd.count.doing": "In progress",
    "yswd.count.deciding": "Still deciding or paused",
    "yswd.count.not_taken": "Not taken forward",
    "yswd.section.asked": "What we asked and when",
    "yswd.asked_intro": "We held these sessions to hear from you:",
    "yswd.no_sessions": "No sessions are recorded for this report.",
    "yswd.session_line": "{title}: a {format} on {when}",
    "yswd.sessions_caption": "The {count} sessions this report covers",
    "yswd.col.session": "Session",
    "yswd.col.when": "Date",
    "yswd.col.format": "Format",
    "yswd.col.people": "People",
    "yswd.section.took_part": "Who took part",
    "yswd.people": "{count} people took part in {sessions} sessions.",
    "yswd.groups_intro": "We heard from:",
    "yswd.adjustments_intro": "To help everyone take part we offered:",
    "yswd.no_names": "We do not publish the names or contact details of anyone who took part.",
    "yswd.theme_other": "Other things you told us",
    "yswd.theme_heading": "{theme}",
    "yswd.section.nothing": "What we did",
    "yswd.nothing": "There is nothing to report for this scope yet.",
    "yswd.part.said": "You said",
    "yswd.part.did": "We did",
    "yswd.part.now": "Where it is now",
    "yswd.part.next": "What happens next",
    "yswd.said": "You told us {count} things about {about}.",
    "yswd.said_plain": "You told us {count} things about this.",
    "yswd.said_one": "You told us about {about}.",
    "yswd.said_one_plain": "You told us about this.",
    "yswd.said_none": "People told us about this at our sessions.",
    "yswd.no_update": "We have not published an update on this yet.",
    "yswd.status.implemented": "Done",
    "yswd.status.in_progress": "In progress",
    "yswd.status.accepted": "Agreed",
    "yswd.status.proposed": "Being considered",
    "yswd.status.on_hold": "Paused",
    "yswd.status.not_taken_forward": "Not taken forward",
    "yswd.now.done_on": "Done. It was finished on {when}.",
    "yswd.now.done": "Done.",
    "yswd.now.not_taken": "Not taken forward, because {reason}.",
    "yswd.now.not_taken_no_reason": "Not taken forward.",
    "yswd.now.in_progress_by": "In progress. We expect it to be done by {when}.",
    "yswd.now.in_progress": "In progress.",
    "yswd.now.accepted_by": "We have agreed to do this. We expect it to be done by {when}.",
    "yswd.now.accepted": "We have agreed to do this and will start soon.",
    "yswd.now.proposed": "We are still deciding if we can do this.",
    "yswd.now.on_hold": "This is paused for now.",
    "yswd.next.check": "We will check that it works by looking at this: {measure}.",
    "yswd.next.done": "We will check that it works and tell you if anything changes.",
    "yswd.next.not_taken": "If you want to talk to us about this decision, please contact us (see the end).",
    "yswd.next.by": "We will tell you how it is going by {when}.",
    "yswd.next.soon": "We will tell you how it is going in our next update.",
    "yswd.section.contact": "Other formats and how to contact us",
    "yswd.formats": (
        "You can ask for this report in another format, such as easy read, large print, audio, "
        "Braille or another language."
    ),
    "yswd.contact": "To ask for another format, or to tell us what you think, contact: {contact}.",
    "yswd.contact_none": "To ask for another format, or to tell us what you think, contact your council's adult social care team.",
    "yswd.privacy": "We only publish what people agreed we could share. We never publish names.",
    "yswd.easy.about": "You told {council} what you think. This is what we did.",
    "yswd.easy.counts": "We finished {done} things. We are still working on {doing} things.",
    "yswd.easy.not_done": "We have not done {count} things yet, or we cannot do them. We say why.",
    "yswd.easy.said": "You told us about {theme}.",
    "yswd.easy.no_update": "We have not told you anything new yet.",
    "yswd.easy.formats": "You can ask for this in another way. For example, large print or audio.",
}

_LABELS: dict[str, str] = {
    "status.proposed": "Proposed",
    "status.accepted": "Accepted",
    "status.in_progress": "In progress",
    "status.on_hold": "On hold",
    "status.implemented": "Implemented",
    "status.not_taken_forward": "Not taken forward",
    "sessionformat.workshop": "Workshop",
    "sessionformat.forum": "Forum",
    "sessionformat.focus_group": "Focus group",
    "sessionformat.drop_in": "Drop-in",
    "sessionformat.survey": "Survey",
    "sessionformat.interview": "Interview",
    "sessionformat.online": "Online",
    "sessionformat.other": "Other",
    "ladderlevel.coercion": "Coercion",
    "ladderlevel.educating": "Educating",
    "ladderlevel.informing": "Informing",
    "ladderlevel.consultation": "Consultation",
    "ladderlevel.engagement": "Engagement",
    "ladderlevel.co_design": "Co-design",
    "ladderlevel.co_production": "Co-production",
    "adjustment.interpreter": "Interpreter",
    "adjustment.bsl": "British Sign Language",
    "adjustment.easy_read": "Easy read",
    "adjustment.advocate": "Advocate",
    "adjustment.hearing_loop": "Hearing loop",
    "adjustment.step_free": "Step-free access",
    "adjustment.other": "Other",
    "cqcstatement.assessing_needs": "Assessing needs",
    "cqcstatement.healthier_lives": "Supporting people to live healthier lives",
    "cqcstatement.equity": "Equity in experiences and outcomes",
    "cqcstatement.care_provision": "Care provision, integration and continuity",
    "cqcstatement.partnerships": "Partnerships and communities",
    "cqcstatement.safe_pathways": "Safe pathways, systems and transitions",
    "cqcstatement.safeguarding": "Safeguarding",
    "cqcstatement.governance": "Governance, management and sustainability",
    "cqcstatement.learning": "Learning, improvement and innovation",
    "reviewdecision.continue": "Continue",
    "reviewdecision.escalate": "Escalate",
    "reviewdecision.reassign": "Reassign",
    "reviewdecision.revise_target": "Revise target",
    "reviewdecision.close": "Close as not taken forward",
    "rag.green": "On track",
    "rag.amber": "At risk",
    "rag.red": "Off track",
    "rag.complete": "Complete",
    "rag.closed": "Closed",
}


def tr(key: str, /, **params: object) -> str:
    """The sentence for `key`, with `params` filled in. Unknown keys come back as the key."""
    template = _MESSAGES.get(key) or _LABELS.get(key) or key
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def label(value: StrEnum) -> str:
    """The display word for an enum member, e.g. Status.IN_PROGRESS -> 'In progress'."""
    return _LABELS.get(f"{type(value).__name__.lower()}.{value.value}", str(value.value))
