"""Honors (荣誉 / 选树): the catalog of titles and the register of who received which, with the seeds' rules.

- A title goes to a unit, a team (班组) of a unit, a studio, or a person; the register refuses a person for
  a collective title and the other way round.
- One recipient receives one title at one level once a year; a revoked honor (撤销, with a reason) stays on
  record and stops counting.
- 文号 are written like 临会发〔2015〕9号: [2015], 【2015】, (2015) become 〔2015〕.
- Material rewards to an enterprise head for 创新能手 are flagged (seed 000: 创新能手（不含企业负责人）).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from .codes import HONOR_STATES, LEVELS, NO_REWARD_FOR_HEADS, RECIPIENT_KINDS
from .errors import LedgerError, ValidationError
from .normalize import clean_text, halfwidth
from .records import Checker, delete_row, in_chunks, read_row, search_terms, write_row

LABELS = {
    "title_id": "称号", "level": "级别", "year": "年度", "unit_id": "单位", "team_name": "班组名称",
    "studio_id": "工作室", "person_id": "职工", "conferred_by": "授予单位", "doc_number": "文号",
    "conferred_on": "授予日期", "reward": "物质奖励（元）", "deeds": "主要事迹", "state": "状态",
    "revoke_reason": "撤销原因", "revoked_on": "撤销日期",
}
COLUMNS = ["title_id", "level", "year", "unit_id", "team_name", "studio_id", "person_id", "conferred_by",
           "doc_number", "conferred_on", "reward", "deeds", "state"]
COLLECTIVE = ("unit", "team", "studio")
DOC_NUMBER = re.compile(r"\S+〔\d{4}〕\d+号")
LEVEL_RANK = "CASE h.level " + " ".join(f"WHEN '{lv}' THEN {n}" for n, lv in enumerate(LEVELS)) + " END"
# The same expression as the index honors_list has, so that the list's order is read from the index
INDEX_RANK = "CASE level " + " ".join(f"WHEN '{lv}' THEN {n}" for n, lv in enumerate(LEVELS)) + " END"


# -- the catalog ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Title:
    id: int
    name: str
    recipient: str      # unit | team | studio | person
    level: str          # the usual level, proposed for a new honor
    used: int = 0

    @property
    def recipient_name(self) -> str:
        return RECIPIENT_KINDS[self.recipient]


def titles(db: Database) -> list[Title]:
    return [Title(*r) for r in db.execute(
        "SELECT t.id, t.name, t.recipient, t.level, (SELECT count(*) FROM honors h WHERE h.title_id = t.id)"
        " FROM honor_titles t ORDER BY t.sort_order, t.id")]


def save_title(db: Database, name: str, recipient: str, level: str, title_id: int | None = None) -> int:
    """Add a title to the catalog (a county's own, such as 沂蒙工匠) or change one."""
    c = Checker({"name": "称号", "recipient": "授予对象", "level": "常用级别"})
    name = c.text("name", name, required=True)
    c.choice("recipient", RECIPIENT_KINDS.get(recipient, recipient), RECIPIENT_KINDS.values())
    c.choice("level", level, LEVELS)
    if name and db.execute("SELECT 1 FROM honor_titles WHERE name = ? AND id IS NOT ?", [name, title_id]).fetchone():
        c.err("name", f"目录中已有「{name}」")
    if title_id is not None:
        old = db.execute("SELECT recipient, (SELECT count(*) FROM honors WHERE title_id = ?) FROM honor_titles "
                         "WHERE id = ?", [title_id, title_id]).fetchone()
        if old is None:
            raise LedgerError(f"称号（编号 {title_id}）已不存在。")
        if old[1] and old[0] != recipient:
            c.err("recipient", f"已有 {old[1]} 项荣誉用这个称号，不能改变授予对象")
    if c.errors:
        raise ValidationError(f"称号「{name}」" if name else "称号", c.errors)
    with db.atomic():
        if title_id is None:
            order = db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM honor_titles").fetchone()[0]
            return db.execute("INSERT INTO honor_titles (name, recipient, level, sort_order) VALUES (?, ?, ?, ?)",
                              [name, recipient, level, order]).lastrowid
        db.execute("UPDATE honor_titles SET name = ?, recipient = ?, level = ? WHERE id = ?",
                   [name, recipient, level, title_id])
        return title_id


def delete_title(db: Database, title_id: int) -> None:
    used = db.execute("SELECT count(*) FROM honors WHERE title_id = ?", [title_id]).fetchone()[0]
    if used:
        raise LedgerError(f"已有 {used} 项荣誉用这个称号，不能从目录中删除。")
    with db.atomic():
        db.execute("DELETE FROM honor_titles WHERE id = ?", [title_id])


# -- the register --------------------------------------------------------------------------------

@dataclass
class HonorInput:
    title_id: int | None = None
    level: str = "县"
    year: int = 0
    unit_id: int | None = None
    team_name: str = ""
    studio_id: int | None = None
    person_id: int | None = None
    conferred_by: str = ""
    doc_number: str = ""
    conferred_on: str | None = None
    reward: float | str | None = None
    deeds: str = ""
    state: str = "推荐"


class RewardWarning(LedgerError):
    """Saving is allowed, but the seeds' rules say the clerk should think twice."""


def normalize_doc_number(text: object) -> str:
    """临会发[2015]9号, 临会发【2015】9号, 临会发（２０１５）９号 → 临会发〔2015〕9号."""
    value = halfwidth(clean_text(text)).replace(" ", "")
    return re.sub(r"[\[【［(（〔{](\d{4})[\]】］)）〕}]", r"〔\1〕", value)


def check(db: Database, h: HonorInput, honor_id: int | None = None) -> tuple[dict[str, object], str, Checker]:
    """The row to store, a name for the record, and every problem found."""
    c = Checker(LABELS)
    title = db.execute("SELECT name, recipient FROM honor_titles WHERE id = ?", [h.title_id]).fetchone() \
        if h.title_id is not None else None
    if title is None:
        c.err("title_id", "请从目录中选择称号")
    title_name, kind = title if title else ("", "")
    keep, revoked = None, False
    if honor_id is not None:
        old = db.execute("SELECT unit_id, revoked_on FROM honors WHERE id = ?", [honor_id]).fetchone()
        keep, revoked = (old[0], old[1] is not None) if old else (None, False)
    row: dict[str, object] = {"title_id": h.title_id, "level": c.choice("level", h.level, LEVELS),
                              "year": c.year("year", h.year), "recipient": kind or "unit", "unit_id": h.unit_id,
                              "team_name": "", "studio_id": None, "person_id": None}
    who = ""
    if kind == "person":
        person = c.person(db, "person_id", h.person_id, required=True)
        if person is not None:
            row["person_id"], row["unit_id"], who = h.person_id, person[1], person[0]
            if person[1] is None:
                c.err("person_id", f"「{person[0]}」没有所在单位，请先在职工中补上单位")
    elif kind:
        if h.person_id is not None:
            name = db.execute("SELECT name FROM persons WHERE id = ?", [h.person_id]).fetchone()
            c.err("person_id", f"「{title_name}」授予{RECIPIENT_KINDS[kind]}，不能授予个人"
                               f"「{name[0] if name else ''}」")
        if kind == "studio":
            studio = db.execute("SELECT name, unit_id FROM studios WHERE id = ?", [h.studio_id]).fetchone() \
                if h.studio_id is not None else None
            if studio is None:
                c.err("studio_id", "必填：请选择工作室（先在“工作室”中登记）")
            else:
                row["studio_id"], row["unit_id"], who = h.studio_id, studio[1], studio[0]
        elif kind == "team":
            row["team_name"] = c.text("team_name", h.team_name, required=True)
            who = str(row["team_name"])
    skip = kind == "person" and row["unit_id"] is None  # the person's own error says why
    unit_name = "" if skip else c.unit(db, "unit_id", row["unit_id"], keep=keep)
    who = f"{unit_name}{who}" if kind == "team" else (who or unit_name)
    row["conferred_by"] = c.text("conferred_by", h.conferred_by)
    row["doc_number"] = normalize_doc_number(h.doc_number)
    row["state"] = c.choice("state", h.state, HONOR_STATES)
    if row["doc_number"] and not DOC_NUMBER.fullmatch(str(row["doc_number"])):
        c.err("doc_number", f"「{row['doc_number']}」应写成 机关代字〔年份〕序号号，如 临会发〔2015〕9号")
    elif not row["doc_number"] and row["state"] == "命名":
        c.err("doc_number", "已命名的荣誉要填写命名文件的文号")
    row["conferred_on"] = c.date("conferred_on", h.conferred_on)
    row["reward"] = c.amount("reward", h.reward)
    row["deeds"] = c.text("deeds", h.deeds, multiline=True)
    if title and not c.errors and not revoked:  # a revoked record stays beside the one that replaced it
        twin = db.execute(
            "SELECT h.id, h.state FROM honors h WHERE h.title_id = ? AND h.level = ? AND h.year = ? AND h.recipient = ?"
            " AND h.unit_id IS ? AND h.team_name = ? AND h.studio_id IS ? AND h.person_id IS ?"
            " AND h.revoked_on IS NULL AND h.id IS NOT ?",
            [h.title_id, row["level"], row["year"], kind, row["unit_id"], row["team_name"], row["studio_id"],
             row["person_id"], honor_id]).fetchone()
        if twin:
            c.err("title_id", f"「{who}」{row['year']} 年已有{row['level']}级「{title_name}」（编号 {twin[0]}，"
                              f"{twin[1]}），同一年同一级别不能重复授予")
    return row, f"「{who}」的{title_name}" if who else title_name, c


def warnings(db: Database, row: dict[str, object]) -> list[str]:
    """What the seeds' rules flag without forbidding."""
    out = []
    if row.get("person_id") is not None and row.get("reward"):
        head = db.execute("SELECT p.is_head, p.name, t.name FROM persons p, honor_titles t WHERE p.id = ? AND t.id = ?",
                          [row["person_id"], row["title_id"]]).fetchone()
        if head and head[0] and head[2] in NO_REWARD_FOR_HEADS:
            out.append(f"「{head[1]}」是企业负责人：按规定「{head[2]}」的物质奖励不含企业负责人"
                       f"（本条记录物质奖励 {row['reward']:g} 元）。")
    return out


def save(db: Database, h: HonorInput, honor_id: int | None = None, accept_warnings: bool = False) -> int:
    """Insert or update an honor. ValidationError for bad fields; RewardWarning unless *accept_warnings*."""
    row, name, c = check(db, h, honor_id)
    if c.errors:
        raise ValidationError(f"荣誉{name}" if name else "荣誉", c.errors)
    flagged = warnings(db, row)
    if flagged and not accept_warnings:
        raise RewardWarning("".join(flagged))
    with db.atomic():
        return write_row(db, "honors", row, honor_id, "荣誉", touch=True)


def get(db: Database, honor_id: int) -> HonorInput:
    return HonorInput(**read_row(db, "honors", COLUMNS, honor_id, "荣誉"))


def revocation(db: Database, honor_id: int) -> tuple[str | None, str]:
    """(撤销日期, 原因) of an honor; (None, '') when in force."""
    row = read_row(db, "honors", ["revoked_on", "revoke_reason"], honor_id, "荣誉")
    return row["revoked_on"], str(row["revoke_reason"])


def revoke(db: Database, honor_id: int, reason: str, on: str | date | None = None) -> None:
    """撤销: the honor stays on record with the date and the reason, and stops counting."""
    c = Checker(LABELS)
    reason = c.text("revoke_reason", reason, required=True, multiline=True)
    day = c.date("revoked_on", on or date.today().isoformat(), required=True)
    if c.errors:
        raise ValidationError("撤销荣誉", c.errors)
    with db.atomic():
        cur = db.execute("UPDATE honors SET revoked_on = ?, revoke_reason = ?, updated_at = datetime('now', "
                         "'localtime') WHERE id = ? AND revoked_on IS NULL", [day, reason, honor_id])
        if cur.rowcount == 0:
            raise LedgerError(f"荣誉（编号 {honor_id}）已不存在或已撤销。")


def delete(db: Database, honor_id: int) -> None:
    """Remove a record entered by mistake (a conferred honor is revoked, not deleted)."""
    state = db.execute("SELECT state FROM honors WHERE id = ?", [honor_id]).fetchone()
    if state and state[0] == "命名":
        raise LedgerError("已命名的荣誉不能删除，只能撤销（撤销后仍留档）。")
    delete_row(db, "honors", honor_id)


# -- finding -------------------------------------------------------------------------------------

_FROM = (" FROM honors h JOIN honor_titles t ON t.id = h.title_id JOIN units u ON u.id = h.unit_id"
         " LEFT JOIN persons p ON p.id = h.person_id LEFT JOIN studios s ON s.id = h.studio_id")
RECIPIENT = ("CASE h.recipient WHEN 'person' THEN p.name WHEN 'studio' THEN s.name"
             " WHEN 'team' THEN h.team_name ELSE u.name END")
SORTS = {"title": "h.title_id", "level": LEVEL_RANK, "recipient": RECIPIENT, "unit": "u.name_key", "year": "h.year",
         "state": "h.state", "doc_number": "h.doc_number", "conferred_on": "h.conferred_on", "reward": "h.reward"}


@dataclass(frozen=True)
class HonorFilter:
    year: int | None = None
    text: str = ""
    title_id: int | None = None
    state: str = ""              # 推荐 | 公示 | 命名 | 撤销 | "" any
    collective: bool | None = None
    area_id: int | None = None


def search(db: Database, flt: HonorFilter, sort: str = "title", descending: bool = False) -> list[int]:
    """Ids in the list's order. In catalog order the query reads the covering index honors_list alone: names
    are matched through subqueries, not joins."""
    where, params = ["1"], []
    if flt.year is not None:
        where.append("year = ?")
        params.append(flt.year)
    for term in search_terms(flt.text):
        where.append("(team_name LIKE ? ESCAPE '\\' OR doc_number LIKE ? ESCAPE '\\'"
                     " OR unit_id IN (SELECT id FROM units WHERE name LIKE ? ESCAPE '\\')"
                     " OR person_id IN (SELECT id FROM persons WHERE name LIKE ? ESCAPE '\\')"
                     " OR title_id IN (SELECT id FROM honor_titles WHERE name LIKE ? ESCAPE '\\')"
                     " OR studio_id IN (SELECT id FROM studios WHERE name LIKE ? ESCAPE '\\'))")
        params += [term] * 6
    if flt.title_id is not None:
        where.append("title_id = ?")
        params.append(flt.title_id)
    if flt.state == "撤销":
        where.append("revoked_on IS NOT NULL")
    elif flt.state:
        where.append("state = ? AND revoked_on IS NULL")
        params.append(flt.state)
    if flt.collective is not None:
        where.append("recipient <> 'person'" if flt.collective else "recipient = 'person'")
    if flt.area_id is not None:
        where.append("unit_id IN (SELECT id FROM units WHERE area_id = ?)")
        params.append(flt.area_id)
    d = " DESC" if descending else ""
    if sort in ("title", "level") or sort not in SORTS:
        order = f"title_id{d}, {INDEX_RANK}{d}, id{d}" if sort != "level" else f"{INDEX_RANK}{d}, title_id, id{d}"
        sql = f"SELECT id FROM honors h WHERE {' AND '.join(where)} ORDER BY {order}"
    else:  # by a name: the joins are needed to sort
        sql = (f"SELECT h.id{_FROM} WHERE h.id IN (SELECT id FROM honors WHERE {' AND '.join(where)})"
               f" ORDER BY {SORTS[sort]}{d}, h.title_id, {LEVEL_RANK}, h.id{d}")
    return [r[0] for r in db.execute(sql, params)]


ROW_SQL = (
    f"SELECT h.id, h.year, t.name AS title, h.level, h.recipient, {RECIPIENT} AS recipient_name, h.unit_id,"
    " u.name AS unit, h.person_id, p.sex, p.id_number, p.birth_date, p.post, p.skill_level, p.political,"
    " p.education, p.is_head, h.team_name, s.name AS studio, h.conferred_by, h.doc_number, h.conferred_on,"
    " h.reward, h.deeds, h.state, h.revoked_on, h.revoke_reason,"
    " (SELECT a.name FROM areas a WHERE a.id = u.area_id) AS area,"
    " (coalesce(p.is_head, 0) = 1 AND coalesce(h.reward, 0) > 0 AND t.name IN"
    f" ({', '.join(repr(n) for n in sorted(NO_REWARD_FOR_HEADS))})) AS flagged" + _FROM + " WHERE h.id IN ({ids})")


def fetch_rows(db: Database, ids: list[int]) -> dict[int, dict[str, object]]:
    rows = {r["id"]: r for r in in_chunks(db, ROW_SQL, ids)}
    for r in rows.values():
        r["shown_state"] = f"已撤销（{r['revoked_on']}）" if r["revoked_on"] else r["state"]
        r["recipient_kind"] = RECIPIENT_KINDS[r["recipient"]]
    return rows


def list_rows(db: Database, flt: HonorFilter, sort: str = "title") -> list[dict[str, object]]:
    ids = search(db, flt, sort)
    rows = fetch_rows(db, ids)
    return [rows[i] for i in ids]


def of_unit(db: Database, unit_id: int) -> list[dict[str, object]]:
    """Every honor of a unit, its teams and studios and its people: for the unit's own record."""
    ids = [r[0] for r in db.execute("SELECT id FROM honors WHERE unit_id = ? ORDER BY year DESC, id", [unit_id])]
    rows = fetch_rows(db, ids)
    return [rows[i] for i in ids]


def of_person(db: Database, person_id: int) -> list[dict[str, object]]:
    ids = [r[0] for r in db.execute("SELECT id FROM honors WHERE person_id = ? ORDER BY year DESC, id", [person_id])]
    rows = fetch_rows(db, ids)
    return [rows[i] for i in ids]


def describe(row: dict[str, object]) -> str:
    """2025年 市级「工人先锋号」 某公司装配班组（命名，临会发〔2025〕3号）: one line for a record's honors."""
    who = {"person": "", "unit": "", "team": f" {row['team_name']}", "studio": f" {row['studio']}"}[row["recipient"]]
    doc = f"，{row['doc_number']}" if row["doc_number"] else ""
    return f"{row['year']}年 {row['level']}级「{row['title']}」{who}（{row['shown_state']}{doc}）"
