"""Targets (目标): per year and indicator a value and a direction, for the county and for each area; their
split over the areas (分解); progress against them. Actual figures come from app.indicators.

Decomposition after the 2010 江苏省 circular (按照职工人数…实行目标分解): a county count is split over the
year's areas in proportion to their employees, rounded by the largest remainder so that the parts add up
exactly to the whole. Rates are not split: an area's rate target is the county's unless set on its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from . import indicators
from .errors import FieldError, LedgerError, ValidationError
from .indicators import BY_CODE, Indicator
from .normalize import clean_text, halfwidth

# The indicators a target can be set for, in the order the 工作概况 page and the targets grid list them.
TARGETABLE: list[str] = [
    "unit_coverage", "above_scale_coverage", "non_public_coverage", "employee_rate", "non_public_employee_rate",
    "participant_times", "skills_enterprise_share", "drill_enterprise_share", "suggestions_made", "adoption_rate",
    "innovations", "tackles", "inventions", "patent_applications", "methods", "benefit", "skill_contest_times",
    "energy_monitors", "studios", "areas_without_studio", "trades", "honors_named", "training_share", "drill_share",
    "overdue_hazards",
]


@dataclass(frozen=True)
class Target:
    year: int
    code: str
    area_id: int | None          # None: the county
    value: float
    direction: str

    @property
    def indicator(self) -> Indicator:
        return BY_CODE[self.code]


@dataclass(frozen=True)
class Progress:
    """An indicator's actual value against its target."""

    code: str
    area_id: int | None
    actual: float | None
    target: float
    direction: str

    @property
    def met(self) -> bool | None:
        if self.actual is None:
            return None
        return self.actual >= self.target if self.direction == "≥" else self.actual <= self.target

    @property
    def ratio(self) -> float | None:
        """actual ÷ target (for ≥); for ≤, 1 when met, else target ÷ actual: how far along, for a bar."""
        if self.actual is None:
            return None
        if self.direction == "≥":
            return self.actual / self.target if self.target else 1.0
        if self.actual <= self.target:
            return 1.0
        return self.target / self.actual if self.actual else 1.0


def _indicator(code: str) -> Indicator:
    try:
        return BY_CODE[code]
    except KeyError:
        names = "、".join(f"{c}（{BY_CODE[c].title}）" for c in TARGETABLE[:6])
        raise LedgerError(f"没有代码为「{code}」的指标（例如：{names}……；indicators 命令列出全部）。") from None


def parse_value(code: str, value: object) -> float | None:
    """A target as typed or pasted: None when blank; ValueError with a Chinese reason when it is not one."""
    ind = _indicator(code)
    text = halfwidth(clean_text(value)).replace(",", "").replace("，", "").removesuffix("%").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"「{clean_text(value)}」不是数字") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError("不能为负数")
    if ind.is_rate and number > 100:
        raise ValueError(f"{ind.title}是百分比，不能超过 100")
    if ind.unit != "万元" and not ind.is_rate and number != int(number):
        raise ValueError(f"{ind.title}以{ind.unit}计，应为整数")
    return number


def _area_ok(db: Database, area_id: int | None) -> None:
    if area_id is not None and not db.execute("SELECT 1 FROM areas WHERE id = ?", [area_id]).fetchone():
        raise LedgerError(f"区域（编号 {area_id}）已不存在。")


def list_targets(db: Database, year: int) -> list[Target]:
    return [Target(*r) for r in db.execute(
        "SELECT year, code, area_id, value, direction FROM targets WHERE year = ? ORDER BY code, area_id IS NOT NULL,"
        " area_id", [year])]


def targets_of(db: Database, year: int) -> dict[tuple[str, int | None], Target]:
    return {(t.code, t.area_id): t for t in list_targets(db, year)}


@dataclass(frozen=True)
class TargetChange:
    code: str
    area_id: int | None
    value: object                  # typed text, a number, or None to clear


