"""Data in and out, and its safety: opening a database, import of trackers, export, the
interchange file and merge, backups, checks, and exports on the record."""
