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
    # import, export, merge, backup
    "import.no_file": "There is no file at {path}; check the name and folder.",
    "import.not_a_file": "{path} is a folder; choose a CSV or Excel file.",
    "import.unreadable": (
        "{path} could not be read as a tracker ({reason}); "
        "save it as CSV or XLSX and try again."
    ),
    "import.missing_column": (
        "no column for {heading}; name a column '{heading}' (or a synonym) or choose it in the mapping."
    ),
    "import.no_rows": "the file has a header but no rows to import.",
    "import.bad_date": "'{value}' is not a date; write it as 2025-03-04, 04/03/2025 or 4 March 2025.",
    "import.bad_status": (
        "'{value}' is not a status; use proposed, accepted, in progress, on hold, implemented "
        "or not taken forward."
    ),
    "import.bad_progress": "'{value}' is not a percentage; write a number from 0 to 100, like 40 or 40%.",
    "import.missing_recommendation": "this row has no recommendation text; type what was recommended.",
    "import.missing_raised_on": "this row has no date raised; add the date the recommendation was made.",
    "import.missing_status": "this row has no status; add one, such as proposed or in progress.",
    "import.raised_in_future": "the date raised {raised_on} is in the future; check the date.",
    "import.before_raised": "{value} is before the date raised ({raised_on}); check the date.",
    "import.revised_without_target": "a revised target needs the original target date beside it.",
    "import.implemented_needs_we_did": (
        "an implemented recommendation needs 'we did' text saying what was done, so residents can hear back."
    ),
    "import.duplicate_reference": "the reference {reference} is already used on row {first} of this file.",
    "import.status_unreachable": (
        "this recommendation is already {old} in coprod and cannot go back to {new}; "
        "check the status or the reference."
    ),
    "import.target_changed": (
        "the original target date was {old} and cannot change to {new}; put {new} in the revised target "
        "date column instead."
    ),
    "import.session_title": "Imported from {name}",
    "import.target_reason": "Revised target recorded in the tracker {name}",
    "import.target_approver": "as recorded in the tracker",
    "import.rejects_row": "Row",
    "import.rejects_problems": "Problems",
    "import.status_reading": "Reading the tracker",
    "import.status_writing": "Importing recommendations",
    "export.unknown_format": "coprod cannot export to {path}; end the name with .xlsx, .csv or .coprod.json.",
    "export.cannot_write": "coprod cannot write {path}: {reason}.",
    "merge.not_interchange": (
        "{path} is not a coprod interchange file; export one "
        "with 'coprod export --out NAME.coprod.json'."
    ),
    "merge.newer_format": (
        "{path} was written by a newer version of coprod (format {version}); update coprod to merge it."
    ),
    "merge.newer_schema": (
        "{path} comes from a newer version of coprod (schema {revision}); update coprod to merge it."
    ),
    "merge.damaged": "{path} is damaged ({reason}); export it again from the other copy.",
    "backup.not_found": "There is no backup at {path}; choose one of the files in the backups folder.",
    "backup.read_only": "The database {path} is open read only, so it cannot be changed; reopen it normally.",

    # import wizard, restore, audit log (GUI)
    "ui.import.window_title": "Import a tracker",
    "ui.import.file_title": "Choose the tracker file",
    "ui.import.file_help": (
        "A CSV or Excel (.xlsx) file with one recommendation "
        "per row and headings in the first row."
    ),
    "ui.import.file_label": "&Tracker file",
    "ui.import.file_filter": "Trackers (*.csv *.xlsx *.xlsm *.xls *.ods);;All files (*)",
    "ui.import.browse": "&Browse...",
    "ui.import.browse_name": "Browse for the tracker file",
    "ui.import.problem_name": "Problem with the file",
    "ui.import.empty_file": "{path} is empty; choose the file that holds the tracker.",
    "ui.import.mapping_title": "Check the columns",
    "ui.import.mapping_help": (
        "coprod matched these columns by their headings. Change any that are wrong; "
        "choose 'Not in the file' for information the tracker does not have."
    ),
    "ui.import.required": "{heading} (required)",
    "ui.import.column_for": "Column for {heading}",
    "ui.import.not_in_file": "Not in the file",
    "ui.import.unnamed_column": "Column {number} (no heading)",
    "ui.import.check_title": "Check the rows",
    "ui.import.checking": "Checking every row...",
    "ui.import.summary_name": "Check summary",
    "ui.import.problems_name": "Row problems",
    "ui.import.col_row": "Row",
    "ui.import.col_column": "Column",
    "ui.import.col_problem": "Problem",
    "ui.import.has_problems": (
        "{bad} of {rows} rows have problems, listed below. Nothing will be imported until they are "
        "corrected, unless you import the {good} good rows and save the others to a rejects file."
    ),
    "ui.import.all_good": "All {rows} rows can be imported: {new} new and {updated} to update. Press Import.",
    "ui.import.skip_invalid": (
        "Import the good rows and save the others "
        "to a &rejects file beside the tracker"
    ),
    "ui.import.skip_invalid_name": "Import the good rows only",
    "ui.import.commit": "&Import",
    "ui.import.result_title": "Import",
    "ui.import.result_name": "Import result",
    "ui.import.done": "Imported: {new} new recommendations, {updated} updated, {unchanged} unchanged.",
    "ui.import.rejects_saved": (
        "{count} rows were not imported; they are "
        "listed with their problems in {path}."
    ),
    "ui.import.backup_taken": "A backup of the database as it was before is in {path}.",
    "ui.import.cancelled": "The import was cancelled; nothing was imported.",
    "ui.restore.window_title": "Restore from a backup",
    "ui.restore.help": (
        "Choose a backup to bring back. The database as it is now is kept as a backup first, "
        "so a restore can itself be undone."
    ),
    "ui.restore.list_label": "&Backups, newest first",
    "ui.restore.list_name": "Backups",
    "ui.restore.col_when": "Taken (UTC)",
    "ui.restore.col_why": "Why",
    "ui.restore.col_size": "Size",
    "ui.restore.col_file": "File",
    "ui.restore.other": "&Other file...",
    "ui.restore.other_name": "Restore from another file",
    "ui.restore.file_filter": "coprod databases (*.db *.sqlite);;All files (*)",
    "ui.restore.restore": "&Restore",
    "ui.restore.close": "&Close",
    "ui.restore.none": "There are no backups of this database yet.",
    "ui.restore.not_a_file": "This database is not a file on this computer, so it has no backups to restore.",
    "ui.restore.working": "Restoring {name}...",
    "ui.restore.done": "Restored from {name}. The database as it was is kept in {saved}.",
    "ui.restore.status_name": "Restore status",
    "ui.restore.reason.daily": "Daily",
    "ui.restore.reason.manual": "Made by hand",
    "ui.restore.reason.pre-import": "Before an import",
    "ui.restore.reason.pre-merge": "Before a merge",
    "ui.restore.reason.pre-migration": "Before an upgrade",
    "ui.restore.reason.pre-restore": "Before a restore",
    "ui.open.title": "coprod cannot open the database",
    "ui.open.message_name": "What is wrong",
    "ui.open.restore": "&Restore the newest backup (taken {when}); the damaged file is kept",
    "ui.open.read_only": "Open it &read only, to look and export",
    "ui.open.other": "Choose &another file...",
    "ui.open.quit": "&Quit",
    "ui.audit.title": "Audit log",
    "ui.audit.record": "&Record id",
    "ui.audit.table": "&Table",
    "ui.audit.from": "&From",
    "ui.audit.to": "T&o",
    "ui.audit.actor": "&Who",
    "ui.audit.any": "Any",
    "ui.audit.apply": "&Show",
    "ui.audit.filter_on": "Filter by date: {what}",
    "ui.audit.clear": "C&lear filters",
    "ui.audit.export": "&Export CSV...",
    "ui.audit.view_name": "Audit events",
    "ui.audit.count": "Showing {shown} of {total} events, newest first.",
    "ui.audit.count_limited": (
        "Showing the newest {shown} of {total} events; "
        "narrow the filters to see others."
    ),
    "ui.audit.exported": "Saved {count} events to {path}.",
    "ui.audit.status_name": "Audit log status",
    "ui.audit.csv_filter": "CSV files (*.csv)",
    # recommendations
    "undo.changed_since": (
        "{title} has changed since, so this step cannot be undone; make the change again by hand."
    ),
    "recs.gone": "This recommendation is no longer in the database; it may have been deleted.",
    "recs.none": "None",
    "recs.dialog.for": "Recommendation",
    "recs.dialog.problem": "Problem",
    "recs.dialog.save": "Save",
    "recs.dialog.cancel": "Cancel",
    "recs.update.title": "Add an update",
    "recs.update.text": "&What was done:",
    "recs.update.on": "&Date:",
    "recs.update.progress": "&Progress:",
    "recs.update.public": "P&ublic: residents may read this as a \"we did\"",
    "recs.status.title": "Change status",
    "recs.status.new": "&New status (now {current}):",
    "recs.status.new_name": "New status",
    "recs.status.on": "&Date of change:",
    "recs.status.implemented_on": "&Implemented on:",
    "recs.status.public_update": "&Public update:",
    "recs.status.public_hint": "What was done, in plain words residents will read",
    "recs.status.reason": "&Reason:",
    "recs.status.note": "N&ote:",
    "recs.status.closed": "This recommendation is {status}, so its status can no longer change.",
    "recs.target.title": "Revise the target date",
    "recs.target.title_first": "Set the target date",
    "recs.target.original": "Original target:",
    "recs.target.current": "Current target:",
    "recs.target.new": "&New target:",
    "recs.target.reason": "&Reason:",
    "recs.target.approved_by": "&Approved by:",
    "recs.owner.title": "Reassign owner",
    "recs.owner.nobody": "No owner yet",
    "recs.owner.new": "&New owner (now {current}):",
    "recs.owner.new_name": "New owner",
    "recs.owner.note": "N&ote:",
    "recs.details.title": "Edit details",
    "recs.details.title_field": "&Title:",
    "recs.details.reference": "&Reference:",
    "recs.details.description": "&Description:",
    "recs.details.strategy": "&Strategy:",
    "recs.details.success": "Su&ccess measure:",
    "recs.details.cqc": "&CQC quality statement:",
    "recs.page": "Recommendations",
    "recs.table": "Recommendations table",
    "recs.count": "Showing {shown} of {total} recommendations",
    "recs.count_name": "Number shown",
    "recs.menu": "Recommendation actions",
    "recs.inactive": "{name} (inactive)",
    "recs.filters": "Search and filters",
    "recs.search": "&Search:",
    "recs.search_hint": "Reference, title, strategy or owner",
    "recs.filter.strategy": "S&trategy:",
    "recs.filter.owner": "O&wner:",
    "recs.filter.status": "Stat&us:",
    "recs.filter.rag": "&RAG:",
    "recs.filter.any": "Any",
    "recs.filter.loading": "Loading...",
    "recs.filter.overdue": "O&verdue only",
    "recs.filter.stalled": "Stalle&d only",
    "recs.filter.clear": "C&lear filters",
    "recs.col.reference": "Reference",
    "recs.col.title": "Title",
    "recs.col.strategy": "Strategy",
    "recs.col.owner": "Owner",
    "recs.col.status": "Status",
    "recs.col.rag": "RAG",
    "recs.col.target": "Target",
    "recs.col.lag": "Lag (days)",
    "recs.col.since_update": "Days since update",
    "recs.target.was": "{target} (was {original})",
    "recs.target.default": "{target} (team default)",
    "recs.action.update": "Add &update",
    "recs.action.status": "Change &status",
    "recs.action.target": "Revise &target",
    "recs.action.owner": "Reassign &owner",
    "recs.action.details": "&Edit details",
    "recs.undo.update": "Add update to {rec}",
    "recs.undo.status": "Change status of {rec}",
    "recs.undo.target": "Change target of {rec}",
    "recs.undo.owner": "Reassign {rec}",
    "recs.undo.details": "Edit details of {rec}",
    "recs.detail.name": "Recommendation details",
    "recs.detail.empty": "Choose a recommendation to see its details and timeline.",
    "recs.detail.status": "Status",
    "recs.detail.rag": "RAG",
    "recs.detail.strategy": "Strategy",
    "recs.detail.owner": "Owner",
    "recs.detail.raised_on": "Raised on",
    "recs.detail.source": "From session",
    "recs.detail.target": "Target",
    "recs.detail.no_target": "No target set",
    "recs.detail.progress": "Progress",
    "recs.detail.lag": "Lag (days)",
    "recs.detail.since_update": "Days since update",
    "recs.detail.extensions": "Target extensions",
    "recs.detail.flags": "Needs attention",
    "recs.detail.overdue": "Overdue",
    "recs.detail.stalled": "Stalled",
    "recs.detail.accepted_on": "Accepted on",
    "recs.detail.implemented_on": "Implemented on",
    "recs.detail.decided_on": "Decided on",
    "recs.detail.decision_reason": "Reason not taken forward",
    "recs.detail.success_measure": "Success measure",
    "recs.detail.cqc": "CQC quality statement",
    "recs.detail.next_update_due": "Next update due",
    "recs.detail.said": "What residents said ({count})",
    "recs.detail.said_at": "at {session}, {on}",
    "recs.detail.themes": "Themes: {themes}.",
    "recs.detail.no_feedback": "No feedback is linked to this recommendation yet.",
    "recs.detail.timeline": "Timeline",
    "recs.tl.raised": "Raised as {new}.",
    "recs.tl.status": "Status changed from {old} to {new}.",
    "recs.tl.note": "Note: {note}",
    "recs.tl.update": "Update: {text}",
    "recs.tl.update_public": "Public update (we did): {text}",
    "recs.tl.progress": "Progress {progress}%.",
    "recs.tl.target": "Target moved from {old} to {new}. Reason: {reason} Approved by {approver}.",
    "recs.tl.owner": "Owner changed from {old} to {new}.",
    "recs.tl.review": "Reviewed: {decision}.",
    "recs.tl.review_to": "Passed to {owner}.",
    "recs.tl.by": "(by {by})",
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
