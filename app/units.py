"""Units (单位): validation, saving, archiving. Searching and listing are in unit_search."""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from . import changes
from .codes import CATEGORY_NAMES, INDUSTRY_NAMES, KEY_INDUSTRIES, UNION_TYPES
from .errors import FieldError, LedgerError, ValidationError
from .normalize import clean_code, clean_text, parse_count, parse_date
from .validators import credit_code_problem

UNIT_LABELS = {
    "name": "单位名称", "credit_code": "统一社会信用代码", "area_id": "所属区域",
    "industry_code": "行业", "industry_tags": "重点产业", "category_code": "单位类别",
    "address": "地址", "contact": "联系人", "phone": "联系电话", "note": "备注",
}
YEAR_LABELS = {
    "employees": "职工人数", "female_employees": "女职工人数", "members": "会员人数",
    "above_scale": "规模以上", "union_founded": "已建会", "founded_on": "建会日期",
    "union_type": "基层工会类型", "chairman": "工会主席", "high_risk": "高危行业",
    "area_id": "所属区域", "category_code": "单位类别",
}
REQUIRED_UNIT_FIELDS = ("name", "area_id", "category_code")
COUNT_FIELDS = ("employees", "female_employees", "members")
FLAG_FIELDS = ("above_scale", "union_founded", "high_risk")


@dataclass
class UnitInput:
    """A unit's own details as typed or imported; validate() says what is wrong with them."""

    name: str = ""
    credit_code: str = ""
    area_id: int | None = None
    industry_code: str = ""
    industry_tags: list[str] = field(default_factory=list)
    category_code: str = ""
    address: str = ""
    contact: str = ""
    phone: str = ""
    note: str = ""


@dataclass
class YearFigures:
    """A unit's figures for one year. Counts may arrive as text; validation parses them."""

    employees: int | str | None = None
    female_employees: int | str | None = None
    members: int | str | None = None
    above_scale: bool = False
    union_founded: bool = False
    founded_on: str | None = None
    union_type: str = ""
    chairman: str = ""
    high_risk: bool = False
    area_id: int | None = None        # the year's own area and category: None / "" take the unit's
    category_code: str = ""
    unconfirmed: bool = False         # 待核实: headcounts carried into a new year, not yet confirmed


@dataclass
class Unit:
    """A stored unit with every year's figures."""

    id: int
    data: UnitInput
    years: dict[int, YearFigures]
    archived_at: str | None


def normalize_unit(data: UnitInput) -> UnitInput:
    """The unambiguous clean-ups: spaces, full-width characters, upper case in codes."""
    return UnitInput(
        name=clean_text(data.name),
        credit_code=clean_code(data.credit_code),
        area_id=data.area_id,
        industry_code=clean_text(data.industry_code).upper(),
        industry_tags=[t for t in (clean_text(t) for t in data.industry_tags) if t],
        category_code=clean_text(data.category_code),
        address=clean_text(data.address),
        contact=clean_text(data.contact),
        phone=clean_text(data.phone),
        note=clean_text(data.note),
    )


def validate_unit(db: Database, data: UnitInput, unit_id: int | None = None) -> list[FieldError]:
    """Every problem with a unit's details; an empty list when it can be saved."""
    data = normalize_unit(data)
    errors: list[FieldError] = []

    def err(key: str, message: str) -> None:
        errors.append(FieldError(key, UNIT_LABELS[key], message))

    if not data.name:
        err("name", "必填")
    elif len(data.name) > 100:
        err("name", "不能超过 100 个字")
    if data.credit_code:
        problem = credit_code_problem(data.credit_code)
        if problem:
            err("credit_code", problem)
        else:
            other = db.execute(
                "SELECT name, archived_at FROM units WHERE credit_code = ? AND id IS NOT ?",
                [data.credit_code, unit_id],
            ).fetchone()
            if other:
                state = "（已归档）" if other[1] else ""
                err("credit_code", f"与已有单位「{other[0]}」{state}的信用代码重复")
    if data.area_id is None:
        err("area_id", "必选")
    elif not db.execute("SELECT 1 FROM areas WHERE id = ?", [data.area_id]).fetchone():
        err("area_id", "所选区域已不存在，请重新选择")
    if not data.category_code:
        err("category_code", "必选")
    elif data.category_code not in CATEGORY_NAMES:
        err("category_code", f"「{data.category_code}」不是单位类别代码")
    if data.industry_code and data.industry_code not in INDUSTRY_NAMES:
        err("industry_code", f"「{data.industry_code}」不是 GB/T 4754 的行业门类（A–T）")
    unknown = [t for t in data.industry_tags if t not in KEY_INDUSTRIES]
    if unknown:
        err("industry_tags", f"「{'、'.join(unknown)}」不在重点产业列表中")
    return errors


