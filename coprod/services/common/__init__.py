"""What every capability shares: undoable edits, soft deletes and restores; progress and cancel
for long work.
"""
