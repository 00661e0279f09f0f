"""A table that runs over many pages: header repeated on each, Chinese wrapped in cells, numbers right.

reportlab's own Table measures every remaining row again each time it splits at a page end, which
makes a 20,000-row list quadratic. Here the rows are measured once: columns get their widths from
what they hold, each cell is broken into lines, row heights go into a running sum, and a page takes
as many rows as fit by a binary search in that sum.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from math import ceil

from reportlab.platypus import Flowable

from ..tables import ReturnColumn, default_align
from .text import width, wrap

PAD_X, PAD_Y = 3.0, 2.0
LINE_HEIGHT = 1.25          # leading as a multiple of the font size
MAX_LINES = 12              # a cell longer than this is cut with …; a row always fits on a page
GRID, FRAME = 0.4, 0.9      # line widths: inner rules, outer frame
HEADER_GREY = 0.92
SIZES = (10.5, 9)           # 五号, and 小五 when the columns do not fit
FIXED_KINDS = ("code", "int", "decimal", "percent", "index", "date")


@dataclass
class _Layout:
    """Everything measured once for all the pages of one table."""

    columns: Sequence[ReturnColumn]
    cells: list[list[str]]
    font: str
    bold_font: str
    bold_rows: set[int]
    size: float = SIZES[0]
    widths: list[float] = field(default_factory=list)
    header: list[list[str]] = field(default_factory=list)       # lines of each column's title
    groups: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (first, last, lines)
    header_height: float = 0.0
    group_height: float = 0.0
    lines: list[list[list[str]]] = field(default_factory=list)  # row -> cell -> lines
    tops: list[float] = field(default_factory=list)             # running sum of row heights
    tail: list[Flowable] = field(default_factory=list)          # drawn under the last row (the 落款)
    tail_height: float = 0.0
    measured_for: float = -1.0

    @property
    def leading(self) -> float:
        return self.size * LINE_HEIGHT

    def measure(self, available: float) -> None:
        if self.measured_for == available:
            return
        # The normal size if every column gets what it wants; else 小五, giving text columns what is left.
        for size in SIZES:
            self.size = size
            if self._fit_widths(available, squeeze=size == SIZES[-1]):
                break
        leading = self.leading
        self.header = [self._balanced(c.title, w - 2 * PAD_X) for c, w in zip(self.columns, self.widths, strict=True)]
        self.groups = []
        c = 0
        while c < len(self.columns):
            group = self.columns[c].group
            end = c
            while group and end + 1 < len(self.columns) and self.columns[end + 1].group == group:
                end += 1
            if group:
                span = sum(self.widths[c:end + 1])
                self.groups.append((c, end, wrap(group, self.bold_font, self.size, span - 2 * PAD_X)))
            c = end + 1
        self.group_height = max((len(g[2]) for g in self.groups), default=0) * leading + (
            2 * PAD_Y if self.groups else 0)
        grouped = {c for first, last, _ in self.groups for c in range(first, last + 1)}
        under = max((len(self.header[c]) for c in grouped), default=0) * leading + 2 * PAD_Y
        alone = max((len(self.header[c]) for c in range(len(self.columns)) if c not in grouped),
                    default=0) * leading + 2 * PAD_Y
        self.header_height = max(self.group_height + under if grouped else 0, alone)
        self.lines = []
        heights = []
        for r, row in enumerate(self.cells):
            font = self.bold_font if r in self.bold_rows else self.font
            cell_lines = []
            for text, w in zip(row, self.widths, strict=True):
                broken = wrap(text, font, self.size, w - 2 * PAD_X) if text else [""]
                if len(broken) > MAX_LINES:
                    broken = broken[:MAX_LINES - 1] + [broken[MAX_LINES - 1][:-1] + "…"]
                cell_lines.append(broken)
            self.lines.append(cell_lines)
            heights.append(max(len(c) for c in cell_lines) * leading + 2 * PAD_Y)
        self.tops = [0.0, *accumulate(heights)]
        self.tail_height = sum(f.wrap(available, 1e6)[1] for f in self.tail)
        self.measured_for = available

    def _balanced(self, title: str, room: float) -> list[str]:
        """A title in as few lines as fit, of even length: 女职工/人数 rather than 女职工人/数."""
        lines = wrap(title, self.bold_font, self.size, room)
        if len(lines) > 1:  # the narrowest room that keeps as many lines: 职工/人数 rather than 职工人/数
            cjk = width("中", self.bold_font, self.size)
            even = width(title, self.bold_font, self.size) / len(lines)
            while even < room:
                better = wrap(title, self.bold_font, self.size, even)
                if len(better) == len(lines):
                    return better
                even += cjk / 4
        return lines

    def wants(self) -> tuple[list[float], list[float], list[bool]]:
        """Per column: the width it would like, the least it can take, and whether it must not wrap.

        Fixed columns (codes, numbers, 是/否) want their widest value; text columns want the width
        that nine in ten of their values fit in, the rest wrap.
        """
        wants, mins, fixed = [], [], []
        cjk = width("中", self.font, self.size)
        for c, col in enumerate(self.columns):
            values = sorted(width(row[c], self.bold_font if r in self.bold_rows else self.font, self.size)
                            for r, row in enumerate(self.cells) if row[c])
            is_fixed = col.kind in FIXED_KINDS or default_align(col) == "center"
            if values:
                natural = values[-1] if is_fixed else values[int(0.9 * (len(values) - 1))]
            else:
                natural = 0.0
            title = width(col.title, self.bold_font, self.size)
            # a title may take two even lines (职工/人数); one of three characters or fewer stays whole (已建会)
            header = title if len(col.title) <= 3 else min(title, max(2 * cjk, ceil(len(col.title) / 2) * cjk))
            want = max(natural, header) + 2 * PAD_X
            wants.append(want)
            mins.append(want if is_fixed else min(want, 4 * cjk + 2 * PAD_X))
            fixed.append(is_fixed)
        return wants, mins, fixed

    def _fit_widths(self, available: float, squeeze: bool = True) -> bool:
        """Fixed columns get what they want, text columns share the rest. False when they do not fit."""
        wants, mins, fixed = self.wants()
        if sum(wants) <= available:  # room for all: every column grows alike to fill the line
            self.widths = [w * available / sum(wants) for w in wants]
            return True
        if not squeeze:
            return False
        if sum(mins) <= available:
            spare = available - sum(mins)
            give = sum(w - m for w, m in zip(wants, mins, strict=True))
            self.widths = [m + spare * (w - m) / give for w, m in zip(wants, mins, strict=True)]
            return True
        self.widths = [w * available / sum(wants) for w in wants]  # as a last resort, squeeze everything
        return False


class PagedTable(Flowable):
    """Rows [start, end) of a measured table; splits at page ends by the running sum of heights."""

    def __init__(self, layout: _Layout, start: int = 0, end: int | None = None,
                 progress: Callable[[int, int], None] | None = None):
        super().__init__()
        self.layout = layout
        self.start = start
        self.end = len(layout.cells) if end is None else end
        self.progress = progress

    @property
    def last(self) -> bool:
        return self.end == len(self.layout.cells)

    def _height(self) -> float:
        t = self.layout
        return t.header_height + t.tops[self.end] - t.tops[self.start] + (t.tail_height if self.last else 0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.layout.measure(available_width)
        self.width = sum(self.layout.widths)
        self.height = self._height()
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        t = self.layout
        t.measure(available_width)
        room = available_height - t.header_height
        last = bisect_right(t.tops, t.tops[self.start] + room, lo=self.start, hi=self.end + 1) - 1
        if self.last and last == self.end:  # every row fits but the tail does not: a row goes with it
            last = self.end - 1
        if last in t.bold_rows:  # 合计 never starts a page on its own: a row goes with it, or the rest moves
            last = last - 1 if last - 1 > self.start else self.start
        if last <= self.start:
            return []  # not even one row fits: the table starts on the next page
        if self.progress:
            self.progress(last, len(t.cells))
        return [PagedTable(t, self.start, last), PagedTable(t, last, self.end, self.progress)]

    def draw(self) -> None:
        t = self.layout
        c = self.canv
        xs = [0.0, *accumulate(t.widths)]
        top = self.height
        header_bottom = top - t.header_height
        c.saveState()
        c.setFillGray(HEADER_GREY)
        c.rect(0, header_bottom, xs[-1], t.header_height, stroke=0, fill=1)
        c.setFillGray(0)
        text = c.beginText()  # one text object for the whole page: far cheaper than a drawString per cell
        rules = []
        grouped: set[int] = set()
        for first, last, lines in t.groups:
            grouped.update(range(first, last + 1))
            self._lines(text, lines, xs[first], xs[last + 1], top, t.group_height, "center", t.bold_font)
            rules.append((xs[first], top - t.group_height, xs[last + 1], top - t.group_height))
        for col in range(len(t.columns)):
            cell_top = top - t.group_height if col in grouped else top
            self._lines(text, t.header[col], xs[col], xs[col + 1], cell_top, cell_top - header_bottom, "center",
                        t.bold_font)
        y = header_bottom
        aligns = [default_align(col) for col in t.columns]
        for r in range(self.start, self.end):
            h = t.tops[r + 1] - t.tops[r]
            font = t.bold_font if r in t.bold_rows else t.font
            for col, lines in enumerate(t.lines[r]):
                if lines != [""]:
                    self._lines(text, lines, xs[col], xs[col + 1], y, h, aligns[col], font)
            y -= h
            rules.append((0, y, xs[-1], y))
        c.drawText(text)
        rules.append((0, header_bottom, xs[-1], header_bottom))
        for col, x in enumerate(xs[1:-1], 1):
            spans_group = any(first < col <= last for first, last, _ in t.groups)
            rules.append((x, y, x, top - t.group_height if spans_group else top))
        c.setLineWidth(GRID)
        c.lines(rules)
        c.setLineWidth(FRAME)
        c.rect(0, y, xs[-1], top - y, stroke=1, fill=0)
        c.restoreState()
        if self.last:
            for flowable in t.tail:
                _, h = flowable.wrap(self.width, 1e6)
                y -= h
                flowable.drawOn(c, 0, y)

    def _lines(self, text, lines: list[str], left: float, right: float, top: float, height: float, align: str,
               font: str) -> None:
        t = self.layout
        size = t.size
        if text._fontname != font:
            text.setFont(font, size, t.leading)
        offset = (height - len(lines) * t.leading) / 2
        for i, line in enumerate(lines):
            baseline = top - offset - (i + 0.5) * t.leading - 0.36 * size
            if align == "right":
                x = right - PAD_X - width(line, font, size)
            elif align == "center":
                x = (left + right - width(line, font, size)) / 2
            else:
                x = left + PAD_X
            text.setTextOrigin(x, baseline)
            text.textOut(line)


def table(columns: Sequence[ReturnColumn], cells: list[list[str]], font: str, bold_font: str,
          bold_rows: set[int] | None = None, progress: Callable[[int, int], None] | None = None,
          tail: list[Flowable] | None = None) -> PagedTable:
    """A page-splitting table of display strings (one list per row, one string per column).

    *tail* (the 落款) is drawn under the last row and never goes to a page of its own.
    """
    layout = _Layout(columns, cells, font, bold_font, bold_rows or set(), tail=tail or [])
    return PagedTable(layout, progress=progress)


def natural_width(columns: Sequence[ReturnColumn], cells: list[list[str]], font: str, bold_font: str) -> float:
    """How wide the table would like to be at the normal table size: to choose portrait or landscape."""
    return sum(_Layout(columns, cells, font, bold_font, set()).wants()[0])
