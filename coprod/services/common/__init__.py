"""What every capability shares: change records (what a command wrote, and how to take it back
or make it again), undoable edits, soft deletes and restores, shared pick lists, and progress
and cancel for long work."""
