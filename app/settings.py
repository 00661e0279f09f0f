"""The union's own details and the working year, kept in the settings table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date

from sqlite_utils import Database

from .errors import FieldError, ValidationError
from .normalize import clean_text


@dataclass
class UnionInfo:
    """Who fills the returns: printed on every report and return."""

    union_name: str = ""      # 工会名称, e.g. 某某县总工会
    county: str = ""          # 所在县（市、区）
    principal: str = ""       # 单位负责人
    contact: str = ""         # 联系人
    phone: str = ""           # 联系电话
    filler: str = ""          # 填表人


UNION_INFO_LABELS = {
    "union_name": "工会名称", "county": "所在县（市、区）", "principal": "单位负责人",
    "contact": "联系人", "phone": "联系电话", "filler": "填表人",
}


def get(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def put(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def union_info(db: Database) -> UnionInfo:
    rows = dict(db.execute("SELECT key, value FROM settings").fetchall())
    return UnionInfo(**{f.name: rows.get(f.name, "") for f in fields(UnionInfo)})


def validate_union_info(info: UnionInfo) -> list[FieldError]:
    errors = []
    for key in ("union_name", "county"):
        if not clean_text(getattr(info, key)):
            errors.append(FieldError(key, UNION_INFO_LABELS[key], "必填"))
    return errors


def save_union_info(db: Database, info: UnionInfo) -> None:
    """Store the union's details; refuses a missing name or county."""
    info = UnionInfo(**{k: clean_text(v) for k, v in asdict(info).items()})
    errors = validate_union_info(info)
    if errors:
        raise ValidationError("工会信息", errors)
    with db.atomic():
        for key, value in asdict(info).items():
            put(db, key, value)


def is_configured(db: Database) -> bool:
    """False until the first-run dialog has named the union."""
    return bool(get(db, "union_name"))


def working_year(db: Database) -> int:
    """The 工作年度 the window last showed; this year at first."""
    value = get(db, "working_year")
    return int(value) if value.isdigit() else date.today().year


def set_working_year(db: Database, year: int) -> None:
    put(db, "working_year", str(year))
