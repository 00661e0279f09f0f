"""The statistical returns (上报表, DOMAIN.md §4), each declared once: 表号, title, 计量单位, its rows keyed by
name (areas, titles, studios, trades) and its columns bound to an indicator of app.indicators. One builder
walks a declaration into a `Built` return: the same cells go to .xlsx, to PDF, to the screen, to JSON and to
the record of what was submitted. A rate's 合计 is the ratio of the summed parts (the county's indicator),
never a sum or an average of rates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from .. import indicators
from ..codes import LEVELS
from ..indicators import BY_CODE

RECIPIENTS = {"unit": "集体", "team": "集体", "studio": "集体", "person": "个人"}


@dataclass(frozen=True)
class Col:
    """A column: its header (and the band over it), and the indicator (and which part of it) it shows."""

    header: str
    indicator: str | None = None
    part: str = "value"             # value | numerator | denominator
    kind: str = "int"               # int | decimal | rate | text | date
    group: str = ""
    width: float = 10
    kind_of_competition: str = ""   # 表一's by-kind columns
    ratio: tuple[str, str] | None = None  # a rate: the keys of its numerator and denominator columns

    @property
    def key(self) -> str:
        return f"{self.group}/{self.header}" if self.group else self.header


@dataclass(frozen=True)
class Behind:
    """What a cell is made of, to list the records behind it."""

    indicator: str | None = None
    area_id: int | None = None
    part: str = "value"
    competition_kind: str = ""


@dataclass
class Built:
    number: str
    title: str
    year: int
    unit_of_measure: str
    columns: list[Col]
    rows: list[tuple[str, list[object]]]          # (row label, cells)
    totals: list[object] | None                   # the 合计 row's cells (None: a list without one)
    notes: list[str] = field(default_factory=list)
    behind: dict[tuple[int, int], Behind] = field(default_factory=dict)  # (row, column) → what it is

    @property
    def headers(self) -> list[str]:
        return [c.key for c in self.columns]

    def cell_map(self) -> dict[str, object]:
        """Every cell by 'row label|column key' (合计 included): what a submission records and compares."""
        out = {f"{label}|{c.key}": v for label, cells in self.rows for c, v in zip(self.columns, cells, strict=True)}
        if self.totals is not None:
            out |= {f"合计|{c.key}": v for c, v in zip(self.columns, self.totals, strict=True)}
        return out


@dataclass(frozen=True)
class ReturnDef:
    number: str
    title: str
    unit_of_measure: str
    rows: str                        # what a row is: 区域, 称号, 工作室, 工种
    build: Callable[[Database, int], Built]
    first_column: str = "区域"


def _part(v: indicators.Value, part: str) -> object:
    if part == "numerator":
        return v.numerator
    if part == "denominator":
        return v.denominator
    return round(v.value, 1) if v.unit == "%" and v.value is not None else v.value


def _area_return(number: str, title: str, measure: str, columns: list[Col],
                 by_kind: bool = False) -> Callable[[Database, int], Built]:
    """A return whose rows are the year's areas: each cell the area's indicator, 合计 the county's."""

    def build(db: Database, year: int) -> Built:
        cols = list(columns)
        kinds = indicators.units_by_kind(db, year) if by_kind else {}
        from ..codes import COMPETITION_KINDS

        for kind in sorted(kinds, key=lambda k: COMPETITION_KINDS.index(k) if k in COMPETITION_KINDS else 99):
            cols.append(Col(kind, group=BY_KIND, kind_of_competition=kind))
        codes = sorted({c.indicator for c in cols if c.indicator})
        result = indicators.compute(db, year, codes=codes)
        rows, behind = [], {}
        areas = [a for a in result.areas if a.area_id is not None]
        for r, a in enumerate(areas):
            cells = []
            for c, col in enumerate(cols):
                if col.kind_of_competition:
                    cells.append(kinds[col.kind_of_competition].get(a.area_id, 0))
                    behind[(r, c)] = Behind(area_id=a.area_id, competition_kind=col.kind_of_competition)
                else:
                    cells.append(_part(a.values[col.indicator], col.part))
                    behind[(r, c)] = Behind(col.indicator, a.area_id, col.part)
            rows.append((a.name, cells))
        totals = []
        for c, col in enumerate(cols):
            if col.kind_of_competition:
                totals.append(sum(kinds[col.kind_of_competition].values()))
                behind[(len(rows), c)] = Behind(competition_kind=col.kind_of_competition)
            else:
                totals.append(_part(result.county[col.indicator], col.part))
                behind[(len(rows), c)] = Behind(col.indicator, None, col.part)
        return Built(number, f"{year}年度{title}", year, measure, cols, rows, totals, behind=behind)

    return build


