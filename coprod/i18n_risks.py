# ruff: noqa: E501  (the message catalogue: one sentence per line reads best)
"""The sentences and labels of the risk register, merged into coprod.i18n's catalogue."""

from __future__ import annotations

RISK_MESSAGES: dict[str, str] = {
    "risk.rule.scale": "The {what} must be a whole number from 1 to 5, not {value}.",
    "risk.rule.bands": (
        "The amber band must start above 1 and below the red band, which starts at 25 or less "
        "(amber from {amber}, red from {red}); change the bands."
    ),
    "risk.rule.escalate_at": "The escalation score must be from 1 to 25, not {value}.",
    "risk.rule.cause_required": "Say what causes the risk (the cause) before saving.",
    "risk.rule.event_required": "Say what could happen (the event) before saving.",
    "risk.rule.effect_required": "Say what the effect would be before saving.",
    "risk.rule.title_required": "Give the risk a short title.",
    "risk.rule.reference_required": "Give the risk a reference, such as RSK-01.",
    "risk.rule.reference_taken": "The risk reference {reference} is already used; choose another.",
    "risk.rule.review_months": "Review every 1 to 12 months, not {value}.",
    "risk.rule.top_level": "This risk is already at corporate level, so it cannot be escalated further.",
    "risk.rule.closed": "This risk is closed; reopen it before reviewing or escalating it.",
    "risk.rule.escalation_reason": "Say why the risk is being escalated.",
    "risk.rule.escalation_by": "Say who is escalating the risk.",
    "risk.not_found": "There is no risk {reference}; check the reference.",
    "risk.flag.mitigation_late": "Mitigation late",
    "risk.flag.review_due": "Review overdue",
    "risk.flag.escalate": "Must be escalated",
    "risk.flag.above_target": "Above target",
    "risk.lag_figures": "{reference}: {lag} days late, {idle} days since an update",
    "risk.score_text": "{score} ({band})",
    "risk.trend.text": "{arrow} {word}",
    "risk.page.title": "Risks",
    "risk.page.search": "Search risks",
    "risk.page.count": "Showing {shown} of {total}",
    "risk.page.none": "No risks yet. Import a risk register or run the demo to see one.",
    "risk.page.filter_status": "Status",
    "risk.page.filter_level": "Level",
    "risk.page.filter_flag": "Show",
    "risk.page.filter_all": "All",
    "risk.page.flag_any": "Any flag",
    "risk.page.detail": "Risk details",
    "risk.page.history": "Score history",
    "risk.page.mitigations": "Mitigating recommendations",
    "risk.page.escalations": "Escalations",
    "risk.page.review": "Record review…",
    "risk.page.escalate": "Escalate…",
    "risk.page.review_title": "Record a risk review",
    "risk.page.escalate_title": "Escalate a risk",
    "risk.page.likelihood": "Current likelihood (1-5)",
    "risk.page.impact": "Current impact (1-5)",
    "risk.page.reviewer": "Reviewed by",
    "risk.page.note": "Note",
    "risk.page.by": "Escalated by",
    "risk.page.reason": "Reason",
    "risk.page.saved_review": "Review saved: {reference} now scores {score}.",
    "risk.page.saved_escalation": "{reference} escalated to {level}.",
    "risk.page.no_selection": "Choose a risk in the list to see its details.",
    "risk.col.reference": "Ref",
    "risk.col.title": "Risk",
    "risk.col.category": "Category",
    "risk.col.owner": "Owner",
    "risk.col.level": "Level",
    "risk.col.status": "Status",
    "risk.col.inherent": "Inherent",
    "risk.col.current": "Current",
    "risk.col.target": "Target",
    "risk.col.trend": "Trend",
    "risk.col.next_review": "Next review",
    "risk.col.flags": "Flags",
    "risk.col.reviewed_on": "Reviewed",
    "risk.col.score": "Score",
    "risk.detail.description": "Cause: {cause}\nEvent: {event}\nEffect: {effect}",
    "risk.detail.controls": "Controls: {controls}",
    "risk.detail.none": "none recorded",
    "risk.heatmap.title": "Risks by likelihood and impact (current score)",
    "risk.heatmap.cell": "Likelihood {likelihood}, impact {impact}: {count} risks, score {score}, {band}",
    "risk.heatmap.likelihood": "Likelihood",
    "risk.heatmap.impact": "Impact",
    "risk.heatmap.table": "Show as a table",
    "risk.review_due_line": "Risk {reference} ({title}): review was due {due}.",
    "risk.cli.empty": "No risks in this database.",
    "risk.cli.rules_saved": "Risk rules saved: medium from {amber}, high from {red}, escalate at {escalate}.",
}