def check(db: Database, year: int,
          changes: Sequence[TargetChange]) -> tuple[list[TargetChange], list[tuple[TargetChange, str]]]:
    """The changes that can be written (values parsed) and those refused with their reason."""
    ok, refused = [], []
    areas = {r[0] for r in db.execute("SELECT id FROM areas")}
    for c in changes:
        if c.code not in BY_CODE:
            refused.append((c, f"没有代码为「{c.code}」的指标"))
            continue
        if c.area_id is not None and c.area_id not in areas:
            refused.append((c, "该区域已不存在"))
            continue
        if c.area_id is not None and not BY_CODE[c.code].per_area:
            refused.append((c, f"{BY_CODE[c.code].title}只有全县的目标"))
            continue
        try:
            ok.append(TargetChange(c.code, c.area_id, parse_value(c.code, c.value)))
        except ValueError as exc:
            refused.append((c, str(exc)))
    return ok, refused


def write(db: Database, year: int, changes: Sequence[TargetChange], direction: dict[str, str] | None = None) -> int:
    """Store parsed targets (None clears one) in one transaction. Returns how many cells were written."""
    with db.atomic():
        for c in changes:
            db.execute("DELETE FROM targets WHERE year = ? AND code = ? AND area_id IS ?", [year, c.code, c.area_id])
            if c.value is not None:
                way = (direction or {}).get(c.code) or BY_CODE[c.code].direction
                db.execute("INSERT INTO targets (year, code, area_id, value, direction) VALUES (?, ?, ?, ?, ?)",
                           [year, c.code, c.area_id, c.value, way])
    return len(changes)


def set_target(db: Database, year: int, code: str, value: object, area_id: int | None = None,
               direction: str | None = None) -> None:
    """One target; ValidationError with the reason when the value is not one."""
    _indicator(code)
    _area_ok(db, area_id)
    if direction is not None and direction not in ("≥", "≤"):
        raise LedgerError(f"方向应为 ≥ 或 ≤，不是「{direction}」。")
    ok, refused = check(db, year, [TargetChange(code, area_id, value)])
    if refused:
        raise ValidationError(f"{year} 年度「{BY_CODE[code].title}」的目标",
                              [FieldError("value", "目标值", refused[0][1])])
    write(db, year, ok, {code: direction} if direction else None)


def current_values(db: Database, year: int, cells: Sequence[tuple[str, int | None]]) -> list[TargetChange]:
    """The stored targets of the given cells (for undo)."""
    stored = targets_of(db, year)
    return [TargetChange(code, area, stored[(code, area)].value if (code, area) in stored else None)
            for code, area in cells]


def copy_targets(db: Database, source: int, year: int) -> int:
    """Copy every target of *source* into *year* in one transaction; refused when *year* has targets."""
    have = db.execute("SELECT count(*) FROM targets WHERE year = ?", [year]).fetchone()[0]
    if have:
        raise LedgerError(f"{year} 年度已有 {have} 个目标，没有复制；请先清空，或逐个修改。")
    with db.atomic():
        n = db.execute("INSERT INTO targets (year, code, area_id, value, direction) SELECT ?, code, area_id, value,"
                       " direction FROM targets WHERE year = ?", [year, source]).rowcount
    if not n:
        raise LedgerError(f"{source} 年度没有目标可以复制。")
    return n


def goal_text(db: Database, year: int, code: str) -> str:
    """「目标：不少于 20 个」 for the county's target of *code*, or 「尚未设定目标」: for a page's summary line."""
    t = targets_of(db, year).get((code, None))
    if t is None:
        return "尚未设定目标"
    ind = BY_CODE[code]
    value = f"{t.value:g}%" if ind.is_rate else f"{t.value:,g} {ind.unit}"
    return f"目标：{'不少于' if t.direction == '≥' else '不多于'} {value}"


# -- decomposition --------------------------------------------------------------------------------

