"""Table models: ids plus a cache of plain rows, never live ORM objects."""
