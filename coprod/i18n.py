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
    "import.rejects_unwritable": (
        "Nothing imported: the rejected rows could not be saved to {path} ({reason}); "
        "copy the tracker to a folder you can write to and try again."
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
        "Rows with problems: {bad} of {rows}, listed below. Nothing will be imported until they are "
        "corrected, unless you import the good rows ({good}) and save the others to a rejects file."
    ),
    "ui.import.all_good": (
        "Every row can be imported ({rows} in all): new {new}, to update {updated}. Press Import."
    ),
    "ui.import.skip_invalid": (
        "Import the good rows and save the others "
        "to a &rejects file beside the tracker"
    ),
    "ui.import.skip_invalid_name": "Import the good rows only",
    "ui.import.commit": "&Import",
    "ui.import.result_title": "Import",
    "ui.import.result_name": "Import result",
    "ui.import.done": "Imported. New recommendations: {new}; updated: {updated}; unchanged: {unchanged}.",
    "ui.import.rejects_saved": (
        "Rows not imported: {count}. They are "
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
    "ui.data.exporting": "Exporting",
    "ui.data.merging": "Merging",
    "ui.data.exported": "Exported {count} recommendations to {path}.",
    "ui.data.exported_all": "Exported {count} records to {path}, ready to merge into another copy.",
    "ui.data.merged": (
        "Merged: {added} records added and {updated} updated. {conflicts} records were changed in both "
        "copies; the later change was kept and both versions are in the audit log."
    ),
    "ui.data.export_title": "Export",
    "ui.data.export_filter": (
        "Excel tracker (*.xlsx);;CSV tracker (*.csv);;Everything, to merge into another copy (*.coprod.json)"
    ),
    "ui.data.merge_title": "Merge another copy",
    "ui.data.merge_filter": "coprod interchange files (*{suffix});;All files (*)",
    "ui.audit.title": "Audit log",
    "ui.audit.record": "&Record id",
    "ui.audit.table": "&Table",
    "ui.audit.from": "&From",
    "ui.audit.to": "T&o",
    "ui.audit.actor": "&Who",
    "ui.audit.any": "Any",
    "ui.audit.action": "&Action",
    "ui.audit.action.create": "Created",
    "ui.audit.action.update": "Changed",
    "ui.audit.action.delete": "Deleted",
    "ui.audit.action.view": "Viewed",
    "ui.audit.action.export": "Exported",
    "ui.audit.action.bulk_create": "Created in bulk",
    "ui.audit.action.merge_conflict": "Merge conflict",
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
    # review
    "review.not_open": "{title} is already closed, so it no longer needs a review decision.",
    "review.continue_needs_date": "Give the date of the next expected update before choosing continue.",
    "review.next_update_in_past": (
        "The next update date {day} must be after the meeting date; choose a later "
        "date."
    ),
    "review.escalate_needs_owner": (
        "This item has no owner to escalate from; reassign it to an owner "
        "instead."
    ),
    "review.no_escalation_contact": (
        "{owner} has no escalation contact, so this cannot be escalated; add one on the Owners page "
        "or reassign the item."
    ),
    "review.reassign_needs_owner": "Choose the owner to reassign this item to.",
    "review.reassign_same_owner": "The item already belongs to that owner; choose a different owner.",
    "review.revise_needs_date": "Give the new target date.",
    "review.close_needs_reason": "Say why this item is not being taken forward before closing it.",
    "review.lesson_required": (
        "Record the lessons learnt before saving this decision: {why} Fill in what happened, why, "
        "and what we will do differently."
    ),
    "review.lesson_why.close": "closing an item needs a lessons learnt entry.",
    "review.lesson_why.third_extension": "a third extension needs a lessons learnt entry.",
    "review.lesson_why.long_stall": (
        "the item has been stalled for more than twice the stall threshold."
    ),
    "review.lesson_needs_what": "Say what happened in the lessons learnt.",
    "review.lesson_needs_why": "Say why it happened in the lessons learnt.",
    "review.lesson_needs_differently": "Say what we will do differently in the lessons learnt.",
    "review.why.stalled": "Stalled",
    "review.why.overdue": "Overdue",
    "review.why.no_target": "No target",
    "review.why.extended": "Extended twice or more",
    "review.none": "none",
    "review.nobody": "nobody",
    "review.timeline.update": "Update",
    "review.timeline.public_update": "Public update",
    "review.timeline.status": "Status changed to {status}",
    "review.timeline.target": "Target moved from {old} to {new}: {reason} (approved by {approved_by})",
    "review.timeline.owner": "Reassigned to {owner}",
    "review.timeline.review": "Review: {decision}.",
    "review.detail.escalated": "Escalated to {owner}.",
    "review.detail.reassigned": "Reassigned to {owner}.",
    "review.detail.new_target": "New target {day}.",
    "review.detail.closed": "Closed: {reason}",
    "review.detail.next_update": "Next update due {day}.",
    "review.summary.title": "Review meeting, {day}",
    "review.summary.reviewer": "Chaired by {reviewer}",
    "review.summary.count": "Decisions recorded: {count}",
    "review.summary.decision": "Decision",
    "review.summary.notes": "Notes",
    "review.summary.lesson": "Lessons learnt recorded.",
    # dashboard
    "dashboard.bin.none": "Not late",
    "dashboard.bin.range": "{low} to {high} days",
    "dashboard.bin.over": "Over {low} days",
    "dashboard.days": "{n} days",
    "dashboard.tile.open": "Open recommendations",
    "dashboard.tile.open_more": "of {total} in all",
    "dashboard.tile.on_time": "Implemented by the original target",
    "dashboard.tile.on_time_more": "{n} of {of} implemented",
    "dashboard.tile.overdue": "Overdue",
    "dashboard.tile.overdue_more": "mean lag {lag} days",
    "dashboard.tile.stalled": "Stalled",
    "dashboard.tile.stalled_more": "no news for too long, or on hold",
    "dashboard.tile.km": "Median time to implement",
    "dashboard.tile.km_more": "Kaplan-Meier, 95% CI {ci}",
    "dashboard.ui.ci": "{low} to {high} days",
    "dashboard.ui.not_reached": "not reached",
    "dashboard.tile.loop": "Sessions with the loop closed",
    "dashboard.tile.loop_more": "residents told what happened",
    "dashboard.col.strategy": "Strategy",
    "dashboard.col.open": "Open",
    "dashboard.col.on_time": "On time (original)",
    "dashboard.col.overdue": "Overdue",
    "dashboard.col.mean_lag": "Mean lag (days)",
    "dashboard.col.stalled": "Stalled",
    "dashboard.col.km_median": "Median days (KM)",
    "dashboard.col.km_ci": "95% CI (days)",
    "dashboard.col.implemented": "Implemented / all",
    "dashboard.col.loop": "Loop closed",
    "dashboard.col.days_late": "Days late",
    "dashboard.col.as_of": "As of",
    "dashboard.ui.page": "Dashboard",
    "dashboard.ui.working": "Working out the figures...",
    "dashboard.ui.as_of": (
        "Figures as of {day}. Choose a figure, a bar or a table row to see those "
        "recommendations."
    ),
    "dashboard.ui.failed": "The figures could not be worked out: {reason}",
    "dashboard.ui.status_name": "Dashboard status",
    "dashboard.ui.tile_hint": "Show these recommendations",
    "dashboard.ui.by_strategy": "Figures by strategy",
    "dashboard.ui.charts": "Charts",
    "dashboard.ui.tab.lag": "&Lag of open recommendations",
    "dashboard.ui.tab.km": "Time to &implement",
    "dashboard.ui.tab.status": "Status by &strategy",
    "dashboard.ui.tab.month": "Overdue by &month",
    "dashboard.ui.chart_of": "Chart: {name}",
    "dashboard.ui.table_of": "Table: {name}",
    "dashboard.ui.chart_hint": "Press Ctrl+T for a table of the same numbers.",
    "dashboard.ui.show_table": "Show as &table (Ctrl+T)",
    "dashboard.ui.show_chart": "Show as &chart (Ctrl+T)",
    "dashboard.ui.lag_title": "How late are open recommendations?",
    "dashboard.ui.km_title": "Share still not implemented, by days since raised",
    "dashboard.ui.status_title": "Status by strategy",
    "dashboard.ui.month_title": "Overdue recommendations at the end of each month",
    "dashboard.ui.open_recs": "Open recommendations",
    "dashboard.ui.overdue_series": "Overdue",
    "dashboard.ui.recommendations": "Recommendations",
    "dashboard.ui.days_since_raised": "Days since raised",
    "dashboard.ui.pct_still_open": "% not yet implemented",
    "dashboard.ui.km_median_spoken": "{days} days",
    # review and lessons pages
    "review.days": "{n} days",
    "review.col.reference": "Ref",
    "review.col.title": "Recommendation",
    "review.col.why": "Why",
    "review.col.rag": "RAG",
    "review.col.lag": "Days late",
    "review.col.idle": "Idle (days)",
    "review.col.extensions": "Extensions",
    "review.col.owner": "Owner",
    "review.col.strategy": "Strategy",
    "review.col.board": "Board",
    "review.ui.page": "Review",
    "review.ui.strategy": "&Strategy",
    "review.ui.owner": "O&wner",
    "review.ui.board": "&Board",
    "review.ui.all_strategies": "All strategies",
    "review.ui.all_owners": "All owners",
    "review.ui.all_boards": "All boards",
    "review.ui.loading": "Loading...",
    "review.ui.count": "Needing a decision: {n}, worst lag first.",
    "review.ui.count_name": "Queue size",
    "review.ui.queue": "Recommendations needing a decision",
    "review.ui.reviewer": "C&hair of the meeting",
    "review.ui.start": "Start review &meeting",
    "review.ui.open": "&Open recommendation",
    "review.ui.item_of": "Item {n} of {total}: {name}",
    "review.ui.facts": "Facts about this item",
    "review.ui.fact.why": "Needs a decision because: {why}. RAG: {rag}. Status: {status}.",
    "review.ui.fact.who": "Owner: {owner}. Strategy: {strategy}. Board: {board}.",
    "review.ui.fact.original": "Original target {day}: {lag} days late against it.",
    "review.ui.fact.assumed": " (No target was set: the team's default of {days} days is assumed.)",
    "review.ui.fact.revised": (
        "Revised target {day}: {lag} days late against it, after {extensions} "
        "extensions."
    ),
    "review.ui.fact.idle": "{days} days since the last update ({day}). Next update due: {next}.",
    "review.ui.said": "What residents said",
    "review.ui.said_label": "What &residents said",
    "review.ui.said_item": "\u201c{text}\u201d ({session}, {day})",
    "review.ui.said_none": "No feedback is linked to this recommendation.",
    "review.ui.timeline": "Timeline",
    "review.ui.timeline_label": "Time&line, newest first",
    "review.ui.decision": "Decision",
    "review.ui.decide.continue": "&Continue",
    "review.ui.decide.escalate": "&Escalate",
    "review.ui.decide.reassign": "Re&assign",
    "review.ui.decide.revise": "Revise &target",
    "review.ui.decide.close": "Close as not ta&ken forward",
    "review.ui.next_update": "Next &update due",
    "review.ui.escalate_to": "Escalate to",
    "review.ui.no_contact": "The owner has no escalation contact: add one on the Owners page, or reassign.",
    "review.ui.new_owner": "New &owner",
    "review.ui.choose_owner": "Choose an owner",
    "review.ui.no_one": "No one named",
    "review.ui.new_target": "New tar&get date",
    "review.ui.reason": "Rea&son",
    "review.ui.approved_by": "Appro&ved by",
    "review.ui.notes": "Notes for the &minutes",
    "review.ui.add_lesson": "Add &lessons learnt",
    "review.ui.lesson": "Lessons learnt",
    "review.ui.lesson_required": "Required: {why}",
    "review.ui.lesson_optional": "Optional for this decision.",
    "review.ui.what": "What &happened",
    "review.ui.why": "&Why it happened",
    "review.ui.differently": "What we will do &differently",
    "review.ui.learning_owner": "Learn&ing owner",
    "review.ui.problem": "Problem with this decision",
    "review.ui.choose_decision": (
        "Choose a decision first: continue, escalate, reassign, revise target or "
        "close."
    ),
    "review.ui.already_decided": "A decision was already recorded for this item in this meeting: {decision}.",
    "review.ui.unexpected": "The decision could not be saved: {reason}",
    "review.ui.previous": "&Previous",
    "review.ui.next": "&Next",
    "review.ui.record": "&Record decision (Ctrl+Enter)",
    "review.ui.finish": "&Finish meeting",
    "review.ui.summary": "&Summary for the minutes",
    "review.ui.copy": "&Copy",
    "review.ui.save": "Save as te&xt...",
    "review.ui.back": "&Back to the queue",
    "review.ui.save_title": "Save the meeting summary",
    "review.ui.text_files": "Text files (*.txt)",
    "lessons.col.recorded": "Recorded",
    "lessons.col.reference": "Ref",
    "lessons.col.title": "Recommendation",
    "lessons.col.strategy": "Strategy",
    "lessons.col.what": "What happened",
    "lessons.col.owner": "Learning owner",
    "lessons.ui.page": "Lessons learnt",
    "lessons.ui.search": "Sea&rch",
    "lessons.ui.clear_search": "Clear the search",
    "lessons.ui.not_named": "not named",
    "lessons.ui.search_hint": "Words in the lesson or the recommendation",
    "lessons.ui.strategy": "&Strategy",
    "lessons.ui.use_dates": "Only &between dates",
    "lessons.ui.since": "&From",
    "lessons.ui.until": "&To",
    "lessons.ui.count": "Lessons learnt shown: {n}, newest first.",
    "lessons.ui.count_name": "Number of lessons",
    "lessons.ui.list": "Lessons learnt",
    "lessons.ui.detail": "The lesson in full",
    "lessons.ui.open": "&Open recommendation",
    "lessons.ui.detail_text": (
        "{name}\nRecorded {day} by {by}\n\nWhat happened\n{what}\n\nWhy\n{why}\n\n"
        "What we will do differently\n{differently}\n\nLearning owner: {owner}"
    ),
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
    "recs.filter.any_open": "Any open status",
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
