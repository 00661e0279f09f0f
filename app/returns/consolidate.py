"""汇总: several returns of the same 表号 and year — exported by this program or filled in from its templates —
read back and added up into one return whose rows are the sources (by their 填报单位) and, where the rows
are areas, each source's areas below it; the 合计 adds the sources, and a rate is recomputed from the summed
parts. The same machinery at every level: a consolidated file is itself a source one level higher (its
indented rows are details; its top rows, the sources it added, become its areas).

A source is refused in words before anything is added: another 表号 or year, the same 填报单位 (or the same
file) twice, numbers that fail the return's own logic (a part above its whole, a rate that does not follow
from its parts, 实施 above 提出), or a 合计 that no longer adds up.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import LedgerError
from ..normalize import clean_text
from .catalog import BY_KIND, BY_NUMBER, TABLE_ONE, TABLE_TWO, Col

DETAIL = "\u3000"          # an indented row: a detail under the source above it
RATE_TOLERANCE = 0.11      # a rate printed to one decimal, its parts exact
LISTED = ("表四", "表五")   # lists of studios and trades: nothing to add up


@dataclass
class Source:
    """One return read back from a file."""

    path: Path
    number: str
    year: int | None
    filler_unit: str
    columns: list[str]                                   # column keys, first column excluded
    rows: list[tuple[str, list[object]]]                 # top rows (areas) with their cells
    totals: list[object] | None
    sha256: str = ""
    row_numbers: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.filler_unit or self.path.stem


def _columns_of(number: str) -> dict[str, Col]:
    if number == "表一":
        from ..codes import COMPETITION_KINDS

        cols = [*TABLE_ONE, *(Col(k, group=BY_KIND, kind_of_competition=k) for k in COMPETITION_KINDS)]
    elif number == "表二":
        cols = list(TABLE_TWO)
    else:
        return {}
    return {c.key: c for c in cols}


def read_sources(path: str | os.PathLike[str], number: str | None = None) -> list[Source]:
    """The returns in a workbook (one a sheet), or the one of *number*."""
    from ..importing.reader import read_sheet

    path = Path(path)
    first = read_sheet(path)
    out = []
    for name in first.sheet_names:
        sheet = first if name == first.sheet_name else read_sheet(path, name)
        source = _parse(path, sheet.rows)
        if source is not None and (number is None or source.number == number):
            out.append(source)
    if not out:
        raise LedgerError(f"「{path.name}」不是本程序导出或由本程序模板填写的统计报表"
                          f"{f'（没有{number}）' if number else '（没有找到表号、标题和表头）'}。")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    for s in out:
        s.sha256 = digest
    return out


def _text(v: object) -> str:
    return clean_text(v).replace(" ", "")


def _parse(path: Path, rows: list[list[object]]) -> Source | None:
    if len(rows) < 5:
        return None
    number = next((_text(v) for v in reversed(rows[0]) if _text(v)), "")
    if number not in BY_NUMBER:
        return None
    title = next((_text(v) for v in rows[1] if _text(v)), "")
    year_match = re.match(r"(\d{4})年度", title)
    info = next((r for r in range(2, 6) if any(_text(v).startswith("填报单位") for v in rows[r])), None)
    if info is None:
        return None
    filler = next(_text(v) for v in rows[info] if _text(v).startswith("填报单位"))
    filler = re.sub(r"^填报单位（盖章）[:：]?|^填报单位[:：]?", "", filler)
    top = info + 1
    width = max(len(r) for r in rows[top:top + 2])
    upper = [_text(v) for v in rows[top]] + [""] * width
    lower = [_text(v) for v in rows[top + 1]] + [""] * width if top + 1 < len(rows) else [""] * width
    two = not lower[0] and any(lower[1:])
    keys, group = [], ""
    for c in range(1, width):
        if upper[c]:
            group = upper[c]
        if two and lower[c]:
            keys.append(f"{group}/{lower[c]}")
        elif upper[c]:
            keys.append(upper[c])
        else:
            break
    first_data = top + (2 if two else 1)
    body, totals, numbers = [], None, []
    for r in range(first_data, len(rows)):
        cells = list(rows[r]) + [None] * (len(keys) + 1)
        label = clean_text(cells[0]).replace(" ", "") if not str(cells[0] or "").startswith(DETAIL) else None
        if label is None:
            continue  # a consolidated file's detail row
        if label == "合计":
            totals = cells[1:len(keys) + 1]
            break
        if not label:
            break
        body.append((label, cells[1:len(keys) + 1]))
        numbers.append(r + 1)
    return Source(path, number, int(year_match.group(1)) if year_match else None, filler, keys, body, totals,
                  row_numbers=numbers)


# -- the source's own logic -----------------------------------------------------------------------------

def _num(v: object) -> float | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError
    if isinstance(v, int | float):
        return float(v)
    return float(clean_text(v).replace(",", ""))


def problems(s: Source) -> list[str]:
    """What is wrong with a source's numbers, each naming the row and column: empty when it may be added."""
    cols = _columns_of(s.number)
    out: list[str] = []
    where = {k: i for i, k in enumerate(s.columns)}
    numeric = [k for k in s.columns if (cols.get(k) is None or cols[k].kind not in ("text", "date"))]
    rates = {k: cols[k].ratio for k in s.columns if k in cols and cols[k].ratio}
    lines = [(f"第 {n} 行「{label}」", label, cells) for n, (label, cells) in zip(s.row_numbers, s.rows, strict=True)]
    if s.totals is not None:
        lines.append(("合计行", "合计", s.totals))
    parsed: dict[str, list[float | None]] = {}
    for what, label, cells in lines:
        values: list[float | None] = []
        for k, v in zip(s.columns, cells, strict=False):
            if k not in numeric or (k in rates and v in (None, "")):
                values.append(None)
                continue
            try:
                x = _num(v)
            except ValueError:
                out.append(f"{what}「{k}」：「{v}」不是数字")
                values.append(None)
                continue
            if x is not None and x < 0:
                out.append(f"{what}「{k}」：{x:g} 是负数")
            values.append(x)
        parsed[label] = values
        for k, (top, bottom) in rates.items():
            if top not in where or bottom not in where:
                continue
            a, b, rate = values[where[top]], values[where[bottom]], values[where[k]]
            if a is not None and b is not None and a > b:
                out.append(f"{what}：「{top}」{a:g} 多于「{bottom}」{b:g}")
            elif rate is not None:
                expect = round(a / b * 100, 1) if a is not None and b else None
                if rate > 100 or rate < 0:
                    out.append(f"{what}「{k}」：{rate:g} 不在 0–100 之间")
                elif expect is None or abs(rate - expect) > RATE_TOLERANCE:
                    shown = expect if expect is not None else "无"
                    out.append(f"{what}「{k}」：{rate:g} 与「{top}」÷「{bottom}」（{shown}）不符")
    if s.totals is not None and "合计" in parsed:
        parts = [v for label, v in parsed.items() if label != "合计" and not label.endswith("小计")]
        for i, k in enumerate(s.columns):
            if k not in numeric or k in rates:
                continue
            total = parsed["合计"][i]
            if total is None:
                continue  # a template's 合计 formula that no program has calculated yet
            added = sum(v[i] or 0 for v in parts)
            if abs(added - total) > 0.005:
                out.append(f"合计行「{k}」：{total:g} 与各行之和 {added:g} 不符（合计被改动过？）")
    return out


