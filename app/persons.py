"""Persons (职工): validation, saving, likely duplicates and merging. Searching is in person_search.

An ID number (身份证号) is optional; when present it is checked (GB 11643), unique, and it gives the
birth date and sex, which must agree with what was typed. Outside the form it is shown masked.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, fields
from datetime import datetime

from sqlite_utils import Database

from .codes import EDUCATION, POLITICAL, SEXES, SKILL_LEVELS
from .errors import FieldError, LedgerError, ValidationError
from .normalize import clean_code, clean_text, halfwidth, parse_date
from .validators import id_birth_date, id_number_problem, id_sex, mask_id

PERSON_LABELS = {
    "name": "姓名", "sex": "性别", "id_number": "身份证号", "birth_date": "出生日期", "unit_id": "单位",
    "post": "岗位/工种", "skill_level": "职业技能等级", "political": "政治面貌", "education": "学历",
    "is_head": "企业负责人", "phone": "联系电话", "note": "备注",
}
CHOICES = {"sex": SEXES, "skill_level": SKILL_LEVELS, "political": POLITICAL, "education": EDUCATION}


@dataclass
class PersonInput:
    name: str = ""
    sex: str = ""
    id_number: str = ""
    birth_date: str | None = None
    unit_id: int | None = None
    post: str = ""
    skill_level: str = ""
    political: str = ""
    education: str = ""
    is_head: bool = False
    phone: str = ""
    note: str = ""


def normalize_person(p: PersonInput) -> PersonInput:
    """Spaces and full-width characters cleaned; the birth date and sex filled in from a valid ID number."""
    out = PersonInput(
        name=clean_text(p.name).replace(" ", "") if _all_cjk(clean_text(p.name)) else clean_text(p.name),
        sex=clean_text(p.sex), id_number=clean_code(p.id_number), birth_date=p.birth_date or None,
        unit_id=p.unit_id, post=clean_text(p.post), skill_level=clean_text(p.skill_level),
        political=clean_text(p.political), education=clean_text(p.education), is_head=bool(p.is_head),
        phone=halfwidth(clean_text(p.phone)), note=clean_text(p.note),
    )
    if out.id_number and id_number_problem(out.id_number) is None:
        out.birth_date = out.birth_date or id_birth_date(out.id_number)
        out.sex = out.sex or id_sex(out.id_number)
    return out


def _all_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" or ch == " " for ch in text)


def validate_person(db: Database, p: PersonInput, person_id: int | None = None) -> list[FieldError]:
    """Every problem with a person's details; empty when they can be saved."""
    p = normalize_person(p)
    errors: list[FieldError] = []

    def err(key: str, message: str) -> None:
        errors.append(FieldError(key, PERSON_LABELS[key], message))

    if not p.name:
        err("name", "必填")
    elif len(p.name) > 50:
        err("name", "不能超过 50 个字")
    for key, allowed in CHOICES.items():
        value = getattr(p, key)
        if value and value not in allowed:
            err(key, f"「{value}」应为 {'、'.join(allowed)} 之一")
    birth = None
    if p.birth_date:
        try:
            birth = parse_date(p.birth_date)
        except ValueError as exc:
            err("birth_date", str(exc))
    if p.id_number:
        problem = id_number_problem(p.id_number)
        if problem:
            err("id_number", problem)
        else:
            if birth and birth != id_birth_date(p.id_number):
                err("birth_date", f"与身份证号中的出生日期 {id_birth_date(p.id_number)} 不符")
            if p.sex and p.sex in SEXES and p.sex != id_sex(p.id_number):
                err("sex", f"与身份证号不符（身份证号第 17 位表示{id_sex(p.id_number)}性）")
            other = db.execute("SELECT id, name FROM persons WHERE id_number = ? AND id IS NOT ?",
                               [p.id_number, person_id]).fetchone()
            if other:
                err("id_number", f"与已有职工「{other[1]}」（编号 {other[0]}）的身份证号重复")
    if p.unit_id is not None:
        row = db.execute("SELECT archived_at FROM units WHERE id = ?", [p.unit_id]).fetchone()
        if row is None:
            err("unit_id", "所选单位已不存在")
        elif row[0] and (person_id is None or not _kept_archived_unit(db, person_id, p.unit_id)):
            err("unit_id", "该单位已归档，不能再选")
    return errors


def _kept_archived_unit(db: Database, person_id: int, unit_id: int) -> bool:
    """A person already in an archived unit may keep it (their history stays as it was)."""
    row = db.execute("SELECT unit_id FROM persons WHERE id = ?", [person_id]).fetchone()
    return row is not None and row[0] == unit_id


def save_person(db: Database, p: PersonInput, person_id: int | None = None) -> int:
    """Insert or update one person; ValidationError (nothing written) when something is wrong."""
    p = normalize_person(p)
    errors = validate_person(db, p, person_id)
    if errors:
        raise ValidationError(f"职工「{p.name}」" if p.name else "职工", errors)
    values = asdict(p)
    values["id_number"] = p.id_number or None
    values["sex"] = p.sex or None
    values["birth_date"] = parse_date(p.birth_date) if p.birth_date else None
    values["is_head"] = int(p.is_head)
    now = datetime.now().isoformat(sep=" ", timespec="seconds")
    with db.atomic():
        if person_id is None:
            cur = db.execute(f"INSERT INTO persons ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
                             list(values.values()))
            return cur.lastrowid
        cur = db.execute(f"UPDATE persons SET {', '.join(f'{k} = ?' for k in values)}, updated_at = ? WHERE id = ?",
                         [*values.values(), now, person_id])
        if cur.rowcount == 0:
            raise LedgerError(f"职工（编号 {person_id}）已不存在。")
    return person_id


