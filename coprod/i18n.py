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
    "db.empty": "{path} is empty, not a coprod database; run 'coprod init --db {path}' to make it one, or choose another file.",
    "db.replaced": "{path} was replaced by another program since coprod opened it, so this change was not saved; open the file again to carry on.",
    "db.in_use_by": "{path} is open in {program} by {user}; close it there first, then try again.",
    "db.constraint": "{source}: the {column} of a record in the {table} table {rule}, so nothing was saved; correct it and try again.",
    "db.missing_parent": "{source}: {record} refers to {parent} that is not there, so nothing was saved; correct the file or export it again, then try again.",
    "db.folder_read_only": "coprod cannot replace {path}, because its folder cannot be written; ask for write access to the folder, or restore into a copy somewhere you can write.",
    "db.exists": "{path} already holds data, so coprod init left it alone; open it, or choose a new file name.",
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
    "cli.read_only_command": "coprod {command} changes the database, so it cannot run read only; leave out --read-only.",
    "cli.unexpected": "coprod stopped on an unexpected problem: {reason}.",
    # desktop app (main window, lists, quick capture, editors)
    "gui.window_title": "{label} - coprod",
    "gui.pages": "Pages",
    "gui.current_page": "Current page",
    "gui.db_label": "Database: {label}",
    "gui.db_open": "Database file open",
    "gui.as_of": "Lag as of {date}",
    "gui.as_of_name": "Date used for lag",
    "gui.busy_name": "Background work",
    "gui.working": "Working…",
    "gui.problem": "Problem",
    "gui.unexpected": "Something unexpected went wrong: {reason}. Nothing was half-saved; try again.",
    "gui.kept_current": "The database you had open is still open.",
    "gui.backup_done": "Backup saved to {path}.",
    "gui.backup_memory": "This database is in memory only, so there is no file to back up.",
    "gui.search_label": "&Search:",
    "gui.search_hint": "Type words to search for",
    "gui.search_named": "Search {page}",
    "gui.count_named": "Number of rows in {page}",
    "gui.rows_count": "Rows: {count:,}",
    "gui.yes": "Yes",
    "gui.no": "No",
    "gui.none": "(none)",
    "gui.nobody": "(nobody)",
    "gui.any": "(any)",
    "gui.any_date": "(any date)",
    "gui.has_date": "Set",
    "gui.set_named": "Set {name}",
    "gui.save": "Save",
    "gui.cancel": "Cancel",
    "gui.close": "Close",
    "gui.loop_closed_on": "Yes, {date}",
    "gui.linked_count": "linked to {count} recommendations",
    "gui.date_hint": "e.g. 31/03/2027",
    "gui.date_tip": "Type a date as 31/03/2027, 31/3/27, 31 Mar 2027 or 2027-03-31; Alt+Down opens a calendar.",
    "gui.calendar": "Choose the date from a calendar",
    "gui.calendar_tip": "Choose the date from a calendar (Alt+Down)",
    "gui.bad_date": "'{value}' is not a date; type it as 31/03/2027, 31 Mar 2027 or 2027-03-31.",
    "gui.date_needed": "Type a date for {name}, for example 31/03/2027.",
    "page.dashboard": "Dashboard",
    "page.sessions": "Sessions",
    "page.feedback": "Feedback",
    "page.recommendations": "Recommendations",
    "page.strategies": "Strategies",
    "page.owners": "Owners",
    "page.review": "Review",
    "page.lessons": "Lessons",
    "page.reports": "Reports",
    "menu.file": "&File",
    "menu.new_db": "&New database…",
    "menu.new_db_title": "Make a new coprod database",
    "menu.open_db": "&Open database…",
    "menu.open_db_title": "Open a coprod database",
    "menu.recent": "Open &recent",
    "menu.no_recent": "No recent databases",
    "menu.import": "&Import a tracker…",
    "menu.export": "&Export…",
    "menu.merge": "&Merge another copy…",
    "menu.tools": "&Tools",
    "menu.audit_log": "&Audit log…",
    "menu.backup": "&Back up now",
    "menu.restore": "Res&tore from a backup…",
    "menu.quit": "&Quit",
    "menu.edit": "&Edit",
    "menu.undo": "&Undo",
    "menu.redo": "&Redo",
    "menu.find": "&Find",
    "menu.preferences": "&Preferences…",
    "menu.go": "&Go",
    "menu.help": "&Help",
    "menu.about": "&About coprod",
    "menu.getting_started": "&Getting started",
    "menu.new_recommendation": "New re&commendation…",
    "welcome.page": "Getting started",
    "welcome.heading": "Welcome to coprod",
    "welcome.intro": (
        "This database is empty. Set up the strategies and owners first, so sessions and "
        "recommendations can be linked to them; or bring in the tracker you use today."
    ),
    "welcome.strategies": "1. Add &strategies…",
    "welcome.strategies_more": "The plans and strategies your recommendations belong to, and the board each reports to.",
    "welcome.owners": "2. Add &owners…",
    "welcome.owners_more": "The people responsible for recommendations, and who to escalate to.",
    "welcome.import": "3. &Import an existing tracker…",
    "welcome.import_more": "Bring in the recommendations from your Excel or CSV tracker.",
    "welcome.session": "4. &Log a session…",
    "welcome.session_more": "Record a co-production session, then type what residents said beside it.",
    "welcome.later": "These steps are also under Help > Getting started.",
    "about.title": "About coprod",
    "about.text": (
        "coprod {version}\n\nRecords what residents said at co-production sessions, what the council "
        "decided to do about it, and whether it was done on time."
    ),
    "col.held_on": "Date",
    "col.title": "Title",
    "col.format": "Format",
    "col.ladder": "Level",
    "col.participants": "People",
    "col.feedback": "Feedback",
    "col.loop_closed": "Loop closed",
    "col.said": "What was said",
    "col.themes": "Themes",
    "col.verbatim": "Verbatim",
    "col.participant": "Participant",
    "col.linked": "Linked",
    "col.session": "Session",
    "col.name": "Name",
    "col.board": "Board",
    "col.lead": "Lead",
    "col.start": "Starts",
    "col.end": "Ends",
    "col.active": "Active",
    "col.sessions": "Sessions",
    "col.recommendations": "Recommendations",
    "col.role": "Role",
    "col.team": "Team",
    "col.email": "Email",
    "col.open_recs": "Open recommendations",
    "sessions.new": "&New session…",
    "sessions.edit": "Ed&it…",
    "sessions.close_loop": "Mark loop &closed…",
    "sessions.delete": "&Delete",
    "sessions.loop_filter": "&Loop:",
    "sessions.loop_filter_name": "Show sessions whose loop is",
    "sessions.loop_any": "Open or closed",
    "sessions.loop_open": "Not yet closed",
    "sessions.loop_closed": "Closed",
    "sessions.count": "Sessions: {count:,}",
    "session.new_title": "New session",
    "session.edit_title": "Edit session",
    "session.f_title": "&Title:",
    "session.f_held_on": "&Held on:",
    "session.f_format": "&Format:",
    "session.f_ladder": "&Ladder level:",
    "session.ladder_tip": "Which rung of the ladder of co-production the session honestly reached.",
    "session.f_venue": "&Venue:",
    "session.f_facilitator": "F&acilitator:",
    "session.f_participants": "&People taking part:",
    "session.f_targeted": "&Groups we meant to reach:",
    "session.f_reached": "Groups &reached:",
    "session.groups_hint": "Separate groups with commas",
    "session.f_adjustments": "A&djustments made:",
    "session.adjustment_named": "Adjustment: {name}",
    "session.f_payments": "Pa&yments to participants:",
    "session.f_expenses": "E&xpenses:",
    "session.f_notes": "&Notes:",
    "session.f_returned": "Loop &closed on:",
    "session.loop_closed_check": "Residents told",
    "session.f_strategies": "&Strategies it fed:",
    "loop.title": "Mark loop closed: {title}",
    "loop.f_when": "&Residents were told on:",
    "loop.reopen": "&Not yet: the loop is still open",
    "capture.pick_session": "Choose a session on the left to capture what people said there.",
    "capture.heading": "Quick capture: {title}",
    "capture.said_label": "&You said:",
    "capture.said_name": "What was said",
    "capture.said_hint": "Type what was said; Enter saves it",
    "capture.themes_label": "The&mes:",
    "capture.themes_name": "Themes, separated by commas",
    "capture.themes_hint": "For example: Transport, Carers",
    "capture.participant_label": "&Participant code:",
    "capture.participant_name": "Participant code (optional)",
    "capture.verbatim": "Verbatim quote (Alt+V)",
    "capture.verbatim_name": "Verbatim quote",
    "capture.save": "Save item (Enter)",
    "capture.save_name": "Save item",
    "capture.count": "Items captured for this session: {count}",
    "capture.typing": " (one more being typed)",
    "capture.count_name": "Items captured",
    "capture.message_name": "Capture message",
    "capture.recent_label": "L&atest items:",
    "capture.recent_name": "Latest items captured",
    "pending.name": "Items waiting to be saved",
    "pending.one": "1 item waiting to be saved",
    "pending.many": "{count} items waiting to be saved",
    "pending.kept": "{reason} What you typed is kept and will be saved automatically.",
    "pending.read_only": (
        "This database is open read only; what you typed is kept beside it and will be saved "
        "the next time it is opened normally."
    ),
    "pending.locked": (
        "Another program is using the database just now; what you typed is kept and will be saved "
        "automatically as soon as it is free."
    ),
    "feedback.create_rec": "&Create recommendation from selected…",
    "feedback.create_rec_name": "Create recommendation from selected feedback",
    "feedback.delete": "&Delete",
    "feedback.session_filter": "Sess&ion:",
    "feedback.session_filter_name": "Only feedback from session",
    "feedback.theme_filter": "The&me:",
    "feedback.theme_filter_name": "Only feedback with theme",
    "feedback.from": "F&rom:",
    "feedback.from_name": "Sessions held from",
    "feedback.to": "T&o:",
    "feedback.to_name": "Sessions held up to",
    "feedback.not_linked": "&Not yet linked",
    "feedback.not_linked_name": "Only feedback not yet linked to a recommendation",
    "feedback.count": "Feedback items: {count:,}",
    "recfb.title": "New recommendation from {count} feedback items",
    "recfb.title_new": "New recommendation",
    "recfb.reference_tip": "The next free reference; change it, or leave it blank to get the next free one.",
    "recfb.f_said": "What residents said:",
    "recfb.said_name": "Feedback it will be linked to",
    "recfb.f_title": "&Title:",
    "recfb.f_you_said": "&You said (plain words for residents):",
    "recfb.f_reference": "&Reference:",
    "recfb.f_description": "&Description:",
    "recfb.f_raised": "Raised &on:",
    "recfb.f_source": "Source s&ession:",
    "recfb.f_strategy": "&Strategy:",
    "recfb.f_owner": "O&wner:",
    "recfb.f_target": "Tar&get date:",
    "recfb.set_target": "Set a target",
    "recfb.f_measure": "Success &measure:",
    "recfb.f_cqc": "&CQC quality statement:",
    "strategies.new": "&New strategy…",
    "strategies.edit": "Ed&it…",
    "strategies.toggle_active": "&Deactivate",
    "strategies.deactivate": "&Deactivate",
    "strategies.activate": "&Activate",
    "strategies.count": "Strategies: {count:,}",
    "strategy.new_title": "New strategy",
    "strategy.edit_title": "Edit strategy",
    "strategy.f_name": "&Name:",
    "strategy.f_description": "&Description:",
    "strategy.f_board": "&Board:",
    "strategy.f_lead": "&Lead owner:",
    "strategy.f_start": "&Starts:",
    "strategy.f_end": "&Ends:",
    "strategy.active": "&Active",
    "owners.new": "&New owner…",
    "owners.edit": "Ed&it…",
    "owners.deactivate": "&Deactivate…",
    "owners.reactivate": "Re&activate",
    "owners.count": "Owners: {count:,}",
    "owner.new_title": "New owner",
    "owner.edit_title": "Edit owner",
    "owner.f_name": "&Name:",
    "owner.f_role": "&Role:",
    "owner.f_team": "&Team:",
    "owner.f_email": "E&mail:",
    "owner.f_escalation": "E&scalate to:",
    "owner.deactivate_title": "Deactivate {name}",
    "owner.deactivate_question": (
        "{name} holds {count} open recommendations. Choose who takes them over; "
        "each move is recorded as an owner change."
    ),
    "owner.deactivate_nothing_open": (
        "{name} holds no open recommendations, so nothing needs handing on. "
        "Their finished work keeps their name."
    ),
    "owner.f_reassign": "&Reassign to:",
    "owner.leave_unassigned": "(leave them without an owner)",
    "owner.deactivate_button": "&Deactivate",
    "prefs.title": "Team rules",
    "prefs.f_target": "Default &target (days after raised):",
    "prefs.f_stall": "&Stalled after (days without an update):",
    "prefs.f_amber": "&At risk within (days of the target):",
    "prefs.days_suffix": " days",
    "prefs.f_prefix": "&Reference prefix for new recommendations:",
    "prefs.prefix_tip": "New recommendations are numbered after the highest reference with this prefix, such as R-0041.",
    "prefs.council": "How residents contact the council (printed in every report for residents)",
    "prefs.f_council_name": "Council &name:",
    "prefs.f_phone": "&Phone:",
    "prefs.f_email": "&Email:",
    "prefs.f_address": "Postal a&ddress:",
    "prefs.f_text_relay": "Te&xt relay:",
    "prefs.f_bsl": "&British Sign Language:",
    "prefs.f_formats": "Other &formats (how to ask):",
    "prefs.f_contact": "Other &way to contact us:",
    "settings.not_set": "(not set)",
    "pictures.no_theme": "Give the theme the picture is for.",
    "pictures.title": "Easy read picture for a theme",
    "pictures.f_theme": "&Theme:",
    "pictures.f_picture": "&Picture:",
    "pictures.usual": "The usual picture for this theme",
    "pictures.own": "Use our &own picture (PNG or SVG)...",
    "pictures.own_title": "Choose a picture",
    "ui.reports.pictures": "Easy read pict&ures...",
    "pictures.bad_choice": (
        "{picture} is neither a picture in the set nor a PNG or SVG file; choose one of: {names}, "
        "or give the path of your own file."
    ),
    "settings.saved": "Saved {key}.",
    "settings.unknown_key": "There is no setting called {key}; use one of: {keys}.",
    "settings.bad_days": "{key} must be a whole number of days from 1 to {maximum}, not {value}.",
    "undo.record_gone": (
        "Cannot undo {what}: the record has been changed or removed since. Nothing was changed; "
        "the undo history has been cleared."
    ),
    "undo.add_feedback": "capture feedback",
    "undo.delete_feedback": "delete {count} feedback items",
    "undo.create_session": "new session {title}",
    "undo.edit_session": "edit session {title}",
    "undo.delete_session": "delete session {title}",
    "undo.close_loop": "mark loop closed",
    "undo.create_recommendation": "new recommendation {title}",
    "undo.create_strategy": "new strategy {name}",
    "undo.edit_strategy": "edit strategy {name}",
    "undo.create_owner": "new owner {name}",
    "undo.edit_owner": "edit owner {name}",
    "undo.deactivate_owner": "deactivate {name}",
    "undo.reactivate_owner": "reactivate {name}",
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
    "import.too_big_unpacked": (
        "{path} unpacks to {size:,} MB, far more than a tracker holds (the limit is {limit:,} MB); "
        "open it in Excel, save a copy holding only the tracker, and import that."
    ),
    "import.sheet_too_big": (
        "The sheet {sheet} in {path} claims {rows:,} rows by {columns:,} columns, far more than a "
        "tracker holds; delete the empty rows and columns beyond the table in Excel and save it again."
    ),
    "import.no_such_sheet": "{path} has no sheet called {sheet}; choose one of: {sheets}.",
    "import.encoding_guessed": (
        "The file did not say how its text is encoded, so it was read as {encoding}; if letters look "
        "wrong, save it from Excel as CSV UTF-8 and import it again."
    ),
    "import.no_rows": "the file has a header but no rows to import.",
    "import.bad_date": "'{value}' is not a date; write it as 2025-03-04, 04/03/2025 or 4 March 2025.",
    "import.implausible_date": (
        "'{value}' is not a plausible date for a tracker; give a date between {earliest} and {latest}."
    ),
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
    "import.rag_needs_meaning": (
        "'{value}' is a RAG colour, and councils differ on what it means; say whether colours give the "
        "outcome or the progress, and import again."
    ),
    "import.rag_needs_meaning_file": (
        "The {column} column holds RAG colours, which mean different things in different councils; say "
        "whether green means achieved (--rag-means outcome) or on track (--rag-means progress)."
    ),
    "import.row_name": "row {row}",
    "import.section_skipped": (
        "Row {row} ('{text}') is a section heading across the table, so it was not imported as a "
        "recommendation."
    ),
    "review.ui.undated_name": "Completed recommendations without a completion date",
    "recs.status.add_date_title": "Record the completion date",
    "completions.gone": "This recommendation has been deleted; refresh the list.",
    "completions.already_dated": (
        "This recommendation already has its completion date; change its status to record another."
    ),
    "completions.undated": (
        "{count:,} completed recommendations have no completion date: {items}. Add the dates when you "
        "know them; until then they are left out of time-to-implement figures."
    ),
    "completions.undated.one": (
        "1 completed recommendation has no completion date: {items}. Add the date when you know it; until "
        "then it is left out of time-to-implement figures."
    ),
    "import.nothing_rag": (
        "Nothing imported: say what the RAG colours mean with --rag-means outcome or --rag-means progress, "
        "and import again."
    ),
    "import.row_and_reference": "{reference} on row {row}",
    "import.bad_map": "'{value}' is not a column choice; write it as \"Heading=field\", like \"Action taken=we did\".",
    "import.map_no_field": "'{field}' is not a field coprod keeps; choose one of: {fields}, or ignore.",
    "import.map_no_heading": "The file has no column headed '{heading}'; its headings are: {headings}.",
    "import.profile_unreadable": "coprod cannot read the mapping profile {path}: {reason}.",
    "import.mapping_used": "Columns used:",
    "import.mapping_line": "  {heading}: {field}",
    "import.mapping_ignored": "  {heading}: ignored",
    "import.sheet_used": "Sheet: {sheet}",
    "import.undated_note": "Completed; the tracker {name} did not record the completion date.",
    "import.missing.undated": (
        "{count:,} completed recommendations have no completion date ({items}); they count as implemented "
        "but are left out of time-to-implement figures, so add the dates when you know them."
    ),
    "import.missing.undated.one": (
        "1 completed recommendation has no completion date ({items}); it counts as implemented but is left "
        "out of time-to-implement figures, so add the date when you know it."
    ),
    "import.missing.no_we_did": (
        "{count:,} implemented recommendations have no 'we did' text ({items}); add what was done, so "
        "residents can hear back."
    ),
    "import.missing.no_we_did.one": (
        "1 implemented recommendation has no 'we did' text ({items}); add what was done, so residents can "
        "hear back."
    ),
    "import.missing.no_reason": (
        "{count:,} recommendations not taken forward have no reason ({items}); add the reason residents "
        "will be given."
    ),
    "import.missing.no_reason.one": (
        "1 recommendation not taken forward has no reason ({items}); add the reason residents will be given."
    ),
    "import.missing.more": "{items} and {more:,} more",
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
    "export.not_on_record": (
        "The export could not be recorded: {path} is read only and your own queue of records "
        "waiting for it cannot be written ({reason}), so no file was kept. Copy the database somewhere you can write and export again."
    ),
    "export.too_long_for_excel": (
        "The {column} of {record} is longer than an Excel cell can hold ({limit:,} characters), so "
        "Excel would cut it; export to CSV instead, which keeps it whole."
    ),
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
    "merge.bad_value": (
        "{path} holds {value} as {table} {field}, which must be {expected}; nothing was merged. "
        "Export it again from the other copy."
    ),
    "merge.future_time": (
        "{path} says {table} {row_id} changed at {value}, more than a day from now; nothing was merged. "
        "Check the other laptop's clock and export again."
    ),
    "merge.mass_delete": (
        "{path} would delete {count} of the {total} {table} records here; nothing was merged. "
        "If that is meant, merge again allowing mass deletion (--allow-mass-delete)."
    ),
    "check.wrong_type": "{table}.{field}: {count} values of the wrong type",
    "check.broken_link": "{table}: {count} records link to a missing {parent} record",
    "audit.merged_actor": "{actor} (merged from {file})",
    "merge.done": "Merged {path}: {added} records added, {updated} updated, {conflicts} conflicts.",
    "merge.conflict": (
        "conflict: {table} {row_id}: changed in both copies: {fields}; kept the {kept} version "
        "(the later change). Both values are in the audit log."
    ),
    "merge.conflict_field": "{field} was \"{local}\" here and \"{incoming}\" in the file",
    "merge.conflict_reference": (
        "conflict: {table} {row_id}: the reference {old} was already used here for another "
        "recommendation; the merged one is now {new}. Renumber one of them if needed."
    ),
    "backup.source_damaged": "The database {path} is damaged: a copy of it fails SQLite's check, so no backup was kept and the good older backups were left alone; restore the newest backup or run 'coprod check --db {path}'.",
    "backup.not_a_file": "The database {path} is not a file (it is in memory or on a server), so coprod cannot back it up; use the server's own backups.",
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
    "ui.import.browse": "B&rowse...",
    "ui.import.browse_name": "Browse for the tracker file",
    "ui.import.problem_name": "Problem with the file",
    "ui.import.empty_file": "{path} is empty; choose the file that holds the tracker.",
    "ui.import.mapping_title": "Check the columns",
    "ui.import.mapping_help": (
        "coprod matched each column to what it holds by its heading. Change any that are wrong, or choose "
        "'Not imported' for a column coprod should leave out. Your choice is remembered for these headings."
    ),
    "ui.import.required": "{heading} (required)",
    "ui.import.save_profile": "&Save these columns as a profile...",
    "ui.import.save_profile_name": "Save the column choices as a mapping profile",
    "ui.import.profile_filter": "Mapping profiles (*.json)",
    "ui.import.profile_saved": "Saved to {path}; the command line reads it with --mapping.",
    "ui.import.sheet_label": "S&heet:",
    "ui.import.sheet_name": "Sheet of the workbook to import",
    "ui.import.columns_name": "Columns of the file and what each one feeds",
    "ui.import.col_heading": "Column in the file",
    "ui.import.col_field": "Imported as",
    "ui.import.col_sample": "First values",
    "ui.import.field_for": "Imported as, for the column {heading}",
    "ui.import.sample_of": "First values of {heading}",
    "ui.import.ignored": "Not imported",
    "ui.import.field_twice": "More than one column is imported as {field}; choose one column for each.",
    "ui.import.fields_missing": "Choose the column that holds: {fields}.",
    "ui.import.mapping_problem_name": "What is still needed",
    "ui.import.rag_label": "The &status column holds RAG colours. What does green mean in this tracker?",
    "ui.import.rag_name": "What the RAG colours mean",
    "ui.import.rag_choose": "Choose what the colours mean",
    "ui.import.rag_outcome": "Achieved: green means done, amber in progress, red not yet achieved",
    "ui.import.rag_progress": "On track: blue means done, green, amber and red are in progress",
    "ui.import.rag_needed": "Say what the RAG colours mean; councils' keys differ, so coprod does not guess.",
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
    "ui.import.back": "Back",
    "ui.import.next": "Next",
    "ui.import.finish": "Finish",
    "ui.import.cancel": "Cancel the import",
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
    "ui.data.mass_delete": (
        "{path} would delete {count} of the {total} {table} records here. Merge it and delete them?"
    ),
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
    # reports
    "report.your_council": "the council",
    "report.no_strategy": "There is no strategy called {name}; check the name (see the Strategies list).",
    "report.no_session": "There is no session with id {id}; check the id.",
    "report.bad_session_id": "{value} is not a session id; copy the id from the session's details.",
    "report.bad_format": "{path} must end in .pdf, .html (or .htm) or .docx.",
    "report.unknown_kind": "{kind} is not a report; choose you-said-we-did, lag or review.",
    "report.cannot_write": "The report could not be saved to {path}: {reason}.",
    "report.unsupported_text": (
        "The PDF cannot show some characters ({characters}, e.g. \"{sample}\") in {where}. "
        "Save as HTML instead, or change the text."
    ),
    "report.redacted": "{what} removed from {where} ({hint}).",
    "report.redacted.name": "A participant's name",
    "report.redacted.contact": "A participant's contact details",
    "report.removed.contact": "[contact details removed]",
    "report.removed.address": "[address removed]",
    "report.removed.withheld": "[left out: it held personal details]",
    "report.redacted.address": "A street address",
    "report.redacted.person": "A person's name",
    "report.removed.person": "[name removed]",
    "report.withheld": "A text in {where} was left out because it held several personal details ({hint}).",
    "report.withheld_hint": "{count} personal details in it; check the source record",
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
    "report.laying_out": "Laying out the pages...",
    "report.table_empty": "None.",
    "report.logo_alt": "{council} logo",
    "report.chart_group": "Group",
    "report.generated": "Produced on {today} with coprod.",
    "report.contents": "Contents",
    "report.picture": "Space for a picture",
    "report.changes.first": "This is the first published version of this report.",
    "report.changes.never": (
        "No version of this report has been published yet; publish it to record what went out."
    ),
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
        "{total} covered: {open} still open and {implemented} implemented. "
        "Status is given in words and a symbol in every table; colour is never the only sign."
    ),
    "board.fig.on_time": "Implemented on time against the original target",
    "board.fig.on_time_revised": "Implemented on time against the revised target",
    "board.fig.overdue": "Open and overdue",
    "board.fig.mean_lag": "Average days overdue (open and overdue)",
    "board.fig.stalled": "Stalled (no activity for {days} days, or on hold)",
    "board.fig.extensions": "Target extensions granted",
    "board.fig.since_update": "Typical days since the last update (open)",
    "board.km_note": (
        "How the median is worked out: a Kaplan-Meier estimate, which also counts recommendations "
        "still open, so slow work left open does not flatter it; the likely range is its 95% "
        "confidence interval."
    ),
    "board.km_sentence": "Median time to implement: {figure}.",
    "board.km_ci": "{median} days (likely between {low} and {high})",
    "board.km_no_range": "{median} days (not enough data yet for a likely range)",
    "board.km_not_reached": "not enough data yet",
    "board.km_cell": "{median} ({low} to {high})",
    "board.km_cell_no_range": "{median} (no range yet)",
    "board.kept": "Promises kept on time: {kept} of {due} (done by the target first given).",
    "board.kept_none": "Promises kept on time: none had fallen due yet.",
    "board.rag_caption": "Recommendations by RAG status",
    "board.col.count": "Number",
    "board.change_published": (
        "Since the last published board report ({since}): implemented {done}; newly raised "
        "{raised}; target dates moved {moved}."
    ),
    "board.change_period": (
        "No board report has been published yet. In the 90 days since {since}: implemented "
        "{done}; newly raised {raised}; target dates moved {moved}."
    ),
    "board.section.team": "By team or service",
    "board.section.figures": "How long implementation takes",
    "board.col.team": "Team or service",
    "board.no_team": "No team recorded",
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
    "board.col.km": "Median days to implement (likely range)",
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
    "board.days_late": "{days} late",
    "board.on_time": "On time",
    "board.section.live": "Live recommendations",
    "board.live_caption": "Open recommendations not yet past their target, by strategy: {count}",
    "board.section.completed": "Completed since {since}",
    "board.completed_caption": "Recommendations implemented in the period: {count}",
    "board.section.extensions": "Extension requests",
    "board.extensions_caption": "Target dates moved since {since}: {count}",
    "board.section.overdue": "Overdue",
    "board.overdue_caption": "Open recommendations past their current target, most overdue first: {count}",
    "pack.title": "Review pack: stalled and overdue recommendations",
    "pack.subject": "The queue for the review meeting, with each item's history, and the decisions taken",
    "pack.subtitle": "{what}, as at {as_of}",
    "pack.section.about": "About this pack",
    "pack.about": (
        "{count} need a decision: they are past their current target, or "
        "nothing has happened on them for {days} or more, or they are on hold. The worst "
        "lag comes first."
    ),
    "pack.fig.stalled": "Stalled",
    "pack.fig.overdue": "Overdue",
    "pack.fig.both": "Both stalled and overdue",
    "pack.section.queue": "The queue",
    "pack.queue_empty": "Nothing is stalled or overdue.",
    "pack.why.overdue": "Overdue by {days} against the current target ({original} against the original).",
    "pack.why.stalled": "No activity for {days}.",
    "pack.fact.owner": "Owner",
    "pack.fact.strategy": "Strategy",
    "pack.fact.status": "Status",
    "pack.fact.raised": "Raised",
    "pack.fact.original": "Original target",
    "pack.fact.current": "Current target",
    "pack.fact.extensions": "Extensions so far",
    "pack.fact.last_activity": "Last activity",
    "pack.part.why": "Why it is here",
    "pack.part.timeline": "Timeline",
    "pack.part.decision": "Decision",
    "pack.no_events": "Nothing recorded yet.",
    "pack.decision_prompt": (
        "Continue, escalate, reassign, revise the target (with a reason and approver) or close "
        "as not taken forward. Record the decision in coprod after the meeting."
    ),
    "pack.ev.raised": "Raised.",
    "pack.ev.status": "Status changed from {old} to {new}.",
    "pack.ev.target": "Target moved from {old} to {new}: {reason} (approved by {by}).",
    "pack.ev.update": "Update: {text}",
    "pack.ev.public_update": "Public update: {text}",
    "pack.ev.owner": "Owner changed from {old} to {new}.",
    "pack.ev.review": "Reviewed: {decision}. {notes}",
    "pack.section.decisions": "Decisions",
    "pack.section.decisions_on": "Decisions at the meeting on {when}",
    "pack.section.decisions_range": "Decisions from {start} to {end}",
    "pack.no_decisions": "No review decisions are recorded for this period.",
    "pack.decisions_caption": "Decisions in this period: {count}",
    "pack.col.when": "Reviewed",
    "pack.col.decision": "Decision",
    "pack.col.outcome": "Follow-up",
    "pack.col.notes": "Notes",
    "pack.out.escalated": "Escalated to {who}",
    "pack.out.reassigned": "Reassigned to {who}",
    "pack.out.next": "Next update due {when}",
    "ui.reports.title": "Reports",
    "ui.reports.kind": "Report",
    "ui.reports.kind.label": "Re&port:",
    "ui.reports.kind.yswd": "You said, we did (for residents)",
    "ui.reports.kind.lag": "Board lag report",
    "ui.reports.kind.review": "Review pack",
    "ui.reports.scope": "Scope",
    "ui.reports.scope.label": "S&cope:",
    "ui.reports.scope.all": "Everything",
    "ui.reports.scope.strategy": "One strategy",
    "ui.reports.scope.session": "One session",
    "ui.reports.strategy": "Strategy",
    "ui.reports.strategy.label": "Strateg&y:",
    "ui.reports.session": "Session",
    "ui.reports.session.label": "Sessio&n:",
    "ui.reports.limit_dates": "Only recommendations raised between two &dates",
    "ui.reports.from": "From date",
    "ui.reports.from.label": "F&rom:",
    "ui.reports.to": "To date",
    "ui.reports.to.label": "T&o:",
    "ui.reports.as_of": "As at date",
    "ui.reports.as_of.label": "&As at:",
    "ui.reports.format": "Format",
    "ui.reports.format.label": "For&mat:",
    "ui.reports.format.pdf": "PDF, for print",
    "ui.reports.format.html": "HTML, for screen readers and the website",
    "ui.reports.format.docx": "Word, to edit before publishing",
    "ui.reports.easy_read": "Easy read &version (16 pt, short sentences)",
    "ui.reports.publish": "Record as the pu&blished version when saving",
    "ui.reports.name_officers": "Name officers in the board report (otherwise by team or service)",
    "ui.reports.preview": "Previe&w",
    "ui.reports.save": "&Save...",
    "ui.reports.print": "Pr&int...",
    "ui.reports.cancel": "Cance&l",
    "ui.reports.message": "Report status",
    "ui.reports.checks": "Checks before publishing",
    "ui.reports.preview_area": "Report preview",
    "ui.reports.preview_html": "Report preview (HTML)",
    "ui.reports.preview_pdf": "Report preview (PDF)",
    "ui.reports.working": "Preparing the report...",
    "ui.reports.progress": "Preparing the report",
    "ui.reports.cancelled": "Cancelled; nothing was saved.",
    "ui.reports.previewed": "Preview ready. Check the list on the left before you save.",
    "ui.reports.no_pdf_view": "This computer has no PDF viewer for Qt, so the preview shows the HTML version of the same content.",
    "ui.reports.nothing_redacted": "No personal data was found.",
    "ui.reports.changed": "Changed since then: {refs}",
    "ui.reports.new": "New since then: {refs}",
    "ui.reports.removed": "No longer included: {refs}",
    "ui.reports.redacted": "Removed: {text}",
    "ui.reports.advice": "Plain English: {text}",
    "ui.reports.save_title": "Save report",
    "ui.reports.print_title": "Print report",
    "ui.reports.print_cancelled": "Printing cancelled.",
    "ui.reports.printed": "Sent to the printer.",
    "yswd.title": "You said, we did",
    "yswd.subject": "What residents told {council} and what the council did about it",
    "yswd.subtitle": "{what}, as at {as_of}",
    "yswd.scope_all": "All our engagement",
    "yswd.scope_dates": "{what}, {start} to {end}",
    "yswd.section.about": "About this report",
    "yswd.about": (
        "We asked people who use adult social care, and the people who support them, what works "
        "and what should change. This report tells you what {council} did about the {count} "
        "we agreed to look at, as at {as_of}."
    ),
    "yswd.count.done": "Done",
    "yswd.count.started": "Started",
    "yswd.count.agreed": "Agreed, not started yet",
    "yswd.count.deciding": "Still deciding or paused",
    "yswd.count.not_taken": "Not taken forward",
    "yswd.section.asked": "What we asked and when",
    "yswd.asked_intro": "We held these sessions to hear from you:",
    "yswd.no_sessions": "No sessions are recorded for this report.",
    "yswd.session_line": "{title} ({format}, {when})",
    "yswd.easy.asked": "We held {count} to hear from you, from {start} to {end}.",
    "yswd.sessions_caption": "Sessions this report covers: {count}",
    "yswd.col.session": "Session",
    "yswd.col.when": "Date",
    "yswd.col.format": "Format",
    "yswd.col.people": "People",
    "yswd.section.took_part": "Who took part",
    "yswd.people": "{count} took part in {sessions}.",
    "yswd.people_one": "{count} took part in the session.",
    "yswd.people_unknown": (
        "We did not count who took part: what is in this report comes from our records of what "
        "residents told us, not from a session where we counted people."
    ),
    "yswd.kept": "Promises kept on time: {kept} of {due}.",
    "yswd.kept_means": (
        "This counts the work that was due, and whether it was done by the date we first gave. "
        "A later date does not count as on time."
    ),
    "yswd.easy.kept": "Things we did by the date we first said: {kept} of {due}.",
    "yswd.quote_source": "{session}, {month}",
    "yswd.and_more": "{listed} and {count} more",
    "yswd.raised_by": "Raised by {people} at {count}: {sessions}.",
    "yswd.status.late": "{status}, late",
    "yswd.late": "This is late. We said it would be done by {first}.",
    "yswd.late.new_date": "We now expect it to be done by {when}.",
    "yswd.late.reason": "The reason for the new date: {reason}.",
    "yswd.late.no_reason": "We did not record why the date changed.",
    "yswd.late.no_new_date": "We have not agreed a new date yet.",
    "yswd.expect_by": "We expect it to be done by {when}.",
    "yswd.moved": "We first said {first}.",
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
    "yswd.said_none": "We did not write down what people told us about this.",
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
    "yswd.now.in_progress": "We have started this.",
    "yswd.now.accepted": "We have agreed to do this but have not started yet.",
    "yswd.now.proposed": "We are still deciding if we can do this.",
    "yswd.now.on_hold": "This is paused for now.",
    "yswd.next.check": "We will check that it works by looking at this: {measure}.",
    "yswd.next.done": "We will check that it works and tell you if anything changes.",
    "yswd.next.not_taken": (
        "If you want to talk to us about this decision, contact us: the ways to do so are at the end."
    ),
    "yswd.next.by": "We will tell you how it is going by {when}.",
    "yswd.next.soon": "We will tell you how it is going in our next update.",
    "yswd.section.contact": "Other formats and how to contact us",
    "yswd.formats": (
        "You can ask for this report in another format, such as easy read, large print, audio, "
        "Braille or another language."
    ),
    "yswd.contact_intro": "To ask for another format, or to tell us what you think, contact us:",
    "yswd.easy.contact_intro": "You can tell us what you think. Here is how to contact us:",
    "yswd.contact.phone": "Phone",
    "yswd.contact.email": "Email",
    "yswd.contact.address": "Write to us",
    "yswd.contact.text_relay": "Text relay",
    "yswd.contact.bsl": "British Sign Language",
    "yswd.contact.formats": "Other formats",
    "yswd.contact.other": "Other ways",
    "yswd.contact_none": "Contact details will be added here before this report is published.",
    "report.draft_no_contact": "Draft: contact details missing.",
    "report.jargon": "{where}: residents may not know the word \"{word}\"; try \"{easier}\".",
    "yswd.section.words": "Words we used",
    "yswd.section.easy_themes": "What you told us and what we did",
    "yswd.words_intro": "Some words in this report may be new to you. This is what they mean.",
    "yswd.credit": "Pictures: Twemoji by Twitter, Inc and other contributors, CC BY 4.0.",
    "yswd.easy.theme": "You told us about {theme}.",
    "yswd.easy.theme_label": "What this part is about",
    "yswd.easy.theme_other": "You also told us about these things.",
    "yswd.easy.theme_done": "We finished {count}.",
    "yswd.easy.theme_doing": "We are still working on {count}.",
    "yswd.easy.theme_nope": "We cannot do {count}.",
    "yswd.easy.full_version": (
        "This easy read gives the main points for each subject. The full report says more about "
        "each thing. You can ask us for it: the ways to contact us are at the end."
    ),
    "yswd.easy.now.implemented": "We did this.",
    "yswd.easy.now.in_progress": "We have started this.",
    "yswd.easy.now.accepted": "We said yes. We have not started yet.",
    "yswd.easy.now.proposed": "We are still thinking about this.",
    "yswd.easy.now.on_hold": "We have stopped this for now.",
    "yswd.easy.now.not_taken_forward": "We cannot do this.",
    "yswd.easy.why": "This is why: {reason}.",
    "yswd.easy.late": "This is late.",
    "yswd.easy.by": "We think it will be done by {when}.",
    "yswd.easy.no_date": "We do not have a new date yet.",
    "report.draft_advice": (
        "This draft has no way for residents to contact the council; set a phone, email or postal "
        "address in Preferences or with 'coprod settings set' before publishing."
    ),
    "report.publish_needs_contact": (
        "A report for residents cannot be published without a way to contact the council; set a "
        "phone, email or postal address in Preferences or with 'coprod settings set contact_phone "
        "NUMBER', then publish again."
    ),
    "yswd.privacy": "We only publish what people agreed we could share. We never publish names.",
    "yswd.easy.about": "You told {council} what you think. This is what we did.",
    "yswd.easy.count_done": "We finished {count}.",
    "yswd.easy.count_started": "We started {count} more.",
    "yswd.easy.count_agreed": "We agreed to do {count} more.",
    "yswd.easy.not_done": "Things not done yet, or that we cannot do: {count}. We say why.",
    "yswd.easy.said": "You told us about {theme}.",
    "yswd.easy.no_update": "We have not told you anything new yet.",
    "yswd.easy.formats": "You can ask for this in another way. For example, large print or audio.",
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
    "review.why.no_target": "No target (team default used)",
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
    "dashboard.drill.bin": "open and {bin} late",
    "dashboard.drill.none": "open and not late",
    "dashboard.drill.no_strategy": "those with no strategy",
    "dashboard.drill.month": "those overdue on {day}",
    "dashboard.drill.on_time": "those implemented by their original target",
    "dashboard.drill.implemented": "those implemented, with the date they were",
    "dashboard.ui.by_strategy": "Figures by strategy",
    "dashboard.ui.charts": "Charts",
    "dashboard.ui.tab.lag": "&Lag of open recommendations",
    "dashboard.ui.tab.km": "Time to &implement",
    "dashboard.ui.tab.status": "Status by &strategy",
    "dashboard.ui.tab.month": "Overdue by &month",
    "dashboard.ui.chart_of": "Chart: {name}",
    "dashboard.ui.table_of": "Table: {name}",
    "dashboard.ui.chart_hint": "Press Ctrl+T for a table of the same numbers.",
    "dashboard.ui.show_table": "Show as ta&ble (Ctrl+T)",
    "dashboard.ui.chart_no_room": (
        "The chart needs more room to be read, so its table is shown; make the window larger to see the chart."
    ),
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
    "review.ui.reviewer": "&Chair of the meeting",
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
    "review.ui.timeline_label": "Timeline, newest first",
    "review.ui.decision": "Decision",
    "review.ui.decide.continue": "&Continue",
    "review.ui.decide.escalate": "E&scalate",
    "review.ui.decide.reassign": "Re&assign",
    "review.ui.decide.revise": "Re&vise target",
    "review.ui.decide.close": "Close as not ta&ken forward",
    "review.ui.next_update": "Next &update due",
    "review.ui.escalate_to": "Escalate to",
    "review.ui.no_contact": "The owner has no escalation contact: add one on the Owners page, or reassign.",
    "review.ui.new_owner": "New o&wner",
    "review.ui.choose_owner": "Choose an owner",
    "review.ui.no_one": "No one named",
    "review.ui.new_target": "Ne&w target date",
    "review.ui.reason": "Reas&on",
    "review.ui.approved_by": "Approved &by",
    "review.ui.notes": "Notes for the &minutes",
    "review.ui.add_lesson": "Add &lessons learnt",
    "review.ui.lesson": "Lessons learnt",
    "review.ui.lesson_required": "Required: {why}",
    "review.ui.lesson_optional": "Optional for this decision.",
    "review.ui.what": "What happene&d",
    "review.ui.why": "Wh&y it happened",
    "review.ui.differently": "What we will do differently",
    "review.ui.learning_owner": "Learning owner",
    "review.ui.problem": "Problem with this decision",
    "review.ui.choose_decision": (
        "Choose a decision first: continue, escalate, reassign, revise target or "
        "close."
    ),
    "review.ui.already_decided": "A decision was already recorded for this item in this meeting: {decision}.",
    "review.ui.unexpected": "The decision could not be saved: {reason}",
    "review.ui.unrecorded_title": "Decisions not recorded",
    "review.ui.unrecorded": (
        "A decision was chosen or typed but not recorded for {names}. "
        "Go back to record it, or finish without it."
    ),
    "review.ui.unrecorded_back": "&Go back to record",
    "review.ui.unrecorded_drop": "Finish &without recording",
    "review.ui.previous": "&Previous",
    "review.ui.next": "&Next",
    "review.ui.record": "Record decision (Ctrl+Enter)",
    "review.ui.finish": "Fin&ish meeting",
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
    "lessons.ui.since": "Fro&m",
    "lessons.ui.until": "T&o",
    "lessons.ui.count": "Lessons learnt shown: {n}, newest first.",
    "lessons.ui.count_name": "Number of lessons",
    "lessons.ui.list": "Lessons learnt",
    "lessons.ui.detail": "The lesson in full",
    "lessons.ui.open": "O&pen recommendation",
    "lessons.ui.detail_text": (
        "{name}\nRecorded {day} by {by}\n\nWhat happened\n{what}\n\nWhy\n{why}\n\n"
        "What we will do differently\n{differently}\n\nLearning owner: {owner}"
    ),
    # recommendations
    "undo.changed_since": (
        "{title} has changed since, so this step cannot be undone; make the change again by hand."
    ),
    # undo and redo of any change record
    "undo.review_decision": "review decision on {name}",
    "changes.changed_since": "the record has changed since",
    "changes.gone": "the record has been removed",
    "changes.undo_refused": (
        "Cannot undo {what}: the record has changed since, so nothing was changed; "
        "make the change again by hand if it is still wanted."
    ),
    "changes.redo_refused": (
        "Cannot redo {what}: the record has changed since, so nothing was changed; "
        "make the change again by hand if it is still wanted."
    ),
    "changes.undo_failed": (
        "Cannot undo {what}: the record has been changed or removed since. Nothing was changed; "
        "this step has been taken off the undo list."
    ),
    "changes.redo_failed": (
        "Cannot redo {what}: the record has been changed or removed since. Nothing was changed; "
        "this step has been taken off the undo list."
    ),
    "changes.undo_error": "Cannot undo {what}: {reason} Nothing was changed; this step has been taken off "
    "the undo list.",
    "changes.redo_error": "Cannot redo {what}: {reason} Nothing was changed; this step has been taken off "
    "the undo list.",
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
    "recs.details.you_said": "&You said (plain words for residents):",
    "recs.details.strategy": "&Strategy:",
    "recs.details.success": "Success &measure:",
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
    "recs.filter.strategy": "Str&ategy:",
    "recs.filter.owner": "O&wner:",
    "recs.filter.status": "Stat&us:",
    "recs.filter.any_open": "Any open status",
    "recs.filter.rag": "&RAG:",
    "recs.filter.any": "Any",
    "recs.filter.loading": "Loading...",
    "recs.filter.overdue": "O&verdue only",
    "recs.filter.stalled": "Stalled onl&y",
    "recs.filter.clear": "C&lear filters",
    "recs.filter.figure": "Only {note}.",
    "recs.filter.figure_name": "Also narrowed to",
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
    "recs.new": "&New recommendation…",
    "recs.action.update": "Add u&pdate",
    "recs.action.status": "&Change status",
    "recs.action.target": "Rev&ise target",
    "recs.action.owner": "Reassign &owner",
    "recs.action.details": "Edit &details",
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
    "recs.detail.not_recorded": "Not recorded (the tracker it came from did not say)",
    "recs.detail.origin": "Came from (committee or board)",
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
    # command line: how a run ends
    "cli.no_command": "no command given; see 'coprod --help'.",
    "cli.interrupted": "stopped.",
    "cli.log_written": "The details are in {path}.",
    "cli.log_failed": "The details could not be written to {path} ({reason}).",
    # opening an interchange file from the file manager (the installer's .coprod.json association)
    "ui.data.merge_opened": "Merge {path} into {db}? Records from the other copy are added or updated, field by field.",
    # -- personal data: audit chain, participants, consent, erasure
    "privacy.chain.ok": "Audit log: {count} events, chain intact, append-only triggers in place.",
    "privacy.chain.broken.unchained": (
        "Audit log: BROKEN at event {event} ({at}): it has no place in the chain, so it was written "
        "outside coprod."
    ),
    "privacy.chain.broken.out_of_place": (
        "Audit log: BROKEN at event {seq} ({at}): an event before it is missing or out of order."
    ),
    "privacy.chain.broken.link": (
        "Audit log: BROKEN at event {seq} ({at}): it does not follow on from the event before it."
    ),
    "privacy.chain.broken.altered": (
        "Audit log: BROKEN at event {seq} ({at}): its content was changed after it was written."
    ),
    "privacy.chain.trigger_missing": (
        "Audit log: the safeguard {name} is missing, so the log could be changed or deleted; "
        "restore a backup or run 'coprod check' on a copy made before."
    ),
    "privacy.no_participant": "There is no participant {code}; check the code ('coprod participants find').",
    "privacy.code_taken": "The participant code {code} is already used; choose another.",
    "privacy.code_erased": "The participant code {code} belonged to someone whose data was erased; choose another.",
    "privacy.consent_how": "Say how consent was given (for example: signed form at the session).",
    "privacy.consent_wording": "Record the wording the person agreed to.",
    "privacy.consent_future": "Consent cannot be dated in the future.",
    "privacy.no_consent": "{code} has no consent to withdraw for {use}.",
    "privacy.added": "Participant {code} added.",
    "privacy.edited": "Participant {code} changed.",
    "privacy.consent_given": "Consent recorded: {code} agreed to {use} on {on}.",
    "privacy.withdrawn": "Consent withdrawn: {code} no longer agrees to {use} (from {on}).",
    "privacy.withdrawn_quotes_out": "Their words are left out of every report made from now on.",
    "privacy.published_before": "Published versions that may contain their quotes ({count}); ask for these to be taken down or corrected:",
    "privacy.published_line": "• {kind}, as of {as_of}, published {on}",
    "privacy.published_none": "No published report contains their quotes.",
    "privacy.none_found": "No participant matches.",
    "privacy.consent_none": "none",
    "privacy.consent_active": "{use} since {on}",
    "privacy.consent_withdrawn": "{use} withdrawn {on}",
    "privacy.erased": (
        "Erased {code}: their name and contact are gone, and the text of {count} comments is removed "
        "from the database file and its search index (themes and counts stay)."
    ),
    "privacy.erased_no_backups": "No backup holds their data.",
    "privacy.erased_backups": (
        "{count} backups made before now still hold their data; they are kept beyond use (never "
        "restored for this person) until they are thinned out:"
    ),
    "privacy.erased_backup_line": "  {name}  taken {taken}, gone by {expires} at the latest",
    "privacy.sar_kind": "A subject access file is written as .pdf or .json, not {path}.",
    "privacy.sar_written": (
        "Subject access file for {code} written to {path}: {said} comments, {events} audit events. "
        "A request made today is due by {due}."
    ),
    "privacy.sar_to_check": (
        "{count} other comments mention their name or contact; they are listed at the end for you to "
        "check before anything is sent."
    ),
    "sar.title": "Information held about participant {code}",
    "sar.prepared": "Prepared {when} (UTC) in answer to a subject access request.",
    "sar.identity": "Who you are",
    "sar.consents": "What you agreed to",
    "sar.sessions": "Sessions you took part in",
    "sar.said": "What you told us",
    "sar.recommendations": "Recommendations your views fed into",
    "sar.audit": "When your records were created, changed or used",
    "sar.to_check": "For the officer to check before sending: other comments that mention you",
    "sar.none": "None.",
    "retention.schedule": (
        "Retention schedule: identity {identity} days after a participant's last session; feedback "
        "text {feedback} days after its session (change with 'coprod settings set retain_identity_days' "
        "or 'retain_feedback_days')."
    ),
    "retention.due_now": "Due now (on {on}): {count} records to anonymise.",
    "retention.due_soon": "Due in the next 30 days: {count} records.",
    "retention.applied": "Anonymised on {on}: {count} records (identities blanked, text reduced to its themes).",
    "retention.tab": "Retention",
    "retention.save_schedule": "Save &schedule",
    "retention.f_identity": "&Identity kept after the last session:",
    "retention.f_feedback": "&Feedback text kept after its session:",
    "retention.now_heading": "Due now: {count} records",
    "retention.soon_heading": "Due in the next 30 days: {count} records",
    "retention.now_name": "Records due now",
    "retention.soon_name": "Records due in the next 30 days",
    "retention.notice_name": "Retention result",
    "retention.apply": "A&nonymise what is due now",
    "retention.item": "{kind}: {label}, due {due}",
    "retention.kind_identity": "Identity",
    "retention.kind_feedback": "Feedback text",
    "privacy_report.kind": "The privacy report is written as .html or .pdf, not {path}.",
    "privacy_report.written": "Privacy report written to {path}.",
    "privacy_report.title": "Personal data held in coprod",
    "privacy_report.made": "Made {when}; retention measured on {as_of}. Counts only: no one is named.",
    "privacy_report.s_chain": "Audit log",
    "privacy_report.chain_ok": "The audit log's chain of {count} events and its append-only safeguards were verified intact on {when}.",
    "privacy_report.chain_broken": "The audit log FAILED verification on {when}; run 'coprod check' for the first broken event.",
    "privacy_report.s_held": "Personal data held",
    "privacy_report.s_basis": "Participants by lawful basis",
    "privacy_report.s_consent": "Consent for optional uses",
    "privacy_report.s_retention": "Retention",
    "privacy_report.s_erasures": "Erasures made, by month",
    "privacy_report.s_requests": "Subject access requests answered, by month",
    "privacy_report.h_what": "What",
    "privacy_report.h_count": "How many",
    "privacy_report.h_basis": "Lawful basis",
    "privacy_report.h_use": "Use",
    "privacy_report.h_in_force": "In force",
    "privacy_report.h_withdrawn": "Withdrawn",
    "privacy_report.h_due_now": "Due now",
    "privacy_report.h_due_soon": "Due in the next 30 days",
    "privacy_report.h_month": "Month",
    "privacy_report.participants": "Participants",
    "privacy_report.with_name": "Participants whose name is held",
    "privacy_report.with_contact": "Participants whose contact details are held",
    "privacy_report.feedback_text": "Comments whose words are held",
    "privacy_report.feedback_named": "Comments linked to a participant",
    "page.participants": "Participants",
    "privacy.window_title": "Personal data",
    "menu.personal_data": "&Personal data…",
    "participants.count": "{count} participants",
    "participants.new": "&New participant…",
    "participants.edit": "&Edit…",
    "participants.consent": "Record &consent…",
    "participants.withdraw": "&Withdraw consent…",
    "participants.erase": "E&rase…",
    "participants.sar": "Subject &access…",
    "participants.sar_filter": "PDF (*.pdf);;JSON (*.json)",
    "participants.erase_button": "&Erase",
    "participants.title_erase": "Erase {code}",
    "participants.erase_confirm": (
        "Erase {code}? Their name and contact, and the words of their {count} comments, will be removed "
        "from the database for good; their comments still count in figures. This cannot be undone."
    ),
    "participants.f_code": "&Code:",
    "participants.f_name": "&Name:",
    "participants.f_contact": "C&ontact:",
    "participants.f_basis": "&Lawful basis:",
    "participants.f_use": "&Use:",
    "participants.f_given_on": "&Date given:",
    "participants.f_how": "&How given:",
    "participants.f_wording": "&Wording agreed to:",
    "participants.title_new": "New participant",
    "participants.title_edit": "Edit participant {code}",
    "participants.title_consent": "Record consent for {code}",
    "participants.title_withdraw": "Withdraw consent for {code}",
    "participants.withdraw_confirm": "Withdraw {code}'s consent to {use} from today?",
    "participants.col_code": "Code",
    "participants.col_contact": "Contact",
    "participants.col_basis": "Lawful basis",
    "participants.col_consents": "Consent",
    "participants.col_said": "Comments",
    # encryption at rest
    "db.needs_key": (
        "{path} is encrypted (or is not a database at all) and coprod has no key for it; set "
        "COPROD_PASSPHRASE to its passphrase, or open it as the user whose credential store holds its key."
    ),
    "db.wrong_key": "{path} is encrypted and the passphrase or key given does not open it; check it and try again.",
    "encrypt.not_file": "{path} is not a database file, so it cannot be encrypted.",
    "encrypt.already": "{path} is already encrypted.",
    "encrypt.not_encrypted": "{path} is not encrypted.",
    "encrypt.no_keystore": (
        "This computer has no credential store to keep the key of {path} in; "
        "use --passphrase (or set COPROD_PASSPHRASE) instead."
    ),
    "encrypt.failed": "The encrypted copy of {path} did not check out, so the file was left as it was.",
    "encrypt.done_keyring": "{path} is encrypted; its key is kept in this computer's credential store.",
    "encrypt.done_passphrase": "{path} is encrypted with your passphrase; coprod will ask for it on every open.",
    "encrypt.decrypted": "{path} is no longer encrypted.",
    "encrypt.backups": "Backups converted with it: {count}.",
    "encrypt.passphrase": "Passphrase for {path}: ",
    "encrypt.passphrase_again": "The same passphrase again: ",
    "encrypt.passphrase_mismatch": "The two passphrases differ; nothing was changed.",
    "encrypt.passphrase_empty": "A passphrase cannot be empty; nothing was changed.",
    "encrypt.passphrase_needed": (
        "--passphrase needs a passphrase: set COPROD_PASSPHRASE, or run the command in a terminal."
    ),
    "encrypt.prompt_label": "&Passphrase for {path}:",
    "ui.open.with_passphrase": "Open &with this passphrase",
    "merge.needs_passphrase": (
        "{path} is sealed with a passphrase; give it (COPROD_PASSPHRASE, or --passphrase to be asked)."
    ),
    "merge.wrong_passphrase": "The passphrase given does not open {path} (or the file was changed since); nothing was merged.",
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
    # -- personal data
    "lawfulbasis.public_task": "Public task",
    "lawfulbasis.consent": "Consent",
    "lawfulbasis.legitimate_interests": "Legitimate interests",
    "lawfulbasis.legal_obligation": "Legal obligation",
    "consentuse.quote": "quoting in reports",
    "consentuse.photo": "photos",
    "consentuse.follow_up": "follow-up contact",
}

from coprod.i18n_risks import RISK_LABELS, RISK_MESSAGES  # noqa: E402  (kept apart: a module of its own)

_MESSAGES.update(RISK_MESSAGES)
_LABELS.update(RISK_LABELS)


def tr(key: str, /, **params: object) -> str:
    """The sentence for `key`, with `params` filled in. Unknown keys come back as the key."""
    template = _MESSAGES.get(key) or _LABELS.get(key) or key
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


# Nouns counted in reports, singular -> plural.
_PLURALS: dict[str, str] = {
    "person": "people",
    "thing": "things",
    "recommendation": "recommendations",
    "open recommendation": "open recommendations",
    "session": "sessions",
    "meeting": "meetings",
    "decision": "decisions",
    "day": "days",
    "target date": "target dates",
}


def counted(count: int, noun: str) -> str:
    """A number with its noun agreeing: '0 decisions', '1 decision', '2 decisions'."""
    return f"{count:,} {noun if count == 1 else _PLURALS.get(noun, noun + 's')}"


def label(value: StrEnum) -> str:
    """The display word for an enum member, e.g. Status.IN_PROGRESS -> 'In progress'."""
    return _LABELS.get(f"{type(value).__name__.lower()}.{value.value}", str(value.value))
