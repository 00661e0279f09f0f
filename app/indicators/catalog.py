"""Every indicator of a year (DOMAIN.md §3), declared once as data: what it is called, what it counts, and
which records make its gap. `compute` interprets these declarations; nothing else computes a figure.

Each indicator is a ratio of two sums (a rate, in %) or one sum, over the facts of the year's units (see
`compute.UNIT_FACTS`), or a figure the county has as a whole (studios, trades, honors, hazards). A rate of
several areas is the ratio of their summed parts, never a sum or an average of rates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..codes import ANNUAL_FIGURES


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    unit: str                       # 家 人 人次 件 项 次 万元 个 %
    numerator: str                  # a sum of `compute.SUMS`, or a county figure of `compute.COUNTY_FIGURES`
    denominator: str | None = None  # a rate when given
    direction: str = "≥"            # a target is met at or above (≥), or at or below (≤)
    group: str = ""
    per_area: bool = True           # computed for each area too
    gap: str | None = None          # SQL over a unit's facts: the units that make the gap (records behind it)
    note: str = ""                  # how it is computed, in words (README, tooltips)
    gap_title: str = ""             # what the units of the gap are, for the list behind a figure
    counted: str | None = None      # SQL over a unit's facts: the units its numerator counts (or sums)
    base: str | None = None         # … and the units its denominator counts

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None


COVERAGE, PARK, FIGURES, HONORS_STUDIOS, SAFETY = "竞赛覆盖", "园区与非公企业", "年度数据", "荣誉与工作室", "安全生产"

_FIGURE_TITLES = {key: (title, measure) for key, title, measure in ANNUAL_FIGURES}


def _figure(key: str, **kw: object) -> Indicator:
    title, measure = _FIGURE_TITLES[key]
    return Indicator(key, title, measure, f"sum_{key}", group=FIGURES, **kw)


INDICATORS: list[Indicator] = [
    Indicator("units", "单位数", "家", "units", group=COVERAGE, note="当年度台账中的单位"),
    Indicator("units_in", "参赛单位数", "家", "units_in", group=COVERAGE, gap="NOT taking_part"),
    Indicator("unit_coverage", "企事业单位覆盖面", "%", "units_in", "units", group=COVERAGE, gap="NOT taking_part",
              note="参加当年至少一项竞赛的单位 ÷ 当年度单位数"),
    Indicator("above_scale_units", "规上企业数", "家", "above", group=COVERAGE),
    Indicator("above_scale_coverage", "规上企业参赛覆盖面", "%", "above_in", "above", group=COVERAGE,
              gap="above AND NOT taking_part", note="参赛的规模以上企业 ÷ 规模以上企业"),
    Indicator("founded_units", "已建会单位数", "家", "founded", group=COVERAGE),
    Indicator("non_public_units", "已建会非公企业数", "家", "fnp", group=COVERAGE),
    Indicator("non_public_coverage", "已建会非公企业覆盖面", "%", "fnp_in", "fnp", group=COVERAGE,
              gap="fnp AND NOT taking_part", note="参赛的已建会非公企业 ÷ 已建会非公企业"),
    Indicator("employees", "职工人数", "人", "employees_base", group=COVERAGE,
              note="当年度各单位职工人数；参赛单位未填职工人数的，按其参赛职工人数计"),
    Indicator("employees_in", "参赛职工人数", "人", "employees_in", group=COVERAGE,
              note="每家单位取其参加人数最多的一项竞赛的参赛职工人数"),
    Indicator("employee_rate", "职工参与率", "%", "employees_in", "employees_base", group=COVERAGE,
              gap="NOT taking_part", note="参赛职工人数 ÷ 职工人数"),
    Indicator("participant_times", "参赛职工人次", "人次", "participant_times", group=COVERAGE,
              gap="typed_participant_times < times",
              note="每家单位取填报的参赛职工人次，但不少于其参赛记录之和"),
    Indicator("non_public_employee_rate", "已建会非公企业职工参与率", "%", "fnp_employees_in", "fnp_employees",
              group=PARK, gap="fnp AND NOT taking_part", note="2014 年乐山市计划、2017 年上海市“三区”计划：70%"),
    Indicator("skills_enterprise_share", "开展技能竞赛的企业占比", "%", "skills_enterprises", "enterprises",
              group=PARK, gap="enterprise AND NOT holds_skills",
              note="参加技能竞赛或填报技能竞赛参赛人次的企业 ÷ 企业（不含机关、事业单位）"),
    Indicator("drill_enterprise_share", "开展岗位练兵的企业占比", "%", "drill_enterprises", "enterprises",
              group=PARK, gap="enterprise AND NOT coalesce(typed_drill_times, 0) > 0",
              note="填报岗位练兵人次的企业 ÷ 企业（不含机关、事业单位）"),
    Indicator("reported_units", "已填报年度数据的单位", "家", "reported", group=FIGURES, gap="NOT reported"),
    *(_figure(k) for k in ("suggestions_made", "suggestions_adopted")),
    Indicator("adoption_rate", "合理化建议实施率", "%", "sum_suggestions_adopted", "sum_suggestions_made",
              group=FIGURES, note="实施件数 ÷ 提出件数"),
    *(_figure(k) for k in ("innovations", "tackles", "inventions", "patent_applications", "methods", "benefit",
                           "skill_contest_times", "drill_times")),
    Indicator("patents_registered", "逐项登记的专利", "件", "patents", group=FIGURES,
              note="创新成果中当年登记的专利（专利申请数是单位填报的合计）"),
    Indicator("patents_invention", "其中发明专利", "件", "patents_invention", group=FIGURES),
    Indicator("patents_granted", "其中已授权", "件", "patents_granted", group=FIGURES),
    Indicator("safety_training_times", "安全培训人次", "人次", "training_times", group=SAFETY,
              note="每家单位取填报的安全培训人次，但不少于登记的培训人次之和"),
    Indicator("emergency_drills", "应急演练次数", "次", "drill_count", group=SAFETY,
              note="每家单位取填报的应急演练次数，但不少于登记的演练次数"),
    _figure("energy_monitors"),
    Indicator("studios", "创新工作室", "个", "studios", group=HONORS_STUDIOS,
              note="当年度单位的、当年底前成立的工作室"),
    Indicator("areas_without_studio", "没有创新工作室的区域", "个", "areas_without_studio", direction="≤",
              group=HONORS_STUDIOS, per_area=False),
    Indicator("trades", "技能竞赛工种数", "个", "trades", group=HONORS_STUDIOS, per_area=False,
              note="当年各项竞赛的不同工种（2019 年分工方案：每年不少于 80 个）"),
    Indicator("honors_named", "命名的荣誉", "项", "honors", group=HONORS_STUDIOS, note="当年命名、未撤销的荣誉"),
    Indicator("honors_collective", "先进集体", "个", "honors_collective", group=HONORS_STUDIOS),
    Indicator("honors_individual", "先进个人", "名", "honors_individual", group=HONORS_STUDIOS),
    Indicator("training_share", "已建会单位开展安全培训的占比", "%", "trained", "founded", group=SAFETY,
              gap="founded AND NOT trained", note="登记了安全培训或填报了安全培训人次的已建会单位 ÷ 已建会单位"),
    Indicator("drill_share", "高危行业单位开展应急演练的占比", "%", "drilled", "high_risk", group=SAFETY,
              gap="high_risk AND NOT drilled", note="登记了应急演练或填报了演练次数的高危行业单位 ÷ 高危行业单位"),
    Indicator("overdue_hazards", "逾期未整改的隐患", "项", "overdue", direction="≤", group=SAFETY,
              note="年底（当年为今天）仍未销号且已过整改时限的隐患"),
]
# What the units of each gap are, for the list behind a figure (工作概况's click).
GAP_TITLES = {
    "units_in": "没有参加竞赛的单位",
    "unit_coverage": "没有参加竞赛的单位",
    "above_scale_coverage": "没有参赛的规上企业",
    "non_public_coverage": "没有参赛的已建会非公企业",
    "employee_rate": "没有参加竞赛的单位",
    "participant_times": "填报的参赛职工人次少于参赛记录的单位",
    "non_public_employee_rate": "没有参赛的已建会非公企业",
    "skills_enterprise_share": "没有开展技能竞赛的企业",
    "drill_enterprise_share": "没有填报岗位练兵的企业",
    "reported_units": "还没有填报年度数据的单位",
    "training_share": "没有开展安全培训的已建会单位",
    "drill_share": "没有开展应急演练的高危行业单位",
}
# The units behind a figure (a return's cell double-clicked): those its numerator counts, those its denominator
# counts; a figure summed from the units' typed totals counts the units that typed one.
RECORDS: dict[str, tuple[str, str | None]] = {
    "units": ("1", None), "units_in": ("taking_part", None), "unit_coverage": ("taking_part", "1"),
    "above_scale_units": ("above", None), "above_scale_coverage": ("above AND taking_part", "above"),
    "founded_units": ("founded", None), "non_public_units": ("fnp", None),
    "non_public_coverage": ("fnp AND taking_part", "fnp"), "employees": ("1", None),
    "employees_in": ("taking_part", None), "employee_rate": ("taking_part", "1"),
    "participant_times": ("taking_part OR coalesce(typed_participant_times, 0) > 0", None),
    "non_public_employee_rate": ("fnp AND taking_part", "fnp"),
    "skills_enterprise_share": ("enterprise AND holds_skills", "enterprise"),
    "drill_enterprise_share": ("enterprise AND coalesce(typed_drill_times, 0) > 0", "enterprise"),
    "reported_units": ("reported", None),
    "adoption_rate": ("coalesce(typed_suggestions_adopted, 0) > 0", "coalesce(typed_suggestions_made, 0) > 0"),
    **{k: (f"coalesce(typed_{k}, 0) > 0", None) for k in _FIGURE_TITLES},
    "safety_training_times": ("trained", None), "emergency_drills": ("drilled", None),
    "training_share": ("founded AND trained", "founded"), "drill_share": ("high_risk AND drilled", "high_risk"),
}
INDICATORS = [replace(i, gap_title=GAP_TITLES.get(i.code, ""), counted=RECORDS.get(i.code, (None, None))[0],
                      base=RECORDS.get(i.code, (None, None))[1]) for i in INDICATORS]
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
