"""Tables, enums and pure rules of the co-production loop. No Qt and no I/O here."""
