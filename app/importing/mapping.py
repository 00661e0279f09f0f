"""Finding the header row below merged titles, and which column holds which field.

Headers are compared after removing spaces, line breaks, required-marks (*) and units in brackets
(职工人数（人） is 职工人数); a header equal to a known name wins over one that only contains it, and
longer names are tried first, so 女职工人数 never lands on 职工人数.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import clean_text, halfwidth

HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    names: tuple[str, ...]        # the header texts that mean this field, best first
    required: bool = False


def _norm(text: object) -> str:
    value = halfwidth(clean_text(text)).replace(" ", "")
    value = re.sub(r"[（(][^）)]*[）)]$", "", value)  # a trailing unit or note: 职工人数（人）
    return value.strip("*＊:：")


@dataclass
class Mapping:
    """Which column (0-based) holds each field; the header row and its texts."""

    header_row: int                       # 0-based index of the (last) header row
    headers: list[str]
    columns: dict[str, int] = field(default_factory=dict)

    def column_of(self, key: str) -> int | None:
        return self.columns.get(key)


def detect(rows: list[list[object]], targets: list[Target]) -> Mapping | None:
    """The header row (the one among the first rows naming most fields) and the columns it maps.

    A second header row just below (grouped headers) fills in the columns the first leaves unnamed.
    None when no row names at least two fields.
    """
    best: tuple[int, int] | None = None  # (score, row)
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = len(match_columns([_norm(v) for v in row], targets))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, r)
    if best is None:
        return None
    r = best[1]
    headers = [_norm(v) for v in rows[r]]
    last = r
    if r + 1 < len(rows):
        below = [_norm(v) for v in rows[r + 1]]
        width = max(len(headers), len(below))
        upper, lower = headers + [""] * (width - len(headers)), below + [""] * (width - len(below))
        merged = [b if b and match_columns([b], targets) else a for a, b in zip(upper, lower, strict=True)]
        if len(match_columns(merged, targets)) > len(match_columns(headers, targets)):
            headers, last = merged, r + 1
    return Mapping(last, headers, match_columns(headers, targets))


def match_columns(headers: list[str], targets: list[Target]) -> dict[str, int]:
    """field key -> column index, exact names first, then headers containing a name (longest first)."""
    found: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        pairs = sorted(((name, t.key) for t in targets for name in t.names), key=lambda p: -len(p[0]))
        for name, key in pairs:
            if key in found:
                continue
            for c, header in enumerate(headers):
                if c in used or not header:
                    continue
                if header == name if exact else (len(name) >= 2 and name in header):
                    found[key] = c
                    used.add(c)
                    break
    return found
