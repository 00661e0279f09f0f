"""单位档案: one unit's details and every year's figures, on upright A4 pages."""

from __future__ import annotations

import os
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Spacer, Table, TableStyle
from sqlite_utils import Database

from .. import honors, settings, units
from ..codes import CATEGORY_NAMES, INDUSTRY_NAMES
from ..tables import ReturnColumn
from .document import BODY_LEADING, TABLE_SIZE, Document, PdfResult, closing, paragraph, save_pdf, signed, styles
from .fonts import fonts as resolve_fonts
from .table import GRID, HEADER_GREY, table

NUMBERS = "一二三四五六七八九十"

YEAR_COLUMNS = [
    ReturnColumn("年度", kind="index"), ReturnColumn("职工人数", kind="int"),
    ReturnColumn("女职工人数", kind="int"), ReturnColumn("会员人数", kind="int"),
    ReturnColumn("规模以上", align="center"), ReturnColumn("已建会", align="center"),
    ReturnColumn("建会日期", kind="date"), ReturnColumn("基层工会类型", align="center"),
    ReturnColumn("工会主席"), ReturnColumn("高危行业", align="center"),
]


FIGURE_COLUMNS = [
    ReturnColumn("年度", kind="index"), ReturnColumn("合理化建议提出", kind="int"),
    ReturnColumn("合理化建议实施", kind="int"), ReturnColumn("技术革新", kind="int"),
    ReturnColumn("技术攻关", kind="int"), ReturnColumn("发明创造", kind="int"), ReturnColumn("专利申请", kind="int"),
    ReturnColumn("先进操作法", kind="int"), ReturnColumn("经济效益（万元）", kind="decimal"),
]
FIGURE_KEYS = ["suggestions_made", "suggestions_adopted", "innovations", "tackles", "inventions",
               "patent_applications", "methods", "benefit"]
HONOR_COLUMNS = [
    ReturnColumn("年度", kind="index"), ReturnColumn("称号"), ReturnColumn("级别", align="center"),
    ReturnColumn("获得者"), ReturnColumn("文号"), ReturnColumn("状态", align="center"),
]


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def report_unit(db: Database, unit_id: int, path: str | os.PathLike[str], on: date | None = None) -> PdfResult:
    unit = units.get(db, unit_id)
    d = unit.data
    area = db.execute("SELECT name FROM areas WHERE id = ?", [d.area_id]).fetchone() if d.area_id else None
    info = settings.union_info(db)
    fonts = resolve_fonts()
    st = styles(fonts)
    cell = ParagraphStyle("cell", fontName=fonts.body, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.35,
                          alignment=TA_LEFT, wordWrap="CJK")
    label = ParagraphStyle("label", parent=cell, fontName=fonts.heading1)
    state = f"已归档（{unit.archived_at[:10]}）" if unit.archived_at else "在册"
    pairs = [
        ("单位名称", d.name), ("统一社会信用代码", d.credit_code or "（未填）"),
        ("所属区域", area[0] if area else ""), ("单位类别", CATEGORY_NAMES.get(d.category_code, d.category_code)),
        ("行业", INDUSTRY_NAMES.get(d.industry_code, d.industry_code)), ("重点产业", "、".join(d.industry_tags)),
        ("联系人", d.contact), ("联系电话", d.phone), ("地址", d.address), ("台账状态", state),
    ]
    grid = []
    for i in range(0, len(pairs), 2):
        row = []
        for key, value in pairs[i:i + 2]:
            row += [paragraph(key, label), paragraph(value or "", cell)]
        grid.append(row)
    grey = colors.Color(HEADER_GREY, HEADER_GREY, HEADER_GREY)
    details = Table(grid, colWidths=["18%", "32%", "18%", "32%"], hAlign="LEFT")
    details.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), GRID, "black"),
        ("BACKGROUND", (0, 0), (0, -1), grey), ("BACKGROUND", (2, 0), (2, -1), grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    rows = [[str(year), _text(f.employees), _text(f.female_employees), _text(f.members), _yes(f.above_scale),
             _yes(f.union_founded), _text(f.founded_on), f.union_type, f.chairman or "", _yes(f.high_risk)]
            for year, f in sorted(unit.years.items(), reverse=True)]
    reported = db.execute(f"SELECT year, {', '.join(FIGURE_KEYS)} FROM annual_figures WHERE unit_id = ?"
                          " ORDER BY year DESC", [unit_id])
    figure_rows = [[str(year), *(_text(v) for v in counts), "" if benefit is None else f"{benefit:.2f}"]
                   for year, *counts, benefit in reported]
    honor_rows = [[str(h["year"]), h["title"], h["level"], h["recipient_name"], h["doc_number"], h["shown_state"]]
                  for h in honors.of_unit(db, unit_id)]
    sections = [  # heading, columns, rows, what to say when there are none
        ("历年情况", YEAR_COLUMNS, rows, "尚未填报任何年度的数据。"),
        ("职工创新（年度合计）", FIGURE_COLUMNS, figure_rows, "尚未填报职工创新的年度数据。"),
        ("荣誉", HONOR_COLUMNS, honor_rows, "没有荣誉记录。"),
    ]
    title = "单位档案"

    def build(filename: str) -> int:
        doc = Document(filename, fonts, f"{title}：{d.name}", info.union_name)
        story = [paragraph(title, st.title), paragraph(d.name, st.subtitle), Spacer(1, BODY_LEADING * 0.5),
                 paragraph("一、基本情况", st.heading1), details]
        signature = closing(fonts, info.union_name, on or date.today())
        if d.note:
            signature = [Spacer(1, BODY_LEADING * 0.5), paragraph(f"{NUMBERS[len(sections) + 1]}、备注", st.heading1),
                         paragraph(d.note, st.body), *signature]
        for n, (heading, columns, body, none) in enumerate(sections, 2):
            last = n == len(sections) + 1
            story += [Spacer(1, BODY_LEADING * 0.5), paragraph(f"{NUMBERS[n - 1]}、{heading}", st.heading1)]
            if body:
                story.append(table(columns, body, fonts.body, fonts.heading1, tail=signature if last else None))
            elif last:  # the heading, its one line and the 落款 on one page
                story = signed(story + [paragraph(none, st.body)], signature, keep=2)
            else:
                story.append(paragraph(none, st.body))
        doc.build(story)
        return doc.page

    saved, pages = save_pdf(path, build)
    return PdfResult(saved, pages, len(rows), fonts.embedded, fonts.warning)
