"""Personal data under the council's control: participants and their consent, erasure, subject
access, retention, the privacy report for the information governance lead, and reading the
audit log (which holds hashes, never personal values)."""