BY_KIND = "按竞赛类型分的参赛单位数"
TABLE_ONE = [
    Col("单位数", "units"), Col("规上企业数", "above_scale_units"), Col("参赛单位数", "units_in"),
    Col("覆盖面(%)", "unit_coverage", kind="rate", ratio=("参赛单位数", "单位数")),
    Col("规上企业参赛数", "above_scale_coverage", "numerator"),
    Col("规上企业覆盖面(%)", "above_scale_coverage", kind="rate", ratio=("规上企业参赛数", "规上企业数")),
    Col("已建会非公企业数", "non_public_units"), Col("已建会非公企业参赛数", "non_public_coverage", "numerator"),
    Col("已建会非公企业覆盖面(%)", "non_public_coverage", kind="rate",
        ratio=("已建会非公企业参赛数", "已建会非公企业数")),
    Col("职工人数", "employees"), Col("参赛职工人数", "employees_in"),
    Col("职工参与率(%)", "employee_rate", kind="rate", ratio=("参赛职工人数", "职工人数")),
    Col("参赛职工人次", "participant_times"),
]
TABLE_TWO = [
    Col("提出", "suggestions_made", group="合理化建议"), Col("实施", "suggestions_adopted", group="合理化建议"),
    Col("实施率(%)", "adoption_rate", kind="rate", group="合理化建议", ratio=("合理化建议/实施", "合理化建议/提出")),
    Col("技术革新", "innovations"),
    Col("技术攻关", "tackles"), Col("发明创造", "inventions"), Col("专利申请", "patent_applications"),
    Col("先进操作法", "methods"), Col("经济效益（万元）", "benefit", kind="decimal", width=12),
]


def _table_three(db: Database, year: int) -> Built:
    """Honors 命名 in the year by title and level, 先进集体 first then 先进个人, each with its 小计."""
    counts = {(t, lv): n for t, _, lv, n in indicators.honor_counts(db, year)}
    cols = [Col(lv) for lv in LEVELS] + [Col("合计")]
    rows: list[tuple[str, list[object]]] = []
    totals = [0] * len(cols)
    titles = db.execute("SELECT name, recipient FROM honor_titles ORDER BY sort_order, id").fetchall()
    for group in ("集体", "个人"):
        sub = [0] * len(cols)
        for name, recipient in titles:
            if RECIPIENTS[recipient] != group:
                continue
            cells = [counts.get((name, lv), 0) for lv in LEVELS]
            cells.append(sum(cells))
            rows.append((name, cells))
            sub = [a + b for a, b in zip(sub, cells, strict=True)]
        rows.append((f"先进{group}小计", sub))
        totals = [a + b for a, b in zip(totals, sub, strict=True)]
    return Built("表三", f"{year}年度先进集体和个人选树情况统计表", year, "个、人", cols, rows, totals)


