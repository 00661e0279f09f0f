"""What the registers (innovations, honors, studios, hazards …) share: checking fields one by one into
FieldErrors, and writing one row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator

from sqlite_utils import Database

from .db import dict_rows
from .errors import FieldError, LedgerError
from .normalize import clean_text, halfwidth, parse_amount, parse_count, parse_date
from .unit_search import escape_like


class Checker:
    """Parses a record's fields; each bad one becomes a FieldError naming the field."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels
        self.errors: list[FieldError] = []

    def err(self, key: str, message: str) -> None:
        self.errors.append(FieldError(key, self.labels[key], message))

    def has_error(self, key: str) -> bool:
        return any(e.field == key for e in self.errors)

    def _parse(self, key: str, value: object, parse: Callable[[object], object]):
        try:
            return parse(value)
        except ValueError as exc:
            self.err(key, str(exc))
            return None

    def text(self, key: str, value: object, required: bool = False, multiline: bool = False) -> str:
        text = str(value or "").strip() if multiline else clean_text(value)
        if required and not text:
            self.err(key, "必填")
        return text

    def choice(self, key: str, value: object, allowed: Iterable[str], required: bool = True) -> str:
        text = clean_text(value)
        allowed = list(allowed)
        if (text or required) and text not in allowed:
            self.err(key, f"「{text}」应为 {'、'.join(allowed)} 之一" if text else "必填")
        return text

    def date(self, key: str, value: object, required: bool = False) -> str | None:
        day = self._parse(key, value, parse_date) if value not in (None, "") else None
        if required and day is None and not self.has_error(key):
            self.err(key, "必填")
        return day

    def count(self, key: str, value: object) -> int | None:
        return self._parse(key, value, parse_count)

    def amount(self, key: str, value: object) -> float | None:
        return self._parse(key, value, parse_amount)

    def year(self, key: str, value: object) -> int:
        try:
            year = int(value)
        except (TypeError, ValueError):
            year = 0
        if not 1949 <= year <= 2100:
            self.err(key, "应为 1949 到 2100 之间的年份")
        return year

    def unit(self, db: Database, key: str, unit_id: int | None, required: bool = True,
             keep: int | None = None) -> str:
        """The unit's name; an archived unit is refused unless it is *keep* (the record already had it)."""
        if unit_id is None:
            if required:
                self.err(key, "必填：请从列表中选择单位")
            return ""
        row = db.execute("SELECT name, archived_at FROM units WHERE id = ?", [unit_id]).fetchone()
        if row is None:
            self.err(key, "所选单位已不存在")
            return ""
        if row[1] and unit_id != keep:
            self.err(key, f"「{row[0]}」已归档，不能再登记")
        return row[0]

    def person(self, db: Database, key: str, person_id: int | None, required: bool = False) -> tuple | None:
        """(name, unit_id, is_head) of the person, or None."""
        if person_id is None:
            if required:
                self.err(key, "必填：请从列表中选择职工")
            return None
        row = db.execute("SELECT name, unit_id, is_head FROM persons WHERE id = ?", [person_id]).fetchone()
        if row is None:
            self.err(key, "所选职工已不存在")
        return row


def write_row(db: Database, table: str, row: dict[str, object], record_id: int | None, what: str,
              touch: bool = False) -> int:
    """Insert *row*, or update record *record_id*; the caller holds the transaction."""
    if record_id is None:
        cur = db.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                         list(row.values()))
        return cur.lastrowid
    sets = ", ".join(f"{k} = ?" for k in row) + (", updated_at = datetime('now', 'localtime')" if touch else "")
    cur = db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*row.values(), record_id])
    if cur.rowcount == 0:
        raise LedgerError(f"{what}（编号 {record_id}）已不存在。")
    return record_id


def read_row(db: Database, table: str, columns: list[str], record_id: int, what: str) -> dict[str, object]:
    """One record's columns by id; LedgerError naming *what* when it is gone."""
    row = db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", [record_id]).fetchone()
    if row is None:
        raise LedgerError(f"{what}（编号 {record_id}）已不存在。")
    return dict(zip(columns, row, strict=True))


def delete_row(db: Database, table: str, record_id: int) -> None:
    with db.atomic():
        db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])


def search_terms(text: str) -> list[str]:
    """The words of a search box, each ready for LIKE with ESCAPE '\\'."""
    return [f"%{escape_like(t)}%" for t in halfwidth(clean_text(text)).split()]


def in_chunks(db: Database, sql: str, ids: list[int], size: int = 500) -> list[dict[str, object]]:
    """Rows of *sql* (with a {ids} placeholder for the list) for many ids, 500 at a time."""
    out: list[dict[str, object]] = []
    for start in range(0, len(ids), size):
        chunk = ids[start:start + size]
        out += dict_rows(db.execute(sql.format(ids=", ".join("?" for _ in chunk)), chunk))
    return out


STALE = "这条记录已被别处修改，请重新打开（关闭本窗口，再打开这条记录）。"


def record_token(db: Database, table: str, record_id: int | None) -> str | None:
    """The record as stored, for telling later whether anyone changed it since a form loaded it."""
    if record_id is None:
        return None
    cur = db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
    row = cur.fetchone()
    return repr(tuple(row)) if row is not None else ""


@contextlib.contextmanager
def unchanged_since(db: Database, table: str, record_id: int | None, token: str | None) -> Iterator[None]:
    """A transaction that first checks the record is still as the form loaded it (*token*), and refuses with
    STALE instead of overwriting another window's or command's change."""
    with db.atomic():
        if token is not None and record_token(db, table, record_id) != token:
            raise LedgerError(STALE)
        yield
