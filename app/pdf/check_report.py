"""逻辑检查报告: every check run for a year with what it found, each finding with the record it names and the
clerk's 说明, and the year's verdict (逻辑正确 or not) — printed to go with the returns."""

from __future__ import annotations

import os
from datetime import date, datetime

from reportlab.platypus import Spacer
from sqlite_utils import Database

from .. import checks, settings
from ..tables import ReturnColumn
from .document import BODY_LEADING, Document, PdfResult, closing, paragraph, save_pdf, styles
from .fonts import fonts as resolve_fonts
from .table import table

CHECK_COLUMNS = [ReturnColumn("代码", 6, align="center"), ReturnColumn("检查内容", 40),
                 ReturnColumn("类别", 6, align="center"), ReturnColumn("结果", 14, align="center")]
FINDING_COLUMNS = [ReturnColumn("序号", 5, "index"), ReturnColumn("类别", 6, align="center"),
                   ReturnColumn("代码", 6, align="center"), ReturnColumn("问题", 52), ReturnColumn("说明", 30)]


def report_check(db: Database, year: int, path: str | os.PathLike[str], on: date | None = None,
                 now: datetime | None = None) -> PdfResult:
    info = settings.union_info(db)
    fonts = resolve_fonts()
    st = styles(fonts)
    report = checks.run(db, year, now)
    counts = {c.code: 0 for c in checks.CHECKS}
    for f in report.findings:
        counts[f.code] += 1
    check_rows = [[c.code, c.title, c.severity, f"发现 {counts[c.code]} 处" if counts[c.code] else "通过"]
                  for c in checks.CHECKS]
    finding_rows = [[str(n), f.severity, f.code, f.message, report.note_of(f) or ("（须改正）" if f.severity == "错误"
                                                                                  else "（未写说明）")]
                    for n, f in enumerate(report.findings, 1)]
    title = f"{info.county or ''}{year}年度逻辑检查报告"

    def build(filename: str) -> int:
        doc = Document(filename, fonts, title, info.union_name, wide=True)
        signature = closing(fonts, info.union_name, on or date.today())
        story = [paragraph(title, st.title), paragraph(report.status_line(), st.subtitle),
                 Spacer(1, BODY_LEADING * 0.3), paragraph("一、检查项目", st.heading1),
                 table(CHECK_COLUMNS, check_rows, fonts.body, fonts.heading1),
                 Spacer(1, BODY_LEADING * 0.3), paragraph("二、发现的问题", st.heading1)]
        if finding_rows:
            story.append(table(FINDING_COLUMNS, finding_rows, fonts.body, fonts.heading1, tail=signature))
        else:
            story += [paragraph("没有发现问题，各表逻辑正确。", st.body), *signature]
        doc.build(story)
        return doc.page

    saved, pages = save_pdf(path, build)
    return PdfResult(saved, pages, len(finding_rows), fonts.embedded, fonts.warning)
