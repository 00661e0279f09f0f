"""Reading filled templates back: recognise each file, check it row by row with the rules of typing, show
what it will change (old → new per cell), write it in one transaction, and keep a receipt for 报送情况.

A file is recognised by its hidden sheet 模板信息; where a clerk copied the data into a new workbook and that
sheet is gone, by its header (the kind whose import maps the most columns), its year from the title, and its
area from the title, or else from where most of its units are.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from ..errors import LedgerError
from ..importing.kinds import KINDS as IMPORTS
from ..importing.mapping import detect
from ..importing.plan import ImportOptions, ImportPlan
from ..importing.reader import SUPPORTED, Sheet, read_sheet
from ..normalize import clean_text
from .kinds import INFO_SHEET, KINDS, VERSION


@dataclass
class Recognised:
    path: Path
    word: str                  # 年度数据
    year: int
    area_id: int | None
    area: str
    competition_id: int | None = None
    competition: str = ""
    by: str = "模板信息"        # or 表头: how the file was recognised


@dataclass(frozen=True)
class CellChange:
    row: int
    name: str
    field: str
    old: object
    new: object


@dataclass
class Received:
    """One file read back and checked; nothing written yet."""

    rec: Recognised
    plan: ImportPlan | None = None
    source: object = None                      # a return (表一, 表二): consolidate.Source
    problems: list[str] = field(default_factory=list)   # a return's own logic, or a file-level refusal
    changes: list[CellChange] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)     # units listed in the template but not in the file
    earlier: str = ""                                    # a receipt of the same area and template already kept
    sha256: str = ""

    @property
    def refused(self) -> list[str]:
        return [r.message for r in self.plan.refused] if self.plan else list(self.problems)

    @property
    def writable(self) -> int:
        return len(self.plan.to_write) if self.plan else (0 if self.problems else 1)

    def summary(self) -> str:
        head = f"{self.rec.area or '区域不明'}·{self.rec.word}"
        if self.plan is None:
            return f"{head}：" + (f"{len(self.problems)} 处错误" if self.problems else "数字已通过本表的逻辑检查")
        text = f"{head}：{self.plan.summary()}"
        if self.missing:
            text += f"；模板中的 {len(self.missing)} 家单位不在交回的文件中"
        return text


def shown(v: object) -> str:
    """A cell's value as the preview shows it: （空） for nothing, 是/否 for a flag."""
    return "（空）" if v in (None, "") else ("是" if v is True else "否" if v is False else str(v))


