"""When and where Python's cycle collector runs.

Left to itself, Python collects on whichever thread happens to allocate past its threshold.
A command runs with the collector off (coprod.app). The window turns the automatic collector
off and collects on its GUI thread instead (coprod/ui/collector.py, with `collect_if_due`):
collected on a worker thread, a Qt object left in a reference cycle was destroyed there, which
crashed the window or froze it for good (the worker, holding one of Qt's locks, waited for the
interpreter lock that the GUI thread held while it waited for that same lock of Qt's).

A long report pauses collection while it is built and drawn (`paused`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pauses = 0
_pauses_lock = threading.Lock()
_automatic = True  # whether the automatic collector ran before the first pause began


@contextmanager
def paused() -> Iterator[None]:
    """No collection while the block runs, automatic or `collect_if_due`.

    A long report holds a million small objects that live until it is written; the
    collector went over all of them again and again as more were made, a quarter of the
    time of the largest reports, and finds almost nothing (they are freed by reference
    counting). Collection resumes as soon as no report is being made; nested and concurrent
    reports share one pause.
    """
    global _pauses, _automatic
    with _pauses_lock:
        _pauses += 1
        if _pauses == 1:
            _automatic = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _automatic:
                gc.enable()


def collect_if_due() -> int | None:
    """On the calling thread, the collection Python itself would have made by now (the oldest
    generation whose count is past its threshold), unless collection is paused; the generation
    collected, or None."""
    if _pauses:
        return None
    counts, limits = gc.get_count(), gc.get_threshold()
    if counts[0] <= limits[0]:
        return None
    generation = 2 if counts[2] > limits[2] else 1 if counts[1] > limits[1] else 0
    gc.collect(generation)
    return generation
