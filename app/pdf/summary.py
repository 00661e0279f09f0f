"""年度劳动竞赛工作情况汇总: the year's indicators against their targets with 同比, charts by area, the
competitions with their coverage, honors by title and level, innovation highlights, studios and safety.
Every number is read from app.indicators (and app.targets for the goals)."""

from __future__ import annotations

import os
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, Spacer
from sqlite_utils import Database

from .. import indicators, innovations, settings, targets
from ..competitions import list_competitions
from ..indicators import BY_CODE
from ..indicators.format import change, shown
from ..tables import ReturnColumn
from ..years import unit_count
from .charts import bar_chart
from .document import BODY_LEADING, LEFT, RIGHT, Document, PdfResult, closing, paragraph, save_pdf, styles
from .fonts import fonts as resolve_fonts
from .table import table

NUMBERS = "一二三四五六七八九十"
# The indicators of the first table, in order: the targeted ones of the seeds and the main counts.
MAIN = ["unit_coverage", "above_scale_coverage", "non_public_coverage", "employee_rate", "non_public_employee_rate",
        "participant_times", "skills_enterprise_share", "drill_enterprise_share", "suggestions_made",
        "adoption_rate", "innovations", "tackles", "inventions", "patent_applications", "methods", "benefit",
        "energy_monitors", "studios", "areas_without_studio", "trades", "honors_named", "training_share",
        "drill_share", "overdue_hazards"]
CHARTS = ["unit_coverage", "above_scale_coverage", "employee_rate", "participant_times"]
AREA_CODES = ["units", "unit_coverage", "above_scale_coverage", "employee_rate", "participant_times",
              "suggestions_made", "studios"]

INDICATOR_COLUMNS = [ReturnColumn("指标", 30), ReturnColumn("本年", 14, "decimal"),
                     ReturnColumn("目标", 12, "decimal"),
                     ReturnColumn("完成情况", 12, align="center"), ReturnColumn("上年", 14, "decimal"),
                     ReturnColumn("同比", 12, align="right")]