def files_in(path: str | os.PathLike[str]) -> list[Path]:
    """A file, or the spreadsheets of a folder (not its subfolders; Office's ~$ lock files left out)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED
                      and not p.name.startswith(("~$", ".~")))
    if not path.exists():
        raise LedgerError(f"找不到文件或文件夹：{path}")
    return [path]


def recognise(db: Database, path: str | os.PathLike[str], year: int | None = None) -> Recognised:
    path = Path(path)
    try:
        info_sheet = read_sheet(path, INFO_SHEET)
    except LedgerError as exc:
        if "没有名为" not in str(exc):
            raise
        return _by_header(db, path, year)
    info = {clean_text(r[0]): r[1] if len(r) > 1 else None for r in info_sheet.rows if r and r[0]}
    word = clean_text(info.get("模板"))
    if word not in KINDS:
        raise LedgerError(f"「{path.name}」的模板信息无法识别（模板「{word}」）。")
    try:
        version = int(info.get("版本") or 0)
    except (TypeError, ValueError):
        raise LedgerError(f"「{path.name}」的模板信息无法识别（版本「{info.get('版本')}」）。") from None
    if version > VERSION:
        raise LedgerError(f"「{path.name}」是新版程序生成的模板（版本 {version}），请升级本程序后再读取。")
    try:
        file_year = int(info.get("年度"))
    except (TypeError, ValueError):
        raise LedgerError(f"「{path.name}」的模板信息中没有年度。") from None
    area_id = int(info["区域编号"]) if isinstance(info.get("区域编号"), int | float) else None
    area = clean_text(info.get("区域"))
    row = db.execute("SELECT id, name FROM areas WHERE id = ? AND name = ?", [area_id, area]).fetchone() or \
        db.execute("SELECT id, name FROM areas WHERE name = ?", [area]).fetchone()
    if row is None:
        raise LedgerError(f"「{path.name}」是发给「{area}」的模板，但区域列表中已没有「{area}」。")
    competition_id = int(info["竞赛编号"]) if isinstance(info.get("竞赛编号"), int | float) else None
    rec = Recognised(path, word, file_year, row[0], row[1], competition_id, clean_text(info.get("竞赛")))
    _same_year(rec, year)
    return rec


def _same_year(rec: Recognised, year: int | None) -> None:
    if year is not None and rec.year != year:
        raise LedgerError(f"「{rec.path.name}」是 {rec.year} 年度的{rec.word}，不是 {year} 年度的：没有读取。")


def _by_header(db: Database, path: Path, year: int | None) -> Recognised:
    sheet = read_sheet(path)
    top = " ".join(clean_text(v) for r in sheet.rows[:3] for v in r if v is not None)
    found = re.search(r"(\d{4})年度", top)
    file_year = int(found.group(1)) if found else year
    if file_year is None:
        raise LedgerError(f"「{path.name}」的标题中没有年度：请用 --year 指定。")
    number = next((clean_text(v) for v in reversed(sheet.rows[0]) if clean_text(v)), "") if sheet.rows else ""
    areas = dict(db.execute("SELECT name, id FROM areas"))
    named = next((a for a in sorted(areas, key=len, reverse=True) if f"（{a}）" in top or f"{a}工会" in top), "")
    if number in ("表一", "表二"):
        rec = Recognised(path, number, file_year, areas.get(named), named, by="表头")
        _same_year(rec, year)
        return rec
    best = None
    for word, kind in KINDS.items():
        if kind.reads_as == "return":
            continue
        mapping = detect(sheet.rows, IMPORTS[kind.reads_as].targets)
        score = len(mapping.columns) if mapping and "name" in mapping.columns else 0
        if score and (best is None or score > best[0]):
            best = (score, word)
    if best is None:
        raise LedgerError(f"「{path.name}」不是本程序的填报模板：没有模板信息，表头也认不出是哪一种"
                          f"（{'、'.join(KINDS)}）。")
    word = best[1]
    competition_id, competition = None, ""
    if KINDS[word].reads_as == "participants":
        for cid, cname in db.execute("SELECT id, name FROM competitions WHERE year = ?", [file_year]):
            if cname and cname in top:
                competition_id, competition = cid, cname
        if competition_id is None:
            raise LedgerError(f"「{path.name}」像是参赛单位填报表，但标题中没有 {file_year} 年度的竞赛名称。")
    rec = Recognised(path, word, file_year, areas.get(named), named, competition_id, competition, by="表头")
    _same_year(rec, year)
    if rec.area_id is None:  # where most of its units are
        names = [clean_text(r[0]) for r in sheet.rows if r]
        counts = Counter(a for (a,) in db.execute(
            "SELECT y.area_id FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = ? WHERE u.name IN"
            f" ({', '.join('?' for _ in names[:900])})", [file_year, *names[:900]]) if a is not None)
        if counts:
            rec.area_id = counts.most_common(1)[0][0]
            rec.area = db.execute("SELECT name FROM areas WHERE id = ?", [rec.area_id]).fetchone()[0]
    return rec


# -- checking ---------------------------------------------------------------------------------------------

def check_file(db: Database, path: str | os.PathLike[str], year: int | None = None) -> Received:
    """Recognise and check one file against the database; nothing is written."""
    rec = recognise(db, path, year)
    got = Received(rec, sha256=hashlib.sha256(Path(path).read_bytes()).hexdigest())
    got.earlier = _earlier(db, rec)
    kind = KINDS[rec.word]
    if kind.reads_as == "return":
        from ..returns.consolidate import problems, read_sources

        sources = read_sources(path, rec.word)
        got.source = sources[0]
        got.problems = problems(sources[0])
        if not any(v not in (None, "") for _, cells in sources[0].rows for v in cells):
            row = sources[0].row_numbers[0] if sources[0].row_numbers else ""
            got.problems.append(f"第 {row} 行：没有填写任何数字")
        if rec.area_id is None and sources[0].rows:
            label = sources[0].rows[0][0]
            row = db.execute("SELECT id, name FROM areas WHERE name = ?", [label]).fetchone()
            if row:
                rec.area_id, rec.area = row
        return got
    imp = IMPORTS[kind.reads_as]
    sheet, mapping = imp.open(path)
    options = ImportOptions(rec.year, default_area_id=rec.area_id, competition_id=rec.competition_id)
    listed_names = clean_names(sheet, mapping)
    if kind.reads_as == "participants":
        sheet = _only_filled(sheet, mapping)
    got.plan = imp.plan(db, sheet, mapping, options)
    got.changes = _changes(db, kind.reads_as, got.plan)
    if kind.listed and rec.area_id is not None:
        # a unit whose row is there (refused or not; a participation row left blank too) is not missing
        seen = {r.record_id for r in got.plan.rows if r.record_id is not None} | _listed_ids(db, rec, listed_names)
        got.missing = [name for uid, name in db.execute(
            "SELECT u.id, u.name FROM year_units y JOIN units u ON u.id = y.unit_id WHERE y.year = ? AND y.area_id = ?"
            " ORDER BY u.name_key", [rec.year, rec.area_id]) if uid not in seen]
    return got


def clean_names(sheet: Sheet, mapping) -> set[str]:
    c = mapping.columns["name"]
    return {clean_text(r[c]) for r in sheet.rows[mapping.header_row + 1:] if len(r) > c and r[c] is not None}


def _listed_ids(db: Database, rec: Recognised, names: set[str]) -> set[int]:
    return {uid for uid, name in db.execute("SELECT u.id, u.name FROM year_units y JOIN units u ON u.id = y.unit_id"
                                            " WHERE y.year = ? AND y.area_id = ?", [rec.year, rec.area_id])
            if name in names}


def _only_filled(sheet: Sheet, mapping) -> Sheet:
    """A participation template lists every unit: the rows without a figure are not reports, so they are blanked
    (row numbers kept) before the import walks them."""
    inputs = [c for k, c in mapping.columns.items() if k not in ("name", "credit_code")]
    rows = list(sheet.rows)
    for r in range(mapping.header_row + 1, len(rows)):
        if not any(c < len(rows[r]) and clean_text(rows[r][c]) for c in inputs):
            rows[r] = []
    return Sheet(sheet.file_name, sheet.sheet_name, rows, sheet.sheet_names, sheet.encoding)


def _changes(db: Database, reads_as: str, plan: ImportPlan) -> list[CellChange]:
    """What each written row changes: old → new per cell (a new record: every cell it fills)."""
    out: list[CellChange] = []
    year = plan.options.year
    if reads_as == "figures":
        from ..codes import FIGURE_KEYS
        from ..figures import LABELS

        ids = [r.record_id for r in plan.to_write]
        before: dict[int, dict[str, object]] = {}
        for start in range(0, len(ids), 500):  # one read for the file's units, not one a row
            chunk = ids[start:start + 500]
            for row in db.execute(f"SELECT unit_id, {', '.join(FIGURE_KEYS)} FROM annual_figures WHERE year = ?"
                                  f" AND unit_id IN ({', '.join('?' for _ in chunk)})", [year, *chunk]):
                before[row[0]] = dict(zip(FIGURE_KEYS, row[1:], strict=True))
        for r in plan.to_write:
            stored = before.get(r.record_id, {})
            out += [CellChange(r.row, r.name, LABELS[c.key], stored.get(c.key), c.value) for c in r.data
                    if stored.get(c.key) != c.value]
    elif reads_as == "units":
        from dataclasses import asdict

        from .. import units
        from ..importing.units import LABELS as FIELD_LABELS

        LABELS = FIELD_LABELS | {"category_code": "单位类别", "industry_code": "行业"}  # noqa: N806
        known = units.load_all(db, year) if plan.to_write else {}  # two queries for the file, not two a row
        for r in plan.to_write:
            before = known.get(r.record_id) if r.record_id is not None else None
            old = asdict(before.data) if before else {}
            old_year = asdict(before.years.get(year)) if before and before.years.get(year) else {}
            for key, value in asdict(r.data).items():
                if key in LABELS and old.get(key) != value and (value or old.get(key)):
                    out.append(CellChange(r.row, r.name, LABELS[key], old.get(key), value))
            for key, value in asdict(r.figures).items():
                if key in LABELS and old_year.get(key) != value and (value or old_year.get(key)):
                    out.append(CellChange(r.row, r.name, LABELS[key], old_year.get(key), value))
    elif reads_as == "participants":
        from ..participation import PARTICIPATION_LABELS

        keys = ["participants", "score", "rank", "award"]
        for r in plan.to_write:
            old = db.execute("SELECT participants, score, rank, award FROM participations WHERE competition_id = ?"
                             " AND unit_id = ?", [plan.options.competition_id, r.record_id]).fetchone()
            for k, before, after in zip(keys, old or [None] * 4, r.data, strict=True):
                if before != after and (before or after):
                    out.append(CellChange(r.row, r.name, PARTICIPATION_LABELS[k], before, after))
    else:
        out += [CellChange(r.row, r.name, "（新增）" if r.status == "new" else "（更新）", None, r.name)
                for r in plan.to_write]
    return out


def _earlier(db: Database, rec: Recognised) -> str:
    row = db.execute("SELECT received_at, file_name FROM template_receipts WHERE kind = ? AND year = ? AND area_id IS ?"
                     " AND competition_id IS ? ORDER BY id DESC LIMIT 1",
                     [rec.word, rec.year, rec.area_id, rec.competition_id]).fetchone()
    return f"{row[0][:16]} 已接收过「{rec.area}」的{rec.word}（{row[1]}）" if row else ""


# -- writing --------------------------------------------------------------------------------------------

def accept(db: Database, got: Received, skip_invalid: bool = False, replace: bool = False,
           now: datetime | None = None) -> int:
    """Write the file's valid rows and its receipt in one transaction; returns the rows written.

    Refused while rows are refused (unless *skip_invalid*), and while an earlier file of the same area and
    template is kept (unless *replace*)."""
    if got.earlier and not replace:
        raise LedgerError(f"「{got.rec.path.name}」：{got.earlier}。确认用这份文件替换时请选择“替换”"
                          "（命令行加 --replace）。")
    if got.refused and not skip_invalid:
        raise LedgerError(f"「{got.rec.path.name}」有 {len(got.refused)} 处错误，没有写入任何数据：改正后重试，"
                          "或只导入正确的行（--skip-invalid）。")
    if got.source is not None and got.problems:
        raise LedgerError(f"「{got.rec.path.name}」的数字没有通过本表的逻辑检查，不能接收：" + "；".join(got.problems))
    when = (now or datetime.now()).replace(microsecond=0).isoformat(sep=" ")
    cells = None
    if got.source is not None:
        s = got.source
        cells = json.dumps({"columns": s.columns, "rows": s.rows, "totals": s.totals, "filler_unit": s.filler_unit},
                           ensure_ascii=False, default=str)
    with db.atomic():
        written = 0
        if got.plan is not None and got.plan.to_write:
            written = IMPORTS[KINDS[got.rec.word].reads_as].apply(db, got.plan)
        elif got.source is not None:
            written = len(got.source.rows)
        db.execute("INSERT INTO template_receipts (kind, year, area_id, competition_id, received_at, file_name, sha256,"
                   " written, refused, summary, cells) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   [got.rec.word, got.rec.year, got.rec.area_id, got.rec.competition_id, when, got.rec.path.name,
                    got.sha256, written, len(got.refused), got.summary(), cells])
    return written
