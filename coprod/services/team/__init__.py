"""The team's shared settings, and whether a database is still empty (the welcome page)."""
