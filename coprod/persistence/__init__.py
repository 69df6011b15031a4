"""The database: engine and pragmas, migrations, audit log, repositories. No Qt here."""
