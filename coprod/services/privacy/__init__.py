"""Personal data and accountability: reading the audit log."""