RISK_LABELS: dict[str, str] = {
    "riskstatus.open": "Open",
    "riskstatus.escalated": "Escalated",
    "riskstatus.closed": "Closed",
    "risklevel.team": "Team",
    "risklevel.directorate": "Directorate",
    "risklevel.corporate": "Corporate",
    "riskcategory.safeguarding": "Safeguarding",
    "riskcategory.statutory_duty": "Statutory duty",
    "riskcategory.financial": "Financial",
    "riskcategory.workforce": "Workforce",
    "riskcategory.service_delivery": "Service delivery",
    "riskcategory.reputation": "Reputation",
    "riskcategory.other": "Other",
    "trend.new": "New",
    "trend.rising": "Rising",
    "trend.steady": "Steady",
    "trend.falling": "Falling",
}

RISK_MESSAGES.update(
    {
        "risk.band.green": "Low",
        "risk.band.amber": "Medium",
        "risk.band.red": "High",
        "risk.report.title": "Risk register",
        "risk.report.subtitle": "As at {as_of} ({count} in all)",
        "risk.report.subject": "The adult social care risk register, with the recommendations that mitigate each risk",
        "risk.report.section.summary": "Summary",
        "risk.report.section.register": "The register",
        "risk.report.section.details": "Each risk in detail",
        "risk.report.bands": (
            "Scores are likelihood times impact, each from 1 to 5. Low is below {amber}, "
            "medium from {amber}, high from {red}; a risk scoring {escalate} or more must be escalated."
        ),
        "risk.report.counts": "Open risks",
        "risk.report.count_high": "High (current score)",
        "risk.report.count_above_target": "Above target",
        "risk.report.count_late": "With late mitigations",
        "risk.report.count_review": "Review overdue",
        "risk.report.count_escalate": "Must be escalated",
        "risk.report.heatmap_caption": (
            "Open risks by current likelihood (rows) and impact (columns): number of risks, then the cell's score and band"
        ),
        "risk.report.heat_cell": "{count} ({score} {band})",
        "risk.report.likelihood_row": "Likelihood {value}",
        "risk.report.impact_col": "Impact {value}",
        "risk.report.register_caption": "Every risk, highest current score first ({count} in all)",
        "risk.report.part.description": "Description",
        "risk.report.part.scores": "Scores",
        "risk.report.part.controls": "Existing controls and further actions",
        "risk.report.part.mitigations": "Mitigating recommendations",
        "risk.report.part.history": "Score history",
        "risk.report.part.escalations": "Escalations",
        "risk.report.cause": "Cause",
        "risk.report.event": "Event",
        "risk.report.effect": "Effect",
        "risk.report.controls": "Controls",
        "risk.report.actions": "Further actions",
        "risk.report.owner": "Owner",
        "risk.report.category": "Category",
        "risk.report.level": "Level",
        "risk.report.next_review": "Next review",
        "risk.report.none": "None",
        "risk.report.mitigation_line": "{reference} {title}: {status}; {lag} days late, {idle} days since an update{late}",
        "risk.report.late_mark": " (late)",
        "risk.report.history_line": "{on}: {score} (likelihood {likelihood}, impact {impact}){by}",
        "risk.report.escalation_line": "{on}: {from_level} to {to_level} by {by} at score {score}. {reason}",
        "risk.board.section": "Risks",
        "risk.board.intro": (
            "Open risks: {open}; high: {high}; above target: {above}; with late mitigations: {late}. "
            "Escalations since {since}: {escalations}."
        ),
        "risk.board.above_caption": "Risks above their target score: {count}",
        "risk.board.late_caption": "Risks whose mitigating recommendations are late: {count}",
        "risk.board.escalations_caption": "Escalations since {since}: {count}",
        "risk.col.late_recs": "Late recommendations (days late)",
        "risk.col.escalated_on": "Escalated",
        "risk.col.by": "By",
        "risk.col.to": "To",
        "risk.col.reason": "Reason",
    }
)

