"""UI actions, one module per noun: small keyword-only functions that run a service call on
the database worker, announce what changed on the bus and, where it makes sense, push an
undo command (QUndoCommands that call services). Widgets call these; they never write SQL.
"""
