"""Flowables stacked as one: a report entry goes to ReportLab as a single flowable.

ReportLab's frame handles every flowable with the same care (spacing, fitting, splitting,
a graphics state to draw it in); a long "You said, we did" report has a dozen small
paragraphs per entry, and that care per paragraph cost more than drawing them. A Stack lays
its parts out exactly as the frame would have, one under the other, with the same spacing
and the same page breaks, and draws them in one graphics state.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from coprod.services.reports.pdf_grid import Grid
from coprod.services.reports.pdf_text import KeepPair, TextBlock

_FUZZ = rl_config._FUZZ  # the frame's tolerance when deciding whether something fits


def stackable(items: list[Flowable]) -> bool:
    """Whether these flowables can go in a Stack: text, heading pairs, grids and spaces, which
    need nothing from the frame (keep-with-next is the frame's to handle)."""
    return all(_plain(f) and not getattr(f, "keepWithNext", 0) for f in items)


def _plain(f: Flowable) -> bool:
    if isinstance(f, KeepPair):
        return _plain(f.first) and _plain(f.second)
    return type(f) in (TextBlock, Spacer, Grid)


class Stack(Flowable):
    def __init__(self, items: list[Flowable]) -> None:
        super().__init__()
        self.items = items
        self._bottoms: list[float] = []
        mark = getattr(items[0], "_mark", None)
        if mark is not None:
            self._mark = mark  # the document bookmarks the entry's heading through its stack

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return float(self.items[0].getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.items[-1].getSpaceAfter())

    def _gap(self, i: int, after: float) -> float:
        """The space between item i-1 (with space `after` below it) and item i, as a frame
        with overlapping attached space leaves it."""
        return after + max(self.items[i].getSpaceBefore() - after, 0.0) if i else 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        used, after, below = 0.0, 0.0, []  # `below`: how far down each item's bottom edge is
        for i, item in enumerate(self.items):
            used += self._gap(i, after)
            _w, h = item.wrap(available_width, max(0.0, available_height - used))
            used += h
            below.append(used)
            after = item.getSpaceAfter()
        self._bottoms = [used - b for b in below]  # drawn from the bottom edge, measured up
        self.width, self.height = available_width, used
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """What fits here and the rest, cut where the frame would have cut the items."""
        used, after = 0.0, 0.0
        for i, item in enumerate(self.items):
            gap = self._gap(i, after)
            room = available_height - used - gap
            parts: list[Flowable] = []
            if room > 0:
                _w, h = item.wrap(available_width, room)
                if room - h >= -_FUZZ:
                    used += gap + h
                    after = item.getSpaceAfter()
                    continue
                parts = item.split(available_width, room)
            head = [*self.items[:i], *parts[:1]]
            rest = [*parts[1:], *self.items[i + 1 :]] if parts else self.items[i:]
            if not head:
                return []
            return [Stack(head), Stack(rest)] if rest else [Stack(head)]
        return [Stack(self.items)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # Each item in a graphics state of its own placed on the page, as the frame places
        # a flowable (text taken from the PDF reads the same); text without the canvas's
        # bookkeeping of that state, which is put back once for the whole stack.
        canvas.saveState()
        code = canvas._code
        for item, bottom in zip(self.items, self._bottoms, strict=True):
            if isinstance(item, TextBlock | KeepPair):
                code.append("q")
                code.append(f"1 0 0 1 {fp_str(x, y + bottom)} cm")
                item.draw_at(canvas, 0.0)
                code.append("Q")
            elif not isinstance(item, Spacer):
                item.drawOn(canvas, x, y + bottom, _sW=self.width - item.width)
        canvas.restoreState()


def kept_with_headings(flowables: Iterable[Flowable]) -> Iterator[Flowable]:
    """The flowables, with the first item of a stack after a heading on its own: ReportLab
    keeps a heading with the next flowable, which should be the entry's title, not all of it."""
    keep = False
    for f in flowables:
        if keep and isinstance(f, Stack) and len(f.items) > 1:
            yield f.items[0]
            yield Stack(f.items[1:])
        else:
            yield f
        keep = bool(getattr(f, "keepWithNext", 0))
