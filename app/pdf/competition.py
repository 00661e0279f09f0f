"""竞赛方案 (a competition's plan, every item-8 field, laid out as an official document) and its participant list."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from .. import settings
from ..codes import PHASES
from ..competitions import get_competition
from ..participation import participant_table
from .document import Document, PdfResult, closing, paragraph, save_pdf, signed, styles
from .fonts import fonts as resolve_fonts
from .list_report import write_table_pdf

NUMBERS = "一二三四五六七八九十"


def _day(text: str | None) -> str:
    if not text:
        return "（未定）"
    d = date.fromisoformat(text)
    return f"{d.year}年{d.month}月{d.day}日"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()] or ["（未填写）"]


def report_plan(db: Database, competition_id: int, path: str | os.PathLike[str], on: date | None = None) -> PdfResult:
    c = get_competition(db, competition_id)
    info = settings.union_info(db)
    fonts = resolve_fonts()
    st = styles(fonts)
    sections: list[tuple[str, list]] = []

    def body(text: str) -> list:
        return [paragraph(p, st.body) for p in _paragraphs(text)]

    sections.append(("竞赛内容和目标", body(c.content)))
    sections.append(("竞赛要求和标准", body(c.requirements)))
    sections.append(("竞赛方式和载体", body(c.method)))
    sections.append(("参赛范围和人员", body(c.scope)))
    timing = [paragraph(f"竞赛自{_day(c.starts_on)}开始，至{_day(c.ends_on)}结束，分三个阶段进行。", st.body)]
    for n, phase in enumerate(PHASES):
        start, end = c.phases.get(phase, (None, None))
        timing.append(paragraph(f"（{NUMBERS[n]}）{phase}阶段（{_day(start)}—{_day(end)}）", st.heading2))
    sections.append(("竞赛起止时间", timing))
    sections.append(("竞赛考评和奖励办法", body(c.evaluation)))
    leading = [f"主办单位：{c.organizer or info.union_name}"]
    if c.co_organizers:
        leading.append(f"联合主办单位：{c.co_organizers}")
    if c.leading_body:
        leading.append(f"领导机构：{c.leading_body}")
    if c.budget is not None:
        leading.append(f"竞赛经费：{c.budget:g} 万元")
    sections.append(("组织领导和经费保障", [paragraph(line, st.body) for line in leading]))

    def build(filename: str) -> int:
        doc = Document(filename, fonts, c.name, c.organizer or info.union_name)
        # an official document: the title only (year, level, kind and the program's 状态 are the clerk's bookkeeping)
        story = [paragraph(f"{c.name}实施方案", st.title)]
        for n, (heading, flowables) in enumerate(sections):
            story.append(paragraph(f"{NUMBERS[n]}、{heading}", st.heading1))
            story += flowables
        story = signed(story, closing(fonts, c.organizer or info.union_name, on or date.today()))
        doc.build(story)
        return doc.page

    saved, pages = save_pdf(path, build)
    return PdfResult(saved, pages, 0, fonts.embedded, fonts.warning)


def report_participants(db: Database, competition_id: int, path: str | os.PathLike[str],
                        progress: Callable[[int, int], None] | None = None, on: date | None = None) -> PdfResult:
    t = participant_table(db, competition_id, on)
    total = sum(r[5] or 0 for r in t.rows)
    notes = [f"共 {len(t.rows):,} 家单位参赛，参赛职工 {total:,} 人次。"]
    return write_table_pdf(path, t, notes, settings.union_info(db).union_name, progress, on)