# -- adding up ---------------------------------------------------------------------------------------

@dataclass
class Consolidated:
    number: str
    year: int
    sources: list[Source]
    columns: list[str]
    rows: list[tuple[str, list[object]]]     # source rows and their indented areas
    totals: list[object]


def consolidate(paths: list[str | os.PathLike[str]], number: str | None = None) -> Consolidated:
    """Read and check every file, then add them up; LedgerError listing every refusal when any is refused."""
    sources: list[Source] = []
    refusals: list[str] = []
    for p in paths:
        try:
            found = read_sources(p, number)
        except LedgerError as exc:
            refusals.append(str(exc))
            continue
        if number is None and len({s.number for s in found}) > 1:
            refusals.append(f"「{Path(p).name}」含有{'、'.join(s.number for s in found)}：请指定要汇总的表号")
            continue
        sources.extend(found)
    if refusals:
        raise LedgerError("不能汇总：" + "；".join(refusals))
    if len(sources) < 2:
        raise LedgerError("汇总至少要选择两份报表。")
    numbers = sorted({s.number for s in sources})
    if set(numbers) & set(LISTED):
        listed = "、".join(n for n in numbers if n in LISTED)
        raise LedgerError(f"{listed}是名录（每行一个工作室或工种），不做数字汇总；可汇总的是表一、表二、表三。")
    if len(numbers) > 1:
        which = "；".join(f"「{s.path.name}」是{s.number}" for s in sources)
        raise LedgerError(f"不能汇总：所选报表的表号不同（{which}），一次只能汇总同一张表。")
    years = {s.year for s in sources}
    if len(years) > 1:
        raise LedgerError("不能汇总：所选报表的年度不同（" + "；".join(f"「{s.path.name}」是 {s.year or '未知'} 年度"
                                                            for s in sources) + "）。")
    seen: dict[str, Source] = {}
    for s in sources:
        for key in (f"name:{s.name}", f"file:{s.sha256}"):
            if key in seen:
                raise LedgerError(f"不能汇总：「{s.path.name}」与「{seen[key].path.name}」是同一"
                                  f"{'填报单位（' + s.name + '）' if key.startswith('name') else '份文件'}的报表，"
                                  "同一来源只能汇总一次。")
            seen[key] = s
    for s in sources:
        found = problems(s)
        if found:
            refusals.append(f"「{s.path.name}」（{s.name}）：" + "；".join(found))
    if refusals:
        raise LedgerError("不能汇总，以下报表没有通过本表的逻辑检查，请退回改正：" + "　".join(refusals))
    return _add(numbers[0], years.pop(), sources)


