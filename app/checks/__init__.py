"""逻辑检查: run every check of `catalog` for a year; the clerk's 说明 for each 提示; whether the year's returns
may leave the office marked 逻辑正确 (DOMAIN.md §3: every check passes, every 提示 explained)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from ..errors import FieldError, ValidationError
from ..normalize import clean_text
from .catalog import CHECKS, ERROR, HINT, Check, Finding

__all__ = ["CHECKS", "ERROR", "HINT", "Check", "CheckReport", "Finding", "explain", "run"]


@dataclass
class CheckReport:
    year: int
    checked_at: datetime
    findings: list[Finding]
    notes: dict[tuple[str, str], str] = field(default_factory=dict)   # (code, record) → the clerk's 说明

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def unexplained(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == HINT and (f.code, f.record) not in self.notes]

    @property
    def passed(self) -> bool:
        return not self.errors and not self.unexplained

    def note_of(self, finding: Finding) -> str:
        return self.notes.get((finding.code, finding.record), "")

    def status_line(self) -> str:
        """What a return carries under its title."""
        at = f"{self.checked_at:%Y-%m-%d %H:%M}"
        if self.passed:
            return f"逻辑正确（{at} 检查）"
        parts = []
        if self.errors:
            parts.append(f"错误 {len(self.errors)} 项")
        if self.unexplained:
            parts.append(f"提示 {len(self.unexplained)} 项未写说明")
        return f"未通过逻辑检查（{'，'.join(parts)}；{at} 检查）"


def run(db: Database, year: int, now: datetime | None = None) -> CheckReport:
    """Every check for *year*; the 说明 already written for its 提示."""
    findings = [f for check in CHECKS for f in check.find(db, year)]
    notes = {(code, record): note for code, record, note in db.execute(
        "SELECT code, record, note FROM check_notes WHERE year = ?", [year])}
    return CheckReport(year, now or datetime.now().replace(microsecond=0), findings, notes)


def explain(db: Database, year: int, finding: Finding, note: str, author: str = "") -> None:
    """Store the clerk's 说明 for a 提示 (an empty one takes it back); an 错误 cannot be explained away."""
    if finding.severity != HINT:
        raise ValidationError("说明", [FieldError("note", "说明", "错误不能用说明放过，请改正数据")])
    text = clean_text(note)
    with db.atomic():
        db.execute("DELETE FROM check_notes WHERE year = ? AND code = ? AND record = ?",
                   [year, finding.code, finding.record])
        if text:
            db.execute("INSERT INTO check_notes (year, code, record, note, author, written_at) VALUES"
                       " (?, ?, ?, ?, ?, datetime('now', 'localtime'))", [year, finding.code, finding.record, text,
                                                                          author])