def get_person(db: Database, person_id: int) -> PersonInput:
    found = _load(db, "WHERE id = ?", [person_id])
    if not found:
        raise LedgerError(f"职工（编号 {person_id}）已不存在。")
    return found[person_id]


def _load(db: Database, where: str = "", params: list | None = None) -> dict[int, PersonInput]:
    names = [f.name for f in fields(PersonInput)]
    out = {}
    for row in db.execute(f"SELECT id, {', '.join(names)} FROM persons {where}", params or []):
        values = dict(zip(names, row[1:], strict=True))
        values["sex"] = values["sex"] or ""
        values["id_number"] = values["id_number"] or ""
        values["is_head"] = bool(values["is_head"])
        out[row[0]] = PersonInput(**values)
    return out


def likely_duplicates(db: Database, p: PersonInput, person_id: int | None = None) -> list[tuple[int, str]]:
    """Other persons with the same name in the same unit: (id, a line describing them)."""
    p = normalize_person(p)
    if not p.name or p.unit_id is None:
        return []
    rows = db.execute("SELECT id, id_number, post FROM persons WHERE name = ? AND unit_id = ? AND id IS NOT ?",
                      [p.name, p.unit_id, person_id]).fetchall()
    return [(r[0], f"编号 {r[0]}：{p.name}，身份证号 {mask_id(r[1]) or '（无）'}，{r[2] or '岗位未填'}") for r in rows]


def combine(keep: PersonInput, other: PersonInput) -> PersonInput:
    """*keep*, with what it leaves empty taken from *other*."""
    return PersonInput(**{f.name: getattr(keep, f.name) or getattr(other, f.name) for f in fields(PersonInput)})


# Every table that points at persons: (table, column, what the user calls those rows)
REFERENCES = [
    ("contestants", "person_id", "技能竞赛选手记录"), ("honors", "person_id", "荣誉"),
    ("innovations", "lead_id", "创新成果（主创人）"), ("innovation_members", "person_id", "创新成果（参与人）"),
    ("studios", "leader_id", "创新工作室（领办人）"),
]


def references(db: Database, person_id: int) -> list[str]:
    """What records name this person: 「3 项荣誉」…; empty when none."""
    out = []
    for table, column, what in REFERENCES:
        n = db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", [person_id]).fetchone()[0]
        if n:
            out.append(f"{n} 条{what}")
    return out


def merge_persons(db: Database, keep_id: int, drop_id: int) -> None:
    """Fold *drop_id* into *keep_id*: fields the kept record lacks are taken over, the records that name
    the other (contests, honors, results, studios) move over, then the other goes."""
    if keep_id == drop_id:
        raise LedgerError("不能把一条记录合并到它自己。")
    keep, drop = get_person(db, keep_id), get_person(db, drop_id)
    if keep.id_number and drop.id_number and keep.id_number != drop.id_number:
        raise LedgerError(f"两条记录的身份证号不同（{mask_id(keep.id_number)} 与 {mask_id(drop.id_number)}），"
                          "不是同一个人，不能合并。")
    merged = combine(keep, drop)
    with db.atomic():
        db.execute("DELETE FROM innovation_members WHERE person_id = ? AND innovation_id IN "
                   "(SELECT innovation_id FROM innovation_members WHERE person_id = ?)", [drop_id, keep_id])
        for table, column, what in REFERENCES:
            try:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [keep_id, drop_id])
            except sqlite3.IntegrityError:
                raise LedgerError(f"两条记录在同一{what.split('（')[0]}中都有（如同一工种的两名选手、"
                                  "同一年的同一荣誉），请先删去重复的那一条再合并。") from None
        db.execute("DELETE FROM innovation_members WHERE person_id = ? AND innovation_id IN "
                   "(SELECT id FROM innovations WHERE lead_id = ?)", [keep_id, keep_id])  # 主创人, not also 参与人
        db.execute("DELETE FROM persons WHERE id = ?", [drop_id])  # before saving, so its ID number is free
        save_person(db, merged, keep_id)


def delete_person(db: Database, person_id: int) -> None:
    """Remove a person typed in error or twice; one that other records name is refused (merge instead)."""
    used = references(db, person_id)
    if used:
        raise LedgerError(f"这名职工还有{'、'.join(used)}，不能删除（这些记录要留档）。")
    with db.atomic():
        if db.execute("DELETE FROM persons WHERE id = ?", [person_id]).rowcount == 0:
            raise LedgerError(f"职工（编号 {person_id}）已不存在。")


def load_all(db: Database) -> dict[int, PersonInput]:
    """Every person, in one query: for imports that match many rows."""
    return _load(db)
