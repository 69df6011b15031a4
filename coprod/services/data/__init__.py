"""Data in and out, and its safety: import of trackers, export, the interchange file and merge,
backups, checks, exports on the record.
"""
