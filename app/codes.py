"""Code lists from the union registration form and GB/T 4754 (DOMAIN.md §2)."""

from __future__ import annotations

# 单位类别: code, name, non-public (非公)
UNIT_CATEGORIES: list[tuple[str, str, bool]] = [
    ("110", "国有企业", False),
    ("120", "集体企业", False),
    ("130", "股份合作企业", False),
    ("140", "联营企业", False),
    ("151", "国有独资公司", False),
    ("159", "其他有限责任公司", False),
    ("161", "国有控股股份有限公司", False),
    ("169", "其他股份有限公司", False),
    ("170", "私营企业", True),
    ("190", "其他内资企业", True),
    ("200", "港澳台商投资企业", True),
    ("300", "外商投资企业", True),
    ("400", "事业单位", False),
    ("500", "机关", False),
    ("600", "个体经济组织", True),
    ("700", "民办非企业单位", True),
]
NON_PUBLIC_CODES = frozenset(code for code, _, non_public in UNIT_CATEGORIES if non_public)
CATEGORY_NAMES = {code: name for code, name, _ in UNIT_CATEGORIES}

# 行业: the twenty sections of GB/T 4754-2017
INDUSTRIES: list[tuple[str, str]] = [
    ("A", "农、林、牧、渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("T", "国际组织"),
]
INDUSTRY_NAMES = dict(INDUSTRIES)

# The county's key industries (2019 circular): free tags beside the GB/T 4754 section
KEY_INDUSTRIES: list[str] = [
    "先进装备制造", "现代高效农业及食品加工", "新材料", "建筑建材", "医养健康",
    "文化旅游", "现代商贸物流", "高端化工", "信息通讯技术", "现代金融",
]

AREA_KINDS: list[str] = ["乡镇", "街道", "园区"]
UNION_TYPES: list[str] = ["独立", "联合"]

# Persons (职工)
SEXES: list[str] = ["男", "女"]
SKILL_LEVELS: list[str] = ["初级工", "中级工", "高级工", "技师", "高级技师"]
POLITICAL: list[str] = ["中共党员", "中共预备党员", "共青团员", "民主党派成员", "无党派人士", "群众"]
EDUCATION: list[str] = ["研究生", "大学本科", "大学专科", "中专（中技）", "高中", "初中及以下"]

# Competitions (竞赛)
COMPETITION_KINDS: list[str] = [
    "劳动竞赛", "技能竞赛", "技术创新竞赛", "重点工程竞赛", "窗口优质服务竞赛", "非公企业竞赛", "节能减排竞赛",
    "班组竞赛", "“安康杯”竞赛", "“查保促”活动", "创新创意竞赛", "其他",
]
LEVELS: list[str] = ["全国", "省", "市", "县", "企业"]
COMPETITION_STATUSES: list[str] = ["筹备", "进行中", "已结束", "已表彰"]
PHASES: list[str] = ["动员部署", "推进实施", "总结提高"]
AWARDS: list[str] = ["一等奖", "二等奖", "三等奖", "优秀奖", "优秀组织奖"]

# Annual figures (年度数据): the totals a unit reports for a year, in the order of the returns.
# key, title, unit of measure; 经济效益 is the one decimal figure.
ANNUAL_FIGURES: list[tuple[str, str, str]] = [
    ("participant_times", "参赛职工人次", "人次"),
    ("suggestions_made", "合理化建议提出", "件"),
    ("suggestions_adopted", "合理化建议实施", "件"),
    ("innovations", "技术革新", "项"),
    ("tackles", "技术攻关", "项"),
    ("inventions", "发明创造", "项"),
    ("patent_applications", "专利申请", "件"),
    ("methods", "先进操作法", "项"),
    ("benefit", "经济效益", "万元"),
    ("skill_contest_times", "技能竞赛参赛人次", "人次"),
    ("drill_times", "岗位练兵人次", "人次"),
    ("safety_training_times", "安全培训人次", "人次"),
    ("emergency_drills", "应急演练次数", "次"),
    ("energy_monitors", "节能减排义务监督员", "人"),
]
FIGURE_KEYS: list[str] = [k for k, _, _ in ANNUAL_FIGURES]
DECIMAL_FIGURES = frozenset({"benefit"})

# Innovation results (创新成果): kind -> the annual figure that counts it ("" when no figure does)
INNOVATION_KINDS: dict[str, str] = {
    "合理化建议": "suggestions_made", "技术革新": "innovations", "技术攻关": "tackles", "发明创造": "inventions",
    "先进操作法": "methods", "“五小”成果": "", "技术协作": "", "专利": "patent_applications",
}
PATENT_TYPES: list[str] = ["发明", "实用新型", "外观设计"]
PATENT_STATUSES: list[str] = ["申请", "授权"]
INNOVATION_AWARDS: list[str] = ["一等奖", "二等奖", "三等奖", "优秀奖"]

# Honors (荣誉): who a title goes to
RECIPIENT_KINDS: dict[str, str] = {"unit": "单位", "team": "班组", "studio": "工作室", "person": "个人"}
HONOR_STATES: list[str] = ["推荐", "公示", "命名"]
# The catalog a new database starts with (DOMAIN.md §2): title, recipient kind, usual level
HONOR_TITLES: list[tuple[str, str, str]] = [
    ("五一劳动奖状", "unit", "省"), ("工人先锋号", "team", "市"), ("创新型班组", "team", "市"),
    ("劳模（高技能人才）创新工作室", "studio", "市"), ("工匠人才创新工作室", "studio", "市"),
    ("技能大师工作室", "studio", "市"), ("技师工作站", "studio", "县"), ("创新竞赛示范企业", "unit", "市"),
    ("群众性安全生产竞赛示范企业", "unit", "市"), ("“安康杯”竞赛优胜单位", "unit", "县"),
    ("“安康杯”竞赛先进集体", "team", "县"), ("职工创新示范基地", "unit", "市"), ("劳动竞赛先进集体", "team", "县"),
    ("劳动模范", "person", "市"), ("五一劳动奖章", "person", "市"), ("创新能手", "person", "市"),
    ("首席员工", "person", "县"), ("首席技师", "person", "县"), ("金牌工人", "person", "县"),
    ("技能带头人", "person", "县"), ("技术能手", "person", "县"), ("工匠", "person", "市"),
    ("劳动竞赛先进个人", "person", "县"), ("“安康杯”竞赛先进个人", "person", "县"),
    ("优秀技术创新成果主创人", "person", "市"),
]
# Titles whose material reward may not go to an enterprise head (seed 000: 创新能手（不含企业负责人）)
NO_REWARD_FOR_HEADS = frozenset({"创新能手", "优秀技术创新成果主创人"})

# Innovation studios (创新工作室)
STUDIO_KINDS: list[str] = ["劳模创新工作室", "工匠人才创新工作室", "技能大师工作室", "技师工作站", "职工创新工作室"]

# Safety campaigns (安康杯 / 查保促)
HAZARD_STATES: list[str] = ["整改中", "已销号"]
SAFETY_EVENT_KINDS: list[str] = ["安全培训", "应急演练"]