RISK_MESSAGES.update(
    {
        "page.risks": "Risks",
        "risk.page.name": "Risk register",
        "risk.page.list": "Risks",
        "risk.page.search_label": "&Search",
        "risk.page.search_hint": "Reference, title, cause, event, effect or owner",
        "risk.page.status_label": "Stat&us",
        "risk.page.level_label": "&Level",
        "risk.page.flag_label": "Sho&w",
        "risk.page.all_statuses": "All statuses",
        "risk.page.all_levels": "All levels",
        "risk.page.all_risks": "All risks",
        "risk.page.count_name": "Number of risks shown",
        "risk.page.cell_filter": "Only likelihood {likelihood}, impact {impact}.",
        "risk.page.clear_cell": "Show all cells",
        "risk.page.detail_name": "Selected risk",
        "risk.page.history_name": "Score history of the selected risk",
        "risk.page.mitigations_name": "Recommendations mitigating the selected risk",
        "risk.page.detail_text": (
            "{reference} {title}\n"
            "Cause: {cause}\nEvent: {event}\nEffect: {effect}\n"
            "Category: {category}. Owner: {owner}. Level: {level}. Status: {status}.\n"
            "Inherent {inherent}; current {current}; target {target}; trend {trend}.\n"
            "Controls: {controls}\nFurther actions: {actions}\n"
            "Next review: {next_review}. Flags: {flags}.\n"
            "{escalations}"
        ),
        "risk.page.escalated_line": "Escalated {on} from {from_level} to {to_level} by {by} at score {score}: {reason}",
        "risk.page.no_flags": "none",
        "risk.page.review_button": "&Record review…",
        "risk.page.escalate_button": "Esc&alate…",
        "risk.page.reviewer_label": "Reviewed &by",
        "risk.page.note_label": "&Note",
        "risk.page.likelihood_label": "&Likelihood (1-5)",
        "risk.page.impact_label": "&Impact (1-5)",
        "risk.page.by_label": "Escalated &by",
        "risk.page.reason_label": "&Reason",
        "risk.page.escalate_to": "{reference} goes from {from_level} to {to_level}; its current score is {score}.",
        "risk.col.mitigation_status": "Status",
        "risk.col.lag": "Days late",
        "risk.col.idle": "Days since update",
        "risk.col.late": "Late",
        "risk.col.likelihood": "Likelihood",
        "risk.col.impact": "Impact",
        "risk.col.reviewer": "By",
        "risk.col.note": "Note",
        "risk.yes": "Yes",
        "risk.no": "No",
        "risk.page.problem": "What needs changing before saving",
        "risk.undo.review": "Record review of {reference}",
        "risk.undo.escalate": "Escalate {reference}",
    }
)

RISK_MESSAGES.update(
    {
        "risk.heatmap.tab": "&Risk heat map",
        "risk.heatmap.name": "Risk heat map",
        "risk.heatmap.button": "{count}\n{band} {score}",
        "risk.heatmap.hint": "Press to list the open risks in this cell.",
        "risk.heatmap.table_name": "Risk heat map as a table",
        "risk.heatmap.summary": "{open} open risks: {high} high, {medium} medium, {low} low. Choose a cell to list its risks.",
        "risk.heatmap.row": "Likelihood {value}",
        "risk.heatmap.col": "Impact {value}",
        "risk.heatmap.table_cell": "{count} ({band} {score})",
    }
)

