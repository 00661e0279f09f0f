"""The templates (填报模板) the county sends down to its areas, each declared once: its word on the command
line, its title, the import that reads it back, and its columns — which the county fills and locks (the
unit's name and credit code), which the area fills, and the check Excel applies to each as the clerk types.

A template is recognised when it comes back by its hidden sheet 模板信息 (kind, version, year, area); where
that sheet is gone, by its header, through the same header names the imports know.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..codes import (
    ANNUAL_FIGURES,
    AWARDS,
    CATEGORY_NAMES,
    DECIMAL_FIGURES,
    INDUSTRY_NAMES,
    INNOVATION_AWARDS,
    INNOVATION_KINDS,
    LEVELS,
    PATENT_STATUSES,
    PATENT_TYPES,
    SEXES,
    UNION_TYPES,
)

VERSION = 1
INFO_SHEET = "模板信息"
LISTS_SHEET = "代码表"
FLAGS = ["是", "否"]
CHOICES: dict[str, list[str]] = {
    "flag": FLAGS,
    "category": [f"{code} {name}" for code, name in CATEGORY_NAMES.items()],
    "industry": [f"{code} {name}" for code, name in INDUSTRY_NAMES.items()],
    "union_type": list(UNION_TYPES),
    "award": list(AWARDS),
    "innovation_kind": list(INNOVATION_KINDS),
    "level": list(LEVELS),
    "patent_type": list(PATENT_TYPES),
    "patent_status": list(PATENT_STATUSES),
    "innovation_award": list(INNOVATION_AWARDS),
    "sex": list(SEXES),
    # filled per database: the honor titles of its catalog, the area's units
    "title": [],
    "unit": [],
}


@dataclass(frozen=True)
class Column:
    header: str
    key: str                 # the field of the record (and of the import that reads it back)
    kind: str = "text"       # text | int | decimal | date | choice | rank
    choices: str = ""        # a key of CHOICES for a drop-down list
    fixed: bool = False      # filled by the county and locked (name, credit code of a listed unit)
    width: float = 12
    required: bool = False


@dataclass(frozen=True)
class TemplateKind:
    word: str                # 单位名单: the command line's --kind
    title: str               # 单位名单填报表
    reads_as: str            # units | figures | participants | innovations | honors | return
    columns: tuple[Column, ...] = ()
    listed: bool = True      # its rows are the area's units, filled in by the county
    blank_rows: int = 0      # empty rows below for what the area adds
    notes: tuple[str, ...] = ()


NAME = Column("单位名称", "name", fixed=True, width=34, required=True)
CODE = Column("统一社会信用代码", "credit_code", "text", fixed=True, width=22)

UNIT_LIST = TemplateKind("单位名单", "单位名单填报表", "units", (
    NAME, CODE,
    Column("单位类别", "category", "choice", "category", width=20), Column("行业", "industry", "choice", "industry",
                                                                        width=22),
    Column("地址", "address", width=26), Column("联系人", "contact", width=10), Column("联系电话", "phone", width=14),
    Column("职工人数", "employees", "int"), Column("女职工人数", "female_employees", "int"),
    Column("会员人数", "members", "int"), Column("规模以上", "above_scale", "choice", "flag", width=9),
    Column("已建会", "union_founded", "choice", "flag", width=8), Column("建会日期", "founded_on", "date"),
    Column("基层工会类型", "union_type", "choice", "union_type", width=12), Column("工会主席", "chairman", width=10),
    Column("高危行业", "high_risk", "choice", "flag", width=9),
), blank_rows=30, notes=(
    "名单中的单位已由县总工会填好名称和信用代码（灰色，不能修改）；请核对、补全白色各列。",
    "本年度新成立的单位请填在名单下方的空行中（名称必填，有统一社会信用代码的请一并填写）。",
    "已注销、迁出的单位不要删除行，请在“备注”说明或电话告知；职工人数、会员人数填年末数。",
))

FIGURES = TemplateKind("年度数据", "年度数据填报表", "figures", (
    NAME, CODE,
    *(Column(title if key != "benefit" else "经济效益（万元）", key, "decimal" if key in DECIMAL_FIGURES else "int",
             width=12 if key != "benefit" else 14) for key, title, _ in ANNUAL_FIGURES),
), notes=(
    "每行一家单位，填本单位全年合计数；没有的填 0，不清楚的空着（空着的格子不会改动已有数据）。",
    "合理化建议“实施”件数不能多于“提出”件数；经济效益以万元为单位，可有两位小数。",
))

PARTICIPATION = TemplateKind("参赛", "参赛单位填报表", "participants", (
    NAME, CODE,
    Column("参赛职工人数", "participants", "int", width=14), Column("成绩", "score", "decimal"),
    Column("名次", "rank", "rank", width=8), Column("奖项", "award", "choice", "award", width=12),
), notes=(
    "名单中列出了本区域在册的全部单位：参加了本竞赛的单位请填写参赛职工人数（人次）等各列，没有参加的单位空着即可。",
    "参赛职工人数不能多于该单位职工人数；名次填 1、2、3 …；奖项从下拉列表中选择。",
))

INNOVATIONS = TemplateKind("创新成果", "创新成果填报表", "innovations", (
    Column("成果名称", "title", width=30, required=True),
    Column("类别", "kind", "choice", "innovation_kind", width=12, required=True),
    Column("单位名称", "name", "choice", "unit", width=34, required=True),
    Column("主创人", "lead", width=10), Column("主创人身份证号", "lead_id_number", width=21),
    Column("参与人", "members", width=18), Column("是否实施", "implemented", "choice", "flag", width=9),
    Column("经济效益（万元）", "benefit", "decimal", width=14), Column("专利号", "patent_number", width=20),
    Column("专利类型", "patent_type", "choice", "patent_type", width=10),
    Column("专利状态", "patent_status", "choice", "patent_status", width=9),
    Column("获奖级别", "award_level", "choice", "level", width=9),
    Column("获奖等次", "award_grade", "choice", "innovation_award", width=9),
    Column("命名操作法", "method_name", width=16), Column("备注", "note", width=20),
), listed=False, blank_rows=200, notes=(
    "每行一项成果；单位名称从下拉列表中选择（本区域在册单位）。主创人不在职工名单中的，请填写身份证号以便登记。",
    "参与人有多名的用顿号（、）隔开；逐项填报的成果数不能多于该单位“年度数据”中同类成果的合计数。",
))

RECOMMENDATIONS = TemplateKind("推荐名单", "先进集体和个人推荐表", "honors", (
    Column("称号", "title", "choice", "title", width=26, required=True),
    Column("级别", "level", "choice", "level", width=8, required=True),
    Column("推荐对象", "recipient", width=24, required=True),
    Column("单位名称", "name", "choice", "unit", width=34, required=True),
    Column("身份证号", "id_number", width=21), Column("性别", "sex", "choice", "sex", width=6),
    Column("岗位/工种", "post", width=12), Column("主要事迹", "deeds", width=40),
), listed=False, blank_rows=100, notes=(
    "推荐对象：授予单位的称号填单位名称，授予班组的填班组名称，授予工作室的填工作室名称，授予个人的填姓名。",
    "推荐个人的，身份证号必填（18 位，末位可为 X）；单位名称从下拉列表中选择。",
))

TABLE_ONE = TemplateKind("表一", "劳动竞赛开展情况统计表", "return", listed=False, notes=(
    "请填写本区域的合计数；带（%）的比率列由表格自动计算，不用填写。",
    "参赛单位数不能多于单位数，规上企业参赛数不能多于规上企业数，参赛职工人数不能多于职工人数。",
))
TABLE_TWO = TemplateKind("表二", "职工技术创新成果统计表", "return", listed=False, notes=(
    "请填写本区域的合计数；实施率由表格自动计算，不用填写；合理化建议实施件数不能多于提出件数。",
))

KINDS: dict[str, TemplateKind] = {k.word: k for k in (UNIT_LIST, FIGURES, PARTICIPATION, INNOVATIONS, RECOMMENDATIONS,
                                                      TABLE_ONE, TABLE_TWO)}