def validate_year(year: int, figures: YearFigures) -> tuple[dict[str, object], list[FieldError]]:
    """Parse and check one year's figures. Returns the row to store and the problems found."""
    errors: list[FieldError] = []
    row: dict[str, object] = {}

    def err(key: str, message: str) -> None:
        errors.append(FieldError(key, YEAR_LABELS[key], message, year))

    if not 1949 <= year <= 2100:
        errors.append(FieldError("year", "年度", f"{year} 不是有效年度"))
    for key in COUNT_FIELDS:
        try:
            row[key] = parse_count(getattr(figures, key))
        except ValueError as exc:
            err(key, str(exc))
            row[key] = None
    employees, female, members = row["employees"], row["female_employees"], row["members"]
    if employees is not None and female is not None and female > employees:
        err("female_employees", f"女职工人数（{female}）不能多于职工人数（{employees}）")
    if employees is not None and members is not None and members > employees:
        err("members", f"会员人数（{members}）不能多于职工人数（{employees}）")
    for key in FLAG_FIELDS:
        row[key] = int(bool(getattr(figures, key)))
    founded = bool(figures.union_founded)
    try:
        row["founded_on"] = parse_date(figures.founded_on) if founded else None
    except ValueError as exc:
        err("founded_on", str(exc))
        row["founded_on"] = None
    if row["founded_on"] and int(str(row["founded_on"])[:4]) > year:
        err("founded_on", f"建会日期 {row['founded_on']} 晚于 {year} 年，该年不能算已建会")
    union_type = clean_text(figures.union_type) if founded else ""
    if union_type and union_type not in UNION_TYPES:
        err("union_type", f"应为{'或'.join(UNION_TYPES)}")
    row["union_type"] = union_type or None
    row["chairman"] = clean_text(figures.chairman)
    if members and not founded:
        err("members", "未建会的单位不应有会员人数；已建会请勾选“已建会”")
    return row, errors


def validate(db: Database, data: UnitInput, years: dict[int, YearFigures],
             unit_id: int | None = None) -> list[FieldError]:
    """All problems with a unit and its figures."""
    errors = validate_unit(db, data, unit_id)
    for year, figures in sorted(years.items()):
        row, year_errors = validate_year(year, figures)
        errors.extend(year_errors)
        if figures.area_id is not None and figures.area_id != data.area_id and not db.execute(
                "SELECT 1 FROM areas WHERE id = ?", [figures.area_id]).fetchone():
            errors.append(FieldError("area_id", YEAR_LABELS["area_id"], "所选区域已不存在，请重新选择", year))
        category = clean_text(figures.category_code)
        if category and category not in CATEGORY_NAMES:
            errors.append(FieldError("category_code", YEAR_LABELS["category_code"],
                                     f"「{category}」不是单位类别代码", year))
        if unit_id is not None and row.get("employees") is not None:
            most = db.execute(
                "SELECT c.name, p.participants FROM participations p JOIN competitions c ON c.id = p.competition_id"
                " WHERE p.unit_id = ? AND c.year = ? ORDER BY p.participants DESC LIMIT 1", [unit_id, year]).fetchone()
            if most and most[1] is not None and most[1] > row["employees"]:
                errors.append(FieldError(
                    "employees", YEAR_LABELS["employees"],
                    f"{row['employees']} 人少于该单位参加「{most[0]}」的 {most[1]} 人；请先改参赛职工人数", year))
    return errors


STALE = "这条记录已被别处修改，请重新打开后再改。"


def save(db: Database, data: UnitInput, years: dict[int, YearFigures] | None = None,
         unit_id: int | None = None, expected: Unit | None = None) -> int:
    """Insert or update a unit and the given years' figures in one transaction. Returns its id.

    With *expected* (the unit as the form loaded it), refused when the stored unit or any of those years has
    changed since: another window or program saved it meanwhile, and this save would undo that."""
    years = years or {}
    data = normalize_unit(data)
    errors = validate(db, data, years, unit_id)
    if errors:
        raise ValidationError(f"单位「{data.name}」" if data.name else "单位", errors)
    values = asdict(data)
    values["industry_tags"] = "、".join(data.industry_tags)
    values["credit_code"] = data.credit_code or None
    values["industry_code"] = data.industry_code or None
    now = datetime.now().isoformat(sep=" ", timespec="seconds")
    with db.atomic():
        if expected is not None and unit_id is not None:
            now_stored = get(db, unit_id)
            if now_stored.data != expected.data or any(now_stored.years.get(y) != expected.years.get(y)
                                                       for y in years):
                raise LedgerError(STALE)
        created = unit_id is None
        if unit_id is None:
            cols = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            cur = db.execute(f"INSERT INTO units ({cols}) VALUES ({marks})", list(values.values()))
            unit_id = cur.lastrowid
        else:
            sets = ", ".join(f"{k} = ?" for k in values)
            cur = db.execute(
                f"UPDATE units SET {sets}, updated_at = ? WHERE id = ?",
                [*values.values(), now, unit_id],
            )
            if cur.rowcount == 0:
                raise LedgerError(f"单位（编号 {unit_id}）已不存在，可能已被他人删除。")
        # a new unit's year records are part of its 新增 in the 操作记录 (its entry shows them)
        with changes.covered(db, "unit_years") if created and years else contextlib.nullcontext():
            for year, figures in years.items():
                row = validate_year(year, figures)[0]
                row["area_id"] = figures.area_id if figures.area_id is not None else data.area_id
                row["category_code"] = clean_text(figures.category_code) or data.category_code
                row["unconfirmed"] = int(bool(figures.unconfirmed))
                cols = ["unit_id", "year", *row]
                db.execute(
                    f"INSERT INTO unit_years ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
                    f" ON CONFLICT (unit_id, year) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in row)}",
                    [unit_id, year, *row.values()],
                )
        _follow_latest_year(db, [unit_id])
    return unit_id


