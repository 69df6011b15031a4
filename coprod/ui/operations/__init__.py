"""UI actions, one module per noun: small keyword-only functions that run a service command on
the database worker (`run.submit`). Each command comes back with its change record; the
tables it names are announced on the bus and, with an undo text, the record goes on the undo
stack as a `ChangeCommand`. Widgets call these; they never write SQL.
"""
