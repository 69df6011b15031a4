"""The command line: `commands` holds the entry point and the everyday commands; one module per
further group of commands (data, lag, report, settings, risks)."""

from coprod.cli.commands import main

__all__ = ["main"]