def _table_four(db: Database, year: int) -> Built:
    """Every studio of the year's roll founded by the year's end, and the areas without one."""
    cols = [Col("类型", kind="text", width=16), Col("单位", kind="text", width=30), Col("区域", kind="text", width=12),
            Col("领办人", kind="text"), Col("成员人数"), Col("成立日期", kind="date", width=12),
            Col("示范级别", kind="text"), Col("成果数")]
    rows = [(str(s["name"]), [s["kind"], s["unit"], s["area"], s["leader"] or "", s["members"], s["founded_on"],
                              s["level"] or "", s["results"]]) for s in indicators.year_studios(db, year)]
    without = indicators.areas_without_studio(db, year)
    totals = [None, None, None, None, sum(r[1][4] or 0 for r in rows), None, None, sum(r[1][7] or 0 for r in rows)]
    notes = [f"共 {len(rows)} 个工作室；没有创新工作室的区域 {len(without)} 个" + (f"：{'、'.join(without)}" if without
                                                                          else "")]
    return Built("表四", f"{year}年度创新工作室名录", year, "个、人", cols, rows, totals, notes)


def _table_five(db: Database, year: int) -> Built:
    """Every trade of the year's skills contests with its contestants and first three."""
    cols = [Col("工种", kind="text", width=14), Col("参赛人数"), Col("第一名", kind="text", width=26),
            Col("第二名", kind="text", width=26), Col("第三名", kind="text", width=26),
            Col("推荐技术能手", kind="text", width=14)]
    rows = []
    for t in indicators.year_trades(db, year):
        places = [f"{p['name']}（{p['unit']}）" if p else "" for p in t["places"]]
        rows.append((str(t["competition"]), [t["trade"], t["contestants"], *places,
                                             t["places"][0]["name"] if t["places"][0] else ""]))
    totals = [None, sum(r[1][1] for r in rows), None, None, None, None]
    return Built("表五", f"{year}年度技能竞赛情况表", year, "人", cols, rows, totals)


RETURNS: list[ReturnDef] = [
    ReturnDef("表一", "劳动竞赛开展情况统计表", "家、人、人次", "区域",
              _area_return("表一", "劳动竞赛开展情况统计表", "家、人、人次", TABLE_ONE, by_kind=True)),
    ReturnDef("表二", "职工技术创新成果统计表", "件、项、万元", "区域",
              _area_return("表二", "职工技术创新成果统计表", "件、项、万元", TABLE_TWO)),
    ReturnDef("表三", "先进集体和个人选树情况统计表", "个、人", "称号", _table_three, "称号"),
    ReturnDef("表四", "创新工作室名录", "个、人", "工作室", _table_four, "名称"),
    ReturnDef("表五", "技能竞赛情况表", "人", "工种", _table_five, "竞赛"),
]
BY_NUMBER = {r.number: r for r in RETURNS}
# The lists that leave the office beside the statistical returns, with their own commands and pages.
LISTS = [("表六", "单位台账", "export ledger / report ledger；单位台账页"),
         ("表七", "竞赛参赛单位名单", "export participants / report participants；竞赛页"),
         ("表八", "先进集体推荐（公示、表彰）名单", "export recommendations；荣誉页"),
         ("表九", "先进个人推荐（公示、表彰）名单", "export recommendations；荣誉页")]


def build(db: Database, number: str, year: int) -> Built:
    from ..errors import LedgerError

    if number not in BY_NUMBER:
        raise LedgerError(f"没有「{number}」：可用的报表是 {'、'.join(BY_NUMBER)}。")
    return BY_NUMBER[number].build(db, year)


def behind_units(db: Database, built: Built, row: int, column: int) -> tuple[str, list[dict[str, object]]]:
    """The records behind a cell of an area return: (what they are, the units), for the double click."""
    what = built.behind.get((row, column))
    if what is None:
        return "", []
    where = built.rows[row][0] if row < len(built.rows) else "全县"
    col = built.columns[column]
    if what.competition_kind:
        units = indicators.kind_gap_units(db, built.year, what.competition_kind, what.area_id)
        return f"{where}参加{what.competition_kind}的单位（{len(units):,} 家）", units
    ind = BY_CODE[what.indicator]
    which = "denominator" if what.part == "denominator" else "numerator"
    units = indicators.record_units(db, built.year, what.indicator, what.area_id, which)
    return f"{where}「{col.header}」所计的单位（{len(units):,} 家）：{ind.title}", units