def _follow_latest_year(db: Database, unit_ids: list[int]) -> None:
    """The unit's own area and category are those of its latest year: what the registers that are not bound
    to a year (people, hazards, studios) show. Each year's figures read that year's own."""
    db.conn.executemany(
        "UPDATE units SET (area_id, category_code) = (SELECT coalesce(y.area_id, units.area_id),"
        " coalesce(y.category_code, units.category_code) FROM unit_years y WHERE y.unit_id = units.id"
        " ORDER BY y.year DESC LIMIT 1) WHERE id = ? AND EXISTS (SELECT 1 FROM unit_years WHERE unit_id = ?)",
        [(u, u) for u in unit_ids])


UNIT_COLUMNS = ("name, credit_code, area_id, industry_code, industry_tags, category_code, address, contact, phone, "
                "note, archived_at")
YEAR_COLUMNS = "employees, female_employees, members, above_scale, union_founded, founded_on, union_type, chairman, " \
               "high_risk, area_id, category_code, unconfirmed"


def _unit_input(row: tuple) -> UnitInput:
    return UnitInput(
        name=row[0], credit_code=row[1] or "", area_id=row[2], industry_code=row[3] or "",
        industry_tags=[t for t in row[4].split("、") if t], category_code=row[5] or "",
        address=row[6], contact=row[7], phone=row[8], note=row[9],
    )


def _figures(y: tuple) -> YearFigures:
    return YearFigures(
        employees=y[0], female_employees=y[1], members=y[2], above_scale=bool(y[3]), union_founded=bool(y[4]),
        founded_on=y[5], union_type=y[6] or "", chairman=y[7] or "", high_risk=bool(y[8]),
        area_id=y[9], category_code=y[10] or "", unconfirmed=bool(y[11]),
    )


def get(db: Database, unit_id: int) -> Unit:
    """A unit with all its years; LedgerError if it is gone."""
    row = db.execute(f"SELECT {UNIT_COLUMNS} FROM units WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        raise LedgerError(f"单位（编号 {unit_id}）已不存在。")
    years = {y[0]: _figures(y[1:]) for y in db.execute(
        f"SELECT year, {YEAR_COLUMNS} FROM unit_years WHERE unit_id = ? ORDER BY year", [unit_id])}
    return Unit(unit_id, _unit_input(row), years, row[10])


def load_all(db: Database, year: int) -> dict[int, Unit]:
    """Every unit with only *year*'s figures (if any), in two queries: for imports that match many rows."""
    out = {r[0]: Unit(r[0], _unit_input(r[1:]), {}, r[11])
           for r in db.execute(f"SELECT id, {UNIT_COLUMNS} FROM units")}
    for y in db.execute(f"SELECT unit_id, {YEAR_COLUMNS} FROM unit_years WHERE year = ?", [year]):
        out[y[0]].years[year] = _figures(y[1:])
    return out


def archived_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM units WHERE archived_at IS NOT NULL").fetchone()[0]


def archive(db: Database, unit_ids: list[int], on: date | None = None) -> int:
    """Take units off the ledger from the date *on* (today by default): they leave the rolls of that year
    and later, and stay in every earlier year and its returns. Returns how many."""
    now = datetime.now().isoformat(sep=" ", timespec="seconds")
    when = on.isoformat() if on is not None else now
    with db.atomic():
        cur = db.conn.executemany(
            "UPDATE units SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL",
            [(when, now, i) for i in unit_ids],
        )
    return cur.rowcount


def restore(db: Database, unit_ids: list[int]) -> int:
    """Put archived units back on the ledger. Returns how many."""
    now = datetime.now().isoformat(sep=" ", timespec="seconds")
    with db.atomic():
        cur = db.conn.executemany(
            "UPDATE units SET archived_at = NULL, updated_at = ? WHERE id = ? AND archived_at IS NOT NULL",
            [(now, i) for i in unit_ids],
        )
    return cur.rowcount

