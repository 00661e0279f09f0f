"""报送情况: per area and template of a year, whether its file came back, when, with errors or not, against
the deadline set for that template and year."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlite_utils import Database

from .kinds import KINDS

STATES = ("已接收", "有错误", "未接收")


@dataclass(frozen=True)
class Status:
    area: str
    word: str
    competition: str
    sent_on: str            # when the template was made for the area ('' if never)
    received_at: str        # the latest file's time ('' if none)
    file_name: str
    state: str              # 已接收 | 有错误 | 未接收
    refused: int
    deadline: str
    late: bool              # received after the deadline, or not received and the deadline has passed

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def collection_status(db: Database, year: int, today: date | None = None) -> list[Status]:
    """Every area × template the year has sent or received (or set a deadline for), in the areas' order."""
    today = today or date.today()
    deadlines = dict(db.execute("SELECT kind, deadline FROM template_deadlines WHERE year = ?", [year]))
    sent = {(k, a, c): m for k, a, c, m in db.execute(
        "SELECT kind, area_id, competition_id, max(made_at) FROM template_sends WHERE year = ?"
        " GROUP BY kind, area_id, competition_id", [year])}
    latest = {}
    for kind, area_id, comp, at, name, refused in db.execute(
            "SELECT kind, area_id, competition_id, received_at, file_name, refused FROM template_receipts"
            " WHERE year = ? ORDER BY id", [year]):
        latest[(kind, area_id, comp)] = (at, name, refused)
    pairs = set(sent) | set(latest) | {(k, None, None) for k in deadlines}
    words = [w for w in KINDS if any(p[0] == w for p in pairs)]
    areas = db.execute("SELECT id, name FROM areas ORDER BY sort_order, id").fetchall()
    competitions = dict(db.execute("SELECT id, name FROM competitions WHERE year = ?", [year]))
    out: list[Status] = []
    for word in words:
        comps = sorted({p[2] for p in pairs if p[0] == word and p[2] is not None}) or [None]
        for area_id, area in areas:
            for comp in comps:
                key = (word, area_id, comp)
                deadline = deadlines.get(word, "")
                got = latest.get(key)
                state = "未接收" if got is None else ("有错误" if got[2] else "已接收")
                late = bool(deadline) and ((got is not None and got[0][:10] > deadline)
                                           or (got is None and today.isoformat() > deadline))
                out.append(Status(area, word, competitions.get(comp, "") if comp else "",
                                  (sent.get(key) or "")[:10], got[0][:16] if got else "", got[1] if got else "", state,
                                  got[2] if got else 0, deadline, late))
    return out


def counts(rows: list[Status]) -> str:
    """已接收 8 份（逾期 1 份），有错误 1 份，未接收 3 份（已过截止日期 2 份）"""
    by = {s: [r for r in rows if r.state == s] for s in STATES}
    late_in = sum(1 for r in by["已接收"] + by["有错误"] if r.late)
    late_out = sum(1 for r in by["未接收"] if r.late)
    return (f"已接收 {len(by['已接收'])} 份" + (f"（逾期 {late_in} 份）" if late_in else "")
            + f"，有错误 {len(by['有错误'])} 份，未接收 {len(by['未接收'])} 份"
            + (f"（已过截止日期 {late_out} 份）" if late_out else ""))


def recipients(db: Database, year: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Whom templates go to, for the window's choosers: the areas in their order, the year's competitions."""
    areas = db.execute("SELECT id, name FROM areas ORDER BY sort_order, id").fetchall()
    competitions = db.execute("SELECT id, name FROM competitions WHERE year = ? ORDER BY starts_on, id",
                              [year]).fetchall()
    return [tuple(a) for a in areas], [tuple(c) for c in competitions]


# -- deadlines ------------------------------------------------------------------------------------

def set_deadline(db: Database, word: str, year: int, deadline: date | None) -> None:
    with db.atomic():
        if deadline is None:
            db.execute("DELETE FROM template_deadlines WHERE kind = ? AND year = ?", [word, year])
        else:
            db.execute("INSERT INTO template_deadlines (kind, year, deadline) VALUES (?, ?, ?) ON CONFLICT"
                       " (kind, year) DO UPDATE SET deadline = excluded.deadline", [word, year, deadline.isoformat()])


def get_deadline(db: Database, word: str, year: int) -> date | None:
    row = db.execute("SELECT deadline FROM template_deadlines WHERE kind = ? AND year = ?", [word, year]).fetchone()
    return date.fromisoformat(row[0]) if row else None
