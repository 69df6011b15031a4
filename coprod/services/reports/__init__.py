"""Reports for residents and boards: content model first, then guard, checks and renderers."""
