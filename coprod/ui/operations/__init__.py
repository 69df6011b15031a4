"""UI actions, one module per noun: small keyword-only functions that run a service call on
the database worker, announce what changed on the bus and, where it makes sense, push an
undo command. Widgets call these; they never write SQL or open transactions themselves.
"""
