"""A hand-built county of three areas and twelve units over 2025 and 2026, made through the app's own
functions, whose every figure the tests write down by hand (never from the code under test).

                 2025                                   2026
青山镇   甲 170 100人 规上 建会 | 乙 110 50 建会 | 丙 170 20 | 丁 400 30 建会          (same)
城关街道 戊 300 200 规上 建会 高危 | 己 170 40 建会 | 庚 500 60 建会 | 辛 170 10
         (2026: 己 archived 2026-03-01; 辛 moved to 高新园区)
高新园区 壬 170 80 规上 建会 | 癸 190 25 建会 | 子 170 15
         (2026: 子's headcount blank; 丑 170 35 建会 new)

2025 劳动竞赛: 甲 60, 戊 150, 己 30, 壬 50; 2025 技能竞赛 (工种 焊工, 电工): 甲 20, 癸 10.
2026 劳动竞赛: 甲 70, 戊 120, 辛 5, 子 12, 丑 20.
2025 annual figures: 甲 参赛职工人次 90, 合理化建议 10 提出 / 4 实施; 戊 参赛职工人次 100 (records 150), 6 / 3.
2025 honors: 工人先锋号 to 戊's 装配班组 (命名), 五一劳动奖状 to 甲 (命名, then revoked).
Studio: 壬's, founded 2024. Safety: 戊 (高危) logged a drill in 2025.
"""

from __future__ import annotations

from datetime import date

from app import areas, figures, honors, participation, safety, studios, units
from app.competitions import CompetitionInput, save_competition
from app.figures import Change
from app.honors import HonorInput
from app.safety import EventInput
from app.studios import StudioInput
from app.units import UnitInput, YearFigures

PLAN = dict(content="以技术创新为重点", requirements="按季度考核", method="技术比武", scope="全县职工",
            evaluation="评选一二三等奖", level="县", organizer="示例县总工会", status="进行中")

# name: (area, category, {year: (employees, above, founded, high_risk)})
UNITS = {
    "甲": ("青山镇", "170", {2025: (100, 1, 1, 0), 2026: (110, 1, 1, 0)}),
    "乙": ("青山镇", "110", {2025: (50, 0, 1, 0), 2026: (50, 0, 1, 0)}),
    "丙": ("青山镇", "170", {2025: (20, 0, 0, 0), 2026: (20, 0, 0, 0)}),
    "丁": ("青山镇", "400", {2025: (30, 0, 1, 0), 2026: (30, 0, 1, 0)}),
    "戊": ("城关街道", "300", {2025: (200, 1, 1, 1), 2026: (200, 1, 1, 1)}),
    "己": ("城关街道", "170", {2025: (40, 0, 1, 0)}),
    "庚": ("城关街道", "500", {2025: (60, 0, 1, 0), 2026: (60, 0, 1, 0)}),
    "辛": ("城关街道", "170", {2025: (10, 0, 0, 0), 2026: (10, 0, 0, 0)}),
    "壬": ("高新园区", "170", {2025: (80, 1, 1, 0), 2026: (80, 1, 1, 0)}),
    "癸": ("高新园区", "190", {2025: (25, 0, 1, 0), 2026: (25, 0, 1, 0)}),
    "子": ("高新园区", "170", {2025: (15, 0, 0, 0), 2026: (None, 0, 0, 0)}),
    "丑": ("高新园区", "170", {2026: (35, 0, 1, 0)}),
}


def build(db) -> dict[str, int]:
    """The county above; returns unit ids by name (and area ids under their names)."""
    ids: dict[str, int] = {}
    for name, kind in (("青山镇", "乡镇"), ("城关街道", "街道"), ("高新园区", "园区")):
        ids[name] = areas.add_area(db, name, kind)
    for name, (area, category, years) in UNITS.items():
        facts = {y: YearFigures(employees=e, above_scale=bool(a), union_founded=bool(f), high_risk=bool(h),
                                founded_on="2010-01-01" if f else None) for y, (e, a, f, h) in years.items()}
        ids[name] = units.save(db, UnitInput(name=f"{name}公司", area_id=ids[area], category_code=category), facts)
    # 辛 moves to the park in 2026 (its 2025 record keeps 城关街道)
    xin = units.get(db, ids["辛"])
    units.save(db, UnitInput(**{**vars(xin.data), "area_id": ids["高新园区"]}),
               {2026: YearFigures(**{**vars(xin.years[2026]), "area_id": ids["高新园区"]})}, ids["辛"])

    def competition(year: int, kind: str, shares: dict[str, int]) -> int:
        cid = save_competition(db, CompetitionInput(year=year, name=f"{year}年{kind}", kind=kind, **PLAN,
                                                    starts_on=f"{year}-03-01", ends_on=f"{year}-11-30"))
        participation.add_units(db, cid, [ids[n] for n in shares])
        for n, people in shares.items():
            participation.set_result(db, cid, ids[n], participants=people)
        return cid

    competition(2025, "劳动竞赛", {"甲": 60, "戊": 150, "己": 30, "壬": 50})
    skills = competition(2025, "技能竞赛", {"甲": 20, "癸": 10})
    for trade in ("焊工", "电工"):
        participation.add_trade(db, skills, trade)
    competition(2026, "劳动竞赛", {"甲": 70, "戊": 120, "辛": 5, "子": 12, "丑": 20})
    figures.apply(db, 2025, [Change(ids["甲"], "participant_times", 90), Change(ids["甲"], "suggestions_made", 10),
                             Change(ids["甲"], "suggestions_adopted", 4), Change(ids["戊"], "participant_times", 100),
                             Change(ids["戊"], "suggestions_made", 6), Change(ids["戊"], "suggestions_adopted", 3)])
    title = {t.name: t.id for t in honors.titles(db)}
    honors.save(db, HonorInput(title_id=title["工人先锋号"], unit_id=ids["戊"], team_name="装配班组", level="市",
                               year=2025, state="命名", doc_number="示会发〔2025〕3号", conferred_on="2025-04-28"))
    revoked = honors.save(db, HonorInput(title_id=title["五一劳动奖状"], unit_id=ids["甲"], level="省", year=2025,
                                         state="命名", doc_number="示会发〔2025〕4号", conferred_on="2025-04-28"))
    honors.revoke(db, revoked, "事迹失实", "2025-09-01")
    studios.save(db, StudioInput(name="壬公司职工创新工作室", kind="职工创新工作室", unit_id=ids["壬"],
                                 founded_on="2024-05-01"))
    safety.save_event(db, EventInput(unit_id=ids["戊"], year=2025, kind="应急演练", held_on="2025-06-01"))
    units.archive(db, [ids["己"]], on=date(2026, 3, 1))
    return ids


def build_named(db) -> dict[str, int]:
    """The county above with its union's name and 填表人 set, as the returns and templates print them."""
    from app import settings

    ids = build(db)
    settings.save_union_info(db, settings.UnionInfo(union_name="示例县总工会", county="示例县", filler="李四"))
    return ids
