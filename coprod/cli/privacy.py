"""`coprod participants`, `erase`, `sar`, `retention`: personal data under the council's control.

    coprod participants add P-0042 --name "Jane Example" --contact jane@example.org
    coprod participants consent P-0042 quote --how "form at session" --wording "..."
    coprod participants withdraw P-0042 quote
    coprod erase --participant P-0042
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO

from coprod.i18n import tr

if TYPE_CHECKING:
    from coprod.services.privacy.chain import ChainReport

EXIT_OK, EXIT_FAILED = 0, 1  # as in coprod.cli.commands


def print_audit_chain(report: ChainReport | None, out: TextIO) -> None:
    """The audit-log lines of `coprod check`."""
    if report is None:
        return
    if report.broken is not None:
        b = report.broken
        print(tr(f"privacy.chain.broken.{b.reason}", seq=b.seq, event=b.event_id, at=b.at), file=out)
    for name in report.missing_triggers:
        print(tr("privacy.chain.trigger_missing", name=name), file=out)
    if report.ok:
        print(tr("privacy.chain.ok", count=f"{report.events:,}"), file=out)


def add_parsers(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    *,
    common: Sequence[argparse.ArgumentParser],
    iso_date: Callable[[str], date],
) -> None:
    pass
