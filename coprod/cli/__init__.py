"""The command line, never Qt. `program` holds the entry point and the parser; `common` what every
group shares (exit codes, options, opening the database); one module per group of commands:
`database` (init, demo, check), `lag` (lag, stalled), `data` (import, export, merge, backup,
restore), `report`, `settings` and `risks`."""

from coprod.cli.common import ExitCode
from coprod.cli.program import main

__all__ = ["ExitCode", "main"]
