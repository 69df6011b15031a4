"""The risk register: risks scored on the 5x5 matrix, reviewed, escalated, and mitigated by
recommendations whose lag (from the lag engine) shows when a mitigation is late.

`register` changes risks (inside the caller's transaction, rules checked first); `view`
reads them as plain rows with every figure and flag a list, report or CLI shows; `rules`
keeps the team's score bands and escalation score in the database.
"""
