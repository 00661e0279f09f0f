"""A believable example county, reproducible from a seed: for trying the program, tests and benchmarks."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from . import settings
from .codes import KEY_INDUSTRIES, NON_PUBLIC_CODES
from .demo_records import add_records
from .errors import LedgerError
from .validators import CREDIT_CHARSET, credit_check_char, id_check_char, org_code_check_char

AREAS = [
    ("城关街道", "街道"), ("东城街道", "街道"), ("西城街道", "街道"),
    ("青山镇", "乡镇"), ("柳河镇", "乡镇"), ("石桥镇", "乡镇"), ("白马镇", "乡镇"),
    ("双龙镇", "乡镇"), ("桃园乡", "乡镇"), ("龙泉乡", "乡镇"),
    ("经济开发区", "园区"), ("高新技术产业园区", "园区"),
]
# category code, weight: most units are non-public (私营 above all)
CATEGORY_WEIGHTS = [
    ("170", 52), ("159", 12), ("169", 3), ("110", 2), ("120", 2), ("130", 1), ("151", 1),
    ("161", 1), ("190", 2), ("200", 2), ("300", 2), ("400", 6), ("500", 3), ("600", 8), ("700", 3),
]
BRAND = "鑫华恒宏泰盛金顺联瑞永兴隆昌丰达祥润信诚源创嘉宇明光正安和福海天中新益汇博远"
# (GB/T 4754 section, what the firm does, key-industry tag or "")
TRADES = [
    ("C", "机械制造", "先进装备制造"), ("C", "精密铸造", "先进装备制造"), ("C", "汽车配件", "先进装备制造"),
    ("C", "食品", "现代高效农业及食品加工"), ("C", "纺织", ""), ("C", "化工", "高端化工"),
    ("C", "新材料科技", "新材料"), ("C", "电子科技", "信息通讯技术"), ("C", "包装制品", ""),
    ("C", "木业", ""), ("C", "医疗器械", "医养健康"), ("C", "建材", "建筑建材"),
    ("E", "建筑工程", "建筑建材"), ("E", "建设", "建筑建材"), ("F", "商贸", "现代商贸物流"),
    ("G", "物流", "现代商贸物流"), ("G", "运输", "现代商贸物流"), ("H", "酒店管理", "文化旅游"),
    ("I", "网络科技", "信息通讯技术"), ("I", "软件", "信息通讯技术"), ("K", "置业", ""),
    ("A", "生态农业", "现代高效农业及食品加工"), ("R", "文化传媒", "文化旅游"), ("D", "热电", ""),
    ("B", "矿业", ""), ("L", "商务服务", ""), ("M", "检测技术", ""),
]
PUBLIC_BODIES = {
    "400": [("P", "中心小学"), ("P", "第一中学"), ("Q", "人民医院"), ("Q", "卫生院"),
            ("M", "农业技术推广中心"), ("R", "文化馆")],
    "500": [("S", "人民政府"), ("S", "市场监督管理所"), ("S", "财政所"), ("S", "司法所")],
}
SMALL_SHOPS = [("H", "饭店"), ("O", "汽修部"), ("F", "超市"), ("O", "理发店"), ("F", "建材门市部")]
NONPROFITS = [("Q", "养老服务中心"), ("P", "职业培训学校"), ("O", "社会工作服务中心")]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅海燕国庆春雷晓东宏"
ROADS = ["人民路", "建设路", "解放路", "工业大道", "滨河路", "青年路", "府前街", "沂河路", "创业路", "科技大道"]
COUNTY_CODE = "371329"  # a fictitious county division code for the example
POSTS = ["焊工", "车工", "钳工", "电工", "数控车工", "维修电工", "叉车司机", "化学检验员", "砌筑工", "钢筋工",
         "营业员", "中式烹调师", "汽车维修工", "育婴员", "保育员", "电子装配工", "质检员", "仓库管理员", "客房服务员",
         "农艺工", "计算机程序设计员", "会计", "行政管理", "销售", "技术员"]
SKILL_WEIGHTS = [("", 40), ("初级工", 20), ("中级工", 20), ("高级工", 12), ("技师", 6), ("高级技师", 2)]
POLITICAL_WEIGHTS = [("群众", 70), ("中共党员", 15), ("共青团员", 12), ("民主党派成员", 1), ("无党派人士", 2)]
EDUCATION_WEIGHTS = [("初中及以下", 15), ("高中", 20), ("中专（中技）", 20), ("大学专科", 25), ("大学本科", 18),
                     ("研究生", 2)]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"0539-{rng.randint(2000000, 8999999)}"
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


def _credit_code(rng: random.Random, category: str, seen: set[str]) -> str:
    authority = {"400": "12", "500": "11", "700": "52", "600": "92"}.get(category, "91")
    letters = CREDIT_CHARSET
    while True:
        if rng.random() < 0.7:
            body = "MA" + "".join(rng.choice(letters) for _ in range(6))
        else:
            body = "".join(rng.choice("0123456789") for _ in range(8))
        first17 = authority + COUNTY_CODE + body + org_code_check_char(body)
        code = first17 + credit_check_char(first17)
        if code not in seen:
            seen.add(code)
            return code


def _unit_name(rng: random.Random, category: str, area: str, county: str) -> tuple[str, str, str]:
    """A name, its GB/T 4754 section and a key-industry tag."""
    place = area.removesuffix("街道").removesuffix("镇").removesuffix("乡")
    place = place if len(place) == 2 else county.removesuffix("县")
    brand = rng.choice(BRAND) + rng.choice(BRAND)
    if category in PUBLIC_BODIES:
        section, what = rng.choice(PUBLIC_BODIES[category])
        return f"{county}{place}{what}", section, ""
    if category == "600":
        section, what = rng.choice(SMALL_SHOPS)
        return f"{place}{brand}{what}", section, ""
    if category == "700":
        section, what = rng.choice(NONPROFITS)
        return f"{county}{brand}{what}", section, "医养健康" if what.startswith("养老") else ""
    section, what, tag = rng.choice(TRADES)
    suffix = {"169": "股份有限公司", "161": "股份有限公司", "110": "厂", "120": "厂",
              "130": "股份合作公司", "200": "（香港）有限公司", "300": "（中外合资）有限公司"}.get(
        category, "有限公司")
    prefix = rng.choice((f"山东{brand}", f"{county.removesuffix('县')}{brand}", f"{place}{brand}"))
    return f"{prefix}{what}{suffix}", section, tag


def build_demo(db: Database, units: int = 2000, seed: int = 1, base_year: int | None = None,
               progress: Callable[[int, int], None] | None = None, people: int | None = None) -> int:
    """Fill an empty ledger with a believable county: areas, *units* units, three years of figures, and
    *people* persons (five per unit unless told).

    The same seed (and base year) gives the same data. Refuses a ledger that already has units.
    """
    if units < 0 or units > 1_000_000:
        raise LedgerError("示例单位数应在 0 到 1,000,000 之间")
    if db.execute("SELECT count(*) FROM units").fetchone()[0]:
        raise LedgerError("数据库里已有单位，示例数据只能载入空的台账。请换一个新文件。")
    rng = random.Random(seed)
    base_year = base_year or date.today().year
    years = [base_year - 2, base_year - 1, base_year]
    county = "示例县"
    from .changes import quiet

    with db.atomic(), quiet(db):  # the example county is not the clerk's work: not in the 操作记录
        if not settings.is_configured(db):
            for key, value in {"union_name": "示例县总工会", "county": county, "principal": "张建国",
                               "contact": "李晓燕", "phone": "0539-3210000", "filler": "李晓燕"}.items():
                settings.put(db, key, value)
        area_ids = []
        for name, kind in AREAS:
            row = db.execute("SELECT id FROM areas WHERE name = ?", [name]).fetchone()
            if row is None:
                order = db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM areas").fetchone()[0]
                row = (db.execute("INSERT INTO areas (name, kind, sort_order) VALUES (?, ?, ?)",
                                  [name, kind, order]).lastrowid,)
            area_ids.append((row[0], name, kind))
        codes, cat_weights = zip(*CATEGORY_WEIGHTS, strict=True)
        seen_codes: set[str] = set()
        seen_names: set[str] = set()
        unit_rows, year_rows = [], []
        for n in range(1, units + 1):
            area_id, area_name, kind = rng.choice(area_ids)
            category = rng.choices(codes, cat_weights)[0]
            if kind == "园区" and category in ("500", "600"):
                category = "170"
            for _ in range(20):  # re-roll a name another unit already has
                name, section, tag = _unit_name(rng, category, area_name, county)
                if name not in seen_names:
                    break
            else:
                name = f"{name}（{n}）"
            seen_names.add(name)
            code = _credit_code(rng, category, seen_codes) if rng.random() < 0.96 else None
            contact = _name(rng)
            unit_rows.append((
                n, name, code, area_id, section, tag, category,
                f"{area_name}{rng.choice(ROADS)}{rng.randint(1, 399)}号", contact, _phone(rng),
                None if rng.random() > 0.01 else f"{base_year}-0{rng.randint(1, 9)}-15",
            ))
            employees = max(3, min(9000, int(math.exp(rng.gauss(math.log(45), 1.25)))))
            enterprise = category not in ("400", "500")
            above_p = 1 / (1 + math.exp(-2.2 * (math.log(employees) - math.log(75)))) if enterprise else 0
            above = rng.random() < above_p
            founded_p = 0.97 if not enterprise else (0.9 if employees >= 25 else 0.62)
            founded_year = None
            if rng.random() < founded_p:
                founded_year = rng.randint(1995, base_year) if rng.random() < 0.12 else rng.randint(1995, base_year - 3)
            founded_on = (f"{founded_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                          if founded_year else None)
            female_share = rng.uniform(0.15, 0.7)
            chairman = _name(rng)
            high_risk = section in ("B", "D", "E") or (tag == "高端化工") or (section == "C" and rng.random() < 0.1)
            emp = employees
            for y in years:
                emp = max(1, int(emp * rng.uniform(0.92, 1.1))) if y != years[0] else employees
                founded = founded_year is not None and founded_year <= y
                year_rows.append((
                    n, y, emp, int(emp * female_share),
                    int(emp * rng.uniform(0.82, 1.0)) if founded else None,
                    int(above), int(founded), founded_on if founded else None,
                    ("联合" if emp < 25 and rng.random() < 0.6 else "独立") if founded else None,
                    chairman if founded else "", int(high_risk), area_id, category,
                ))
            if progress and n % 1000 == 0:
                progress(n, units)
        start = db.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()[0]
        db.conn.executemany(
            "INSERT INTO units (id, name, credit_code, area_id, industry_code, industry_tags, category_code,"
            " address, contact, phone, archived_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(start + r[0], *r[1:]) for r in unit_rows],
        )
        db.conn.executemany(
            "INSERT INTO unit_years (unit_id, year, employees, female_employees, members, above_scale,"
            " union_founded, founded_on, union_type, chairman, high_risk, area_id, category_code)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(start + r[0], *r[1:]) for r in year_rows],
        )
        _add_people(db, random.Random(seed + 1), units * 5 if people is None else people, base_year)
        _add_competitions(db, random.Random(seed + 2), base_year)
        add_records(db, random.Random(seed + 3), base_year)
        settings.set_working_year(db, base_year)
    return units


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _add_people(db: Database, rng: random.Random, count: int, base_year: int) -> None:
    """Persons in active units; most with a valid ID number (this county's code, born 1965–2004)."""
    unit_ids = [r[0] for r in db.execute("SELECT id FROM units WHERE archived_at IS NULL ORDER BY id")]
    if not unit_ids or count <= 0:
        return
    seen: set[str] = set()
    rows = []
    for _ in range(count):
        sex = rng.choice("男女")
        born = date(rng.randint(1965, min(2004, base_year - 18)), rng.randint(1, 12), rng.randint(1, 28))
        number = None
        if rng.random() < 0.85:
            for _ in range(10):
                seq = rng.randrange(0, 1000, 1) // 2 * 2 + (1 if sex == "男" else 0)
                body = f"{COUNTY_CODE}{born:%Y%m%d}{seq % 1000:03d}"
                candidate = body + id_check_char(body)
                if candidate not in seen:
                    number = candidate
                    seen.add(candidate)
                    break
        rows.append((_name(rng), sex, number, born.isoformat(), rng.choice(unit_ids), rng.choice(POSTS),
                     _weighted(rng, SKILL_WEIGHTS), _weighted(rng, POLITICAL_WEIGHTS),
                     _weighted(rng, EDUCATION_WEIGHTS), int(rng.random() < 0.03),
                     f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}"))
    db.conn.executemany(
        "INSERT INTO persons (name, sex, id_number, birth_date, unit_id, post, skill_level, political, education,"
        " is_head, phone) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)


assert set(KEY_INDUSTRIES) >= {t for *_, t in TRADES if t}
assert NON_PUBLIC_CODES <= {c for c, _ in CATEGORY_WEIGHTS}


COMPETITIONS = [  # (name, kind, who takes part, trades)
    ("职工技术创新竞赛", "技术创新竞赛", "above_scale", []),
    ("职工职业技能大赛", "技能竞赛", "founded", ["焊工", "电工", "数控车工", "钳工", "中式烹调师", "汽车维修工"]),
    ("“安康杯”竞赛", "“安康杯”竞赛", "high_risk", []),
]
DEMO_PLAN = {
    "content": "围绕全县重点产业和重点项目，组织职工开展{kind}，提高职工技能素质，促进企业提质增效。",
    "requirements": "各参赛单位成立竞赛领导小组，制定实施方案，按季度报送竞赛进展。",
    "method": "技术比武、岗位练兵、合理化建议和“五小”创新活动。",
    "scope": "全县{scope}的职工。",
    "evaluation": "年终按竞赛成绩评选一、二、三等奖和优秀组织奖，各工种第一名推荐为县级技术能手。",
}
SCOPES = {"above_scale": "规模以上企业", "founded": "已建会企业", "high_risk": "高危行业企业"}


def _add_competitions(db: Database, rng: random.Random, base_year: int) -> None:
    """Last year's and this year's competitions: plans, participating units, a skills contest with contestants."""
    from . import participation
    from .competitions import CompetitionInput, save_competition

    if not db.execute("SELECT count(*) FROM units").fetchone()[0]:
        return
    for year in (base_year - 1, base_year):
        status = "已表彰" if year < base_year else "进行中"
        for name, kind, who, trade_names in COMPETITIONS:
            plan = {k: v.format(kind=kind, scope=SCOPES[who]) for k, v in DEMO_PLAN.items()}
            competition_id = save_competition(db, CompetitionInput(
                year=year, name=f"{year}年{name}", kind=kind, level="县", organizer="示例县总工会",
                co_organizers="县人力资源和社会保障局、县科学技术局", leading_body="县劳动和技能竞赛委员会",
                starts_on=f"{year}-03-01", ends_on=f"{year}-11-30", budget=rng.choice([5, 8, 10, 12]),
                status=status, phases={"动员部署": (f"{year}-03-01", f"{year}-03-31"),
                                       "推进实施": (f"{year}-04-01", f"{year}-10-31"),
                                       "总结提高": (f"{year}-11-01", f"{year}-11-30")}, **plan))
            pool = db.execute(
                "SELECT y.unit_id, y.employees FROM year_units y WHERE y.year = ? AND "
                + {"above_scale": "y.above_scale = 1", "founded": "y.union_founded = 1",
                   "high_risk": "y.high_risk = 1"}[who] + " ORDER BY y.unit_id", [year]).fetchall()
            share = 0.55 if year < base_year else 0.4
            chosen = [(u, e) for u, e in pool if rng.random() < share]
            db.conn.executemany(
                "INSERT INTO participations (competition_id, unit_id, participants) VALUES (?, ?, ?)",
                [(competition_id, u, max(1, int((e or 1) * rng.uniform(0.2, 0.8)))) for u, e in chosen])
            in_units = {u for u, _ in chosen}
            for trade_name in trade_names:
                trade = participation.add_trade(db, competition_id, trade_name)
                people = [r[0] for r in db.execute("SELECT id, unit_id FROM persons WHERE post = ?", [trade_name])
                          if r[1] in in_units]
                rng.shuffle(people)
                people = people[:8]
                scores = sorted((round(rng.uniform(60, 99), 1) for _ in people), reverse=True)
                db.conn.executemany(
                    "INSERT INTO contestants (trade_id, person_id, unit_id, rank, score) "
                    "SELECT ?, id, unit_id, ?, ? FROM persons WHERE id = ?",
                    [(trade, rank, score, pid)
                     for rank, (pid, score) in enumerate(zip(people, scores, strict=True), 1)])
