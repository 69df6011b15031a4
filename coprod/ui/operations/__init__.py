"""Undoable actions: QUndoCommands that call services on the database worker."""
