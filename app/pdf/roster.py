"""表彰 / 公示名单: the year's honors in force for a notice board, grouped by title and level."""

from __future__ import annotations

import os
from datetime import date

from sqlite_utils import Database

from .. import honors, settings
from ..errors import LedgerError
from .document import Document, PdfResult, closing, paragraph, save_pdf, signed, styles
from .fonts import fonts as resolve_fonts

NUMBERS = "一二三四五六七八九十"
KINDS = {"命名": "表彰名单", "公示": "公示名单", "推荐": "推荐名单"}
MEASURE = {"person": "名", "unit": "个", "team": "个", "studio": "个"}


def _number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (headings of up to 99 groups)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else NUMBERS[tens - 1]) + "十" if tens else "") + (NUMBERS[ones - 1] if ones else "")


def entry(row: dict[str, object]) -> str:
    """张三（某某公司 焊工）, 某某公司装配车间班组, 某某公司 张三劳模创新工作室, 某某公司."""
    if row["recipient"] == "person":
        post = f" {row['post']}" if row["post"] else ""
        return f"{row['recipient_name']}（{row['unit']}{post}）"
    if row["recipient"] == "team":
        return f"{row['unit']}{row['team_name']}"
    if row["recipient"] == "studio":
        return f"{row['unit']} {row['studio']}"
    return str(row["unit"])


def report_roster(db: Database, year: int, path: str | os.PathLike[str], state: str = "命名",
                  on: date | None = None) -> PdfResult:
    """The roster of honors in *state* (命名 → 表彰名单, 公示 → 公示名单) for *year*, revoked ones left out."""
    info = settings.union_info(db)
    rows = honors.list_rows(db, honors.HonorFilter(year=year, state=state))
    if not rows:  # a roster with no names is not a document to print or stamp
        what = {"命名": "命名的", "公示": "公示中的", "推荐": "推荐的"}.get(state, f"状态为“{state}”的")
        raise LedgerError(f"{year} 年度没有{what}荣誉，没有生成{KINDS.get(state, '名单')}。")
    groups: dict[tuple[str, str], list[dict[str, object]]] = {}
    for r in rows:
        groups.setdefault((str(r["title"]), str(r["level"])), []).append(r)
    fonts = resolve_fonts()
    st = styles(fonts)
    kind = KINDS.get(state, "名单")
    title = f"{year}年度先进集体和先进个人{kind}"

    def build(filename: str) -> int:
        doc = Document(filename, fonts, title, info.union_name)
        story = [paragraph(title, st.title)]
        if state == "公示":
            phone = f"，联系电话：{info.phone}" if info.phone else ""
            story.append(paragraph(f"现将{year}年度拟表彰的先进集体和先进个人名单予以公示。公示期为 5 个工作日，"
                                   f"如有异议，请以书面形式向{info.union_name or '本会'}反映{phone}。", st.body))
        for n, ((name, level), members) in enumerate(groups.items(), 1):
            measure = MEASURE[str(members[0]["recipient"])]
            quoted = name if "“" in name else f"“{name}”"  # “安康杯”竞赛先进集体 keeps its own quotes
            story.append(paragraph(f"{_number(n)}、{level}级{quoted}（{len(members)} {measure}）", st.heading1))
            story += [paragraph(f"{k}. {entry(r)}", st.item) for k, r in enumerate(members, 1)]
        story = signed(story, closing(fonts, info.union_name, on or date.today()))
        doc.build(story)
        return doc.page

    saved, pages = save_pdf(path, build)
    return PdfResult(saved, pages, len(rows), fonts.embedded, fonts.warning)