RISK_MESSAGES.update(
    {
        "ui.reports.kind.risks": "Risk register (for committees)",
        "risk.due.heading": "Risks past their review date: {count}",
        "risk.due.name": "Risks past their review date",
        "risk.due.hint": "Press Enter on a risk to review it on the Risks page.",
        "risk.col.due": "Review was due",
        "risk.col.days_overdue": "Days overdue",
    }
)

RISK_MESSAGES.update(
    {
        "risk.import.rating_missing": "Give a whole number from 1 to 5.",
        "risk.import.rating_bad": "{value!r} is not a whole number from 1 to 5; give one.",
        "risk.import.choice_bad": "{value!r} is not one of: {allowed}; use one of those words.",
        "risk.import.reference_missing": "Give the risk a reference, such as RSK-01.",
        "risk.import.reference_twice": "The risk {reference} is also on row {row}; keep one of the two rows.",
        "risk.import.description_unclear": (
            "The description does not say the cause, event and effect; write it as "
            "'Cause: ... Event: ... Effect: ...' or use Cause, Event and Effect columns."
        ),
        "risk.import.unknown_recommendation": "No recommendation has the reference {references}; check it or remove it.",
        "risk.import.refused": "The register could not be imported: {reason}",
        "risk.export.unknown_format": "Export the register as .xlsx or .csv, not {path}.",
        "risk.export.cannot_write": "Could not write {path} ({reason}); choose another folder.",
    }
)

RISK_MESSAGES.update(
    {
        "risk.undo.link": "Change the recommendations mitigating {reference}",
        "risk.undo.create": "New risk {reference}",
        "risk.undo.edit": "Edit risk {reference}",
        "risk.page.import_button": "&Import register…",
        "risk.page.import_title": "Import a risk register",
        "risk.page.import_filter": "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)",
        "risk.page.import_done": "Imported {new} new and {updated} updated risks from {name}.",
        "risk.page.import_refused": (
            "Nothing imported: rows with problems: {count} of {rows}, listed below. "
            "Correct them in the spreadsheet and import again."
        ),
        "risk.page.edit_button": "E&dit…",
        "risk.page.edit_title": "Edit risk {reference}",
        "risk.page.f.status": "&Status",
        "risk.page.current_by_review": "The current rating changes by recording a review, so the history says when.",
        "risk.page.link_button": "&Mitigating recommendations…",
        "risk.page.new_button": "&New risk…",
        "risk.page.link_title": "Recommendations that mitigate {reference}",
        "risk.page.link_filter": "&Find",
        "risk.page.link_list": "Recommendations (tick those that mitigate this risk)",
        "risk.page.new_title": "New risk",
        "risk.page.f.reference": "&Reference",
        "risk.page.f.title": "&Title",
        "risk.page.f.cause": "&Cause (because of…)",
        "risk.page.f.event": "E&vent (there is a risk that…)",
        "risk.page.f.effect": "E&ffect (resulting in…)",
        "risk.page.f.category": "Cate&gory",
        "risk.page.f.level": "&Level",
        "risk.page.f.owner": "&Owner",
        "risk.page.f.inherent": "&Inherent likelihood and impact",
        "risk.page.f.current": "C&urrent likelihood and impact",
        "risk.page.f.target": "T&arget likelihood and impact",
        "risk.page.f.controls": "Existing co&ntrols",
        "risk.page.f.actions": "Furt&her actions",
        "risk.page.f.review_months": "Review every (&months)",
        "risk.page.f.likelihood_of": "{what}: likelihood",
        "risk.page.f.impact_of": "{what}: impact",
    }
)