def report_summary(db: Database, year: int, path: str | os.PathLike[str], on: date | None = None,
                   today: date | None = None) -> PdfResult:
    info = settings.union_info(db)
    fonts = resolve_fonts()
    st = styles(fonts)
    now = indicators.compute(db, year, today)
    before = indicators.compute(db, year - 1, today) if unit_count(db, year - 1) else None
    goals = targets.progress(db, year, now)
    c = now.county

    def row(code: str) -> list[str]:
        v = c[code]
        g = goals.get((code, None))
        met = "" if g is None or g.met is None else ("完成" if g.met else "未完成 ×")
        goal = "" if g is None else f"{g.direction}{shown(g.target, v.unit)}"
        last = before.county[code] if before else None
        return [f"{v.title}（{v.unit}）", shown(v.value, v.unit), goal, met,
                shown(last.value if last else None, v.unit), change(v, last)]

    rows = [row(code) for code in MAIN]
    missed = sum(1 for code in MAIN if (g := goals.get((code, None))) is not None and g.met is False)
    set_goals = sum(1 for code in MAIN if (code, None) in goals)
    width = A4[0] - LEFT - RIGHT
    areas = [a for a in now.areas if a.area_id is not None]
    charts = []
    for code in CHARTS:
        g = goals.get((code, None))
        charts.append(bar_chart(f"各区域{BY_CODE[code].title}（{BY_CODE[code].unit}）", [a.name for a in areas],
                                [a.values[code].value for a in areas], BY_CODE[code].unit, fonts.body, width,
                                target=g.target if g is not None and BY_CODE[code].is_rate else None,
                                lower_is_better=g is not None and g.direction == "≤"))
    area_columns = [ReturnColumn("区域", 16)] + [
        ReturnColumn(f"{BY_CODE[k].title}（{BY_CODE[k].unit}）", 12, "decimal") for k in AREA_CODES]
    area_rows = [[a.name, *(shown(a.values[k].value, BY_CODE[k].unit) for k in AREA_CODES)] for a in areas]
    area_rows.append(["合计", *(shown(c[k].value, BY_CODE[k].unit) for k in AREA_CODES)])
    comp_columns = [ReturnColumn("竞赛名称", 36), ReturnColumn("类型", 14),
                    ReturnColumn("参赛单位（家）", 10, "int"),
                    ReturnColumn("参赛职工（人次）", 12, "int"), ReturnColumn("企事业单位覆盖面", 12, align="right")]
    comp_rows = []
    for comp in list_competitions(db, year):
        cover = indicators.coverage(db, year, int(comp["id"]))[0]
        comp_rows.append([str(comp["name"]), str(comp["kind"]), shown(comp["units"], "家"),
                          shown(comp["participants"], "人次"), shown(cover.value, "%")])
    honor_rows = [[title, level, shown(n, "项")] for title, _, level, n in indicators.honor_counts(db, year)]
    honor_columns = [ReturnColumn("称号", 36), ReturnColumn("级别", 8, align="center"), ReturnColumn("数量", 8, "int")]
    top = innovations.largest_benefits(db, year, 5)
    without = indicators.areas_without_studio(db, year)
    title = f"{info.county or ''}{year}年度劳动竞赛工作情况汇总"

    def v(code: str) -> str:
        return shown(c[code].value, c[code].unit)

    lead = (f"{year} 年度，全县 {v('units')} 家单位中 {v('units_in')} 家参加了劳动和技能竞赛，企事业单位覆盖面"
            f" {v('unit_coverage')}，职工参与率 {v('employee_rate')}，参赛职工 {v('participant_times')} 人次。")
    if set_goals:
        lead += f"设定目标的 {set_goals} 项指标中，完成 {set_goals - missed} 项，未完成 {missed} 项。"
    innovation = (
        f"合理化建议提出 {v('suggestions_made')} 件、实施 {v('suggestions_adopted')} 件，实施率 {v('adoption_rate')}；"
        f"技术革新 {v('innovations')} 项，技术攻关 {v('tackles')} 项，发明创造 {v('inventions')} 项，专利申请"
        f" {v('patent_applications')} 件（逐项登记的专利 {v('patents_registered')} 件，其中发明专利"
        f" {v('patents_invention')} 件、已授权 {v('patents_granted')} 件），先进操作法 {v('methods')} 项，"
        f"创造经济效益 {v('benefit')} 万元。")
    highlights = [paragraph(f"{n}. {t}（{k}，{u}，{shown(b, '万元')} 万元）", st.item) for n, (k, t, u, b) in
                  enumerate(top, 1)]
    studios = f"全县共有创新工作室 {v('studios')} 个。" + (
        f"还没有工作室的区域 {len(without)} 个：{'、'.join(without)}。" if without else "每个区域都有工作室。")
    t, d = c["training_share"], c["drill_share"]
    safety = (f"已建会单位 {t.denominator:,} 家，开展安全培训 {t.numerator:,} 家（{v('training_share')}），"
              f"安全培训 {v('safety_training_times')} 人次；高危行业单位 {d.denominator:,} 家，开展应急演练"
              f" {d.numerator:,} 家（{v('drill_share')}），演练 {v('emergency_drills')} 次；"
              f"年底逾期未整改的隐患 {v('overdue_hazards')} 项。")

    def build(filename: str) -> int:
        doc = Document(filename, fonts, title, info.union_name)
        story = [paragraph(title, st.title), paragraph(lead, st.body)]
        areas_table = table(area_columns, area_rows, fonts.body, fonts.heading1, bold_rows={len(area_rows) - 1})
        sections = [
            ("主要指标完成情况", [table(INDICATOR_COLUMNS, rows, fonts.body, fonts.heading1)]
             + [paragraph(f"注：{n}", st.note) for n in now.notes]),
            ("分区域情况", [*(KeepTogether([ch, Spacer(1, 6)]) for ch in charts), areas_table]),
            ("竞赛开展情况", [table(comp_columns, comp_rows, fonts.body, fonts.heading1)] if comp_rows
             else [paragraph("本年度没有登记竞赛。", st.body)]),
            ("先进集体和个人", [table(honor_columns, honor_rows, fonts.body, fonts.heading1)] if honor_rows
             else [paragraph("本年度没有命名的荣誉。", st.body)]),
            ("职工技术创新", [paragraph(innovation, st.body)]
             + ([paragraph("经济效益最大的成果：", st.body), *highlights] if top else [])),
            ("创新工作室", [paragraph(studios, st.body)]),
            ("安全生产", [paragraph(safety, st.body)]),
        ]
        for n, (heading, body) in enumerate(sections, 1):
            part = [paragraph(f"{NUMBERS[n - 1]}、{heading}", st.heading1), *body]
            if n == len(sections):  # the 落款 never stands on a page of its own
                part = [KeepTogether(part + closing(fonts, info.union_name, on or date.today()))]
            story += [Spacer(1, BODY_LEADING * 0.3), *part]
        doc.build(story)
        return doc.page

    saved, pages = save_pdf(path, build)
    return PdfResult(saved, pages, len(rows), fonts.embedded, fonts.warning)
