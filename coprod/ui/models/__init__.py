"""Lazy table models: ordered ids for the current filter plus a cache of plain rows."""