def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """*total* split in proportion to *weights*, whole numbers adding up to *total* exactly: each part its
    exact share rounded down, then one more to the largest remainders (the earlier on a tie). Equal shares
    when every weight is zero."""
    if total < 0 or not weights:
        raise ValueError("total must be ≥ 0 and weights not empty")
    ws = [max(0.0, float(w)) for w in weights]
    whole = sum(ws)
    if whole == 0:
        ws, whole = [1.0] * len(ws), float(len(ws))
    exact = [total * w / whole for w in ws]
    parts = [math.floor(e) for e in exact]
    order = sorted(range(len(ws)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


@dataclass(frozen=True)
class SplitPart:
    area_id: int
    name: str
    employees: int
    value: int


def propose_split(db: Database, year: int, code: str, total: float | None = None) -> list[SplitPart]:
    """A county target over the year's areas by their employees (largest remainder). Refused for a rate,
    a county-only indicator, or a year without the county target or units."""
    ind = _indicator(code)
    if ind.is_rate:
        raise LedgerError(f"「{ind.title}」是比率，不按职工人数分解：各区域的目标与全县相同，也可逐个区域填写。")
    if not ind.per_area:
        raise LedgerError(f"「{ind.title}」只有全县的目标，不分解到区域。")
    if total is None:
        county = targets_of(db, year).get((code, None))
        if county is None:
            raise LedgerError(f"{year} 年度还没有「{ind.title}」的全县目标，请先填写。")
        total = county.value
    result = indicators.compute(db, year, codes=["employees"])
    areas = [a for a in result.areas if a.area_id is not None]
    if not areas:
        raise LedgerError(f"{year} 年度没有单位数据，无法按职工人数分解。")
    employees = [int(a.values["employees"].value or 0) for a in areas]
    parts = largest_remainder(int(round(total)), employees)
    return [SplitPart(a.area_id, a.name, e, v) for a, e, v in zip(areas, employees, parts, strict=True)]


def rebalance(parts: Sequence[SplitPart], changed: int, value: int, total: int) -> list[SplitPart]:
    """The clerk set area *changed* to *value*: the other areas share what is left by their employees
    (largest remainder), so the parts still add up to *total*. Refused when *value* exceeds *total*."""
    if value < 0 or value > total:
        raise LedgerError(f"一个区域的目标（{value}）不能为负，也不能超过全县目标 {total}。")
    others = [p for p in parts if p.area_id != changed]
    rest = largest_remainder(total - value, [p.employees for p in others]) if others else []
    share = dict(zip((p.area_id for p in others), rest, strict=True))
    return [SplitPart(p.area_id, p.name, p.employees, value if p.area_id == changed else share[p.area_id])
            for p in parts]


def save_split(db: Database, year: int, code: str, parts: Sequence[SplitPart]) -> int:
    """Write the areas' targets of a split in one transaction; refused when they do not add up."""
    county = targets_of(db, year).get((code, None))
    if county is None:
        raise LedgerError(f"{year} 年度还没有「{BY_CODE[code].title}」的全县目标。")
    if sum(p.value for p in parts) != int(round(county.value)):
        total = sum(p.value for p in parts)
        raise LedgerError(f"各区域目标之和 {total:,} 不等于全县目标 {county.value:,.0f}，没有保存。")
    write(db, year, [TargetChange(code, p.area_id, p.value) for p in parts], {code: county.direction})
    return len(parts)


# -- progress -----------------------------------------------------------------------------------

def progress(db: Database, year: int,
             result: indicators.YearIndicators | None = None) -> dict[tuple[str, int | None], Progress]:
    """Every target of *year* against the actual value; an area's rate without its own target takes the county's."""
    result = result or indicators.compute(db, year)
    stored = targets_of(db, year)
    out: dict[tuple[str, int | None], Progress] = {}
    for (code, area_id), t in stored.items():
        out[(code, area_id)] = Progress(code, area_id, _actual(result, code, area_id), t.value, t.direction)
    for (code, area_id), t in list(stored.items()):
        if area_id is None and BY_CODE[code].is_rate and BY_CODE[code].per_area:
            for a in result.areas:
                if a.area_id is not None and (code, a.area_id) not in out:
                    out[(code, a.area_id)] = Progress(code, a.area_id, _actual(result, code, a.area_id), t.value,
                                                      t.direction)
    return out


def _actual(result: indicators.YearIndicators, code: str, area_id: int | None) -> float | None:
    try:
        return result.get(code, area_id).value
    except KeyError:
        return None