def _add(number: str, year: int, sources: list[Source]) -> Consolidated:
    known = _columns_of(number)
    columns: list[str] = []
    for s in sources:  # the union of the columns, in the order they first appear (表一's kinds may differ)
        columns += [k for k in s.columns if k not in columns]
    if known:
        columns.sort(key=lambda k: list(known).index(k) if k in known else len(known))
    rates = {k: known[k].ratio for k in columns if k in known and known[k].ratio}
    text = {k for k in columns if k in known and known[k].kind in ("text", "date")}

    def pick(s: Source, cells: list[object]) -> dict[str, object]:
        return dict(zip(s.columns, cells, strict=False))

    def summed(parts: list[dict[str, object]]) -> list[object]:
        out: dict[str, object] = {}
        for k in columns:
            if k in text or k in rates:
                out[k] = None
                continue
            values = [_num(p.get(k)) for p in parts]
            total = sum(v for v in values if v is not None)
            out[k] = int(total) if float(total).is_integer() and not _decimal(known, k) else round(total, 2)
        for k, (top, bottom) in rates.items():
            a, b = out.get(top), out.get(bottom)
            out[k] = round(a / b * 100, 1) if isinstance(a, int | float) and b else None
        return [out[k] for k in columns]

    rows: list[tuple[str, list[object]]] = []
    source_parts = []
    for s in sources:
        parts = [pick(s, cells) for _, cells in s.rows if not _.endswith("小计")]
        whole = summed(parts)
        rows.append((s.name, whole))
        source_parts.append(dict(zip(columns, whole, strict=True)))
        if number in ("表一", "表二"):  # rows are areas: each source's areas below it
            rows += [(DETAIL + label, summed([pick(s, cells)])) for label, cells in s.rows]
    return Consolidated(number, year, sources, columns, rows, summed(source_parts))


def _decimal(known: dict[str, Col], k: str) -> bool:
    return k in known and known[k].kind == "decimal"


def write_consolidated(c: Consolidated, path: str | os.PathLike[str], filler_unit: str, principal: str = "",
                       filler: str = "", phone: str = "", on: date | None = None) -> Path:
    from ..tables import ReturnColumn, ReturnTable
    from .writer import write_return

    known = _columns_of(c.number)
    d = BY_NUMBER[c.number]
    cols = [ReturnColumn("填报单位", max(16, max(len(label) for label, _ in c.rows) * 2 + 2))]
    for k in c.columns:
        group, _, header = k.rpartition("/")
        kind = known[k].kind if k in known else "int"
        cols.append(ReturnColumn(header, known[k].width if k in known else 10,
                                 "decimal" if any(isinstance(v[c.columns.index(k)], float) for _, v in c.rows)
                                 and kind == "int" else kind, group=group))
    table = ReturnTable(number=c.number, title=f"{c.year}年度{d.title}（汇总）", columns=cols,
                        rows=[[label, *cells] for label, cells in c.rows], filler_unit=filler_unit,
                        unit_of_measure=d.unit_of_measure, principal=principal, filler=filler, phone=phone,
                        filled_on=on or date.today(), sheet_name=f"{c.number} 汇总", totals=["合计", *c.totals],
                        notes=[f"汇总自 {len(c.sources)} 份报表：" + "、".join(s.name for s in c.sources)
                               + ("；缩进的行是各来源的区域。" if c.number in ("表一", "表二") else "。")])
    return write_return(path, [table])
