"""The example county's results and records: annual figures, innovation results, studios, honors, and
safety records for last year and this year, consistent with every rule the registers enforce."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlite_utils import Database

from .codes import FIGURE_KEYS, STUDIO_KINDS

INNOVATION_TITLES = {
    "合理化建议": ["关于优化{post}作业流程的建议", "降低{post}工序能耗的建议", "改进仓储周转的建议"],
    "技术革新": ["{post}工装夹具改进", "自动上料装置改造", "生产线节拍优化"],
    "技术攻关": ["关键部件加工精度攻关", "{post}质量缺陷攻关", "设备故障率攻关"],
    "发明创造": ["一种多功能{post}辅助装置", "一种快速定位工具"],
    "先进操作法": ["{post}快速换型操作法", "{post}“三查三看”操作法"],
    "专利": ["一种{post}用防护装置", "一种自动检测装置"],
}
HAZARDS = ["配电箱门锁损坏，线路裸露", "车间消防通道堆放杂物", "叉车倒车报警器失灵", "脚手架扣件松动",
           "化学品仓库通风不良", "应急照明灯不亮", "砂轮机防护罩缺失", "高处作业未系安全带"]
MEASURES = "立即停用并设置警示标志，更换损坏部件，班组长每日复查"


def add_records(db: Database, rng: random.Random, base_year: int, today: date | None = None) -> None:
    """Figures, results, studios, honors and safety records for base_year - 1 and base_year."""
    today = today or date.today()
    units = db.execute(
        "SELECT u.id, u.name, u.area_id, y.employees, y.above_scale, y.union_founded, y.high_risk, a.name"
        " FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = ? LEFT JOIN areas a ON a.id = u.area_id"
        " WHERE u.archived_at IS NULL ORDER BY u.id", [base_year]).fetchall()
    if not units:
        return
    staff: dict[int, list[tuple[int, str, int]]] = {}
    for pid, unit_id, post, is_head in db.execute("SELECT id, unit_id, post, is_head FROM persons ORDER BY id"):
        staff.setdefault(unit_id, []).append((pid, post, is_head))
    studios = _studios(db, rng, units, staff, base_year)
    for year in (base_year - 1, base_year):
        reported = _figures(db, rng, units, year)
        _innovations(db, rng, reported, staff, studios, year)
        _safety(db, rng, units, year, today)
    _honors(db, rng, units, staff, studios, base_year)
    _reconcile(db, base_year)
    for year in (base_year - 1, base_year):
        _targets(db, year, len(units))


# The example county's targets: 2014 乐山市 plan (seed 004) and 2019 临沂市 division of labour (seed 002:
# 80 工种); its counts, made for a city, scaled to a county of 2,000 units.
DEMO_TARGETS = {
    "above_scale_coverage": 90, "unit_coverage": 80, "employee_rate": 80, "non_public_coverage": 70,
    "non_public_employee_rate": 70, "participant_times": 120_000, "suggestions_made": 30_000, "adoption_rate": 50,
    "innovations": 2000, "inventions": 200, "patent_applications": 20, "methods": 100,
    "skills_enterprise_share": 80, "drill_enterprise_share": 80, "studios": 20, "trades": 80, "energy_monitors": 500,
    "areas_without_studio": 0, "overdue_hazards": 0,
}
SCALED = ("participant_times", "suggestions_made", "innovations", "inventions", "patent_applications", "methods",
          "energy_monitors")


def _targets(db: Database, year: int, units: int) -> None:
    """The year's targets, and the two largest counts split over the areas by their employees (seed 001)."""
    from . import targets

    scale = round(units / 2000, 1) or 0.1  # a nominal county of 2,000 units: round targets
    changes = [targets.TargetChange(code, None, max(1, round(value * scale)) if code in SCALED else value)
               for code, value in DEMO_TARGETS.items()]
    targets.write(db, year, changes)
    for code in ("participant_times", "suggestions_made"):
        targets.save_split(db, year, code, targets.propose_split(db, year, code))


# The units whose typed 参赛职工人次 is left below their participation records on purpose: the shortfall the
# 年度数据 page shows and the logic check names (README, 示例数据).
PLANTED_SHORTFALLS = 2


def _reconcile(db: Database, base_year: int) -> None:
    """Typed totals no lower than the records behind them (参赛, 安全培训, 应急演练), but for a few planted ones."""
    for year in (base_year - 1, base_year):
        db.execute(
            "UPDATE annual_figures SET participant_times = max(coalesce(participant_times, 0), coalesce((SELECT"
            " sum(p.participants) FROM participations p JOIN competitions c ON c.id = p.competition_id WHERE"
            " c.year = annual_figures.year AND p.unit_id = annual_figures.unit_id), 0)),"
            " safety_training_times = max(coalesce(safety_training_times, 0), coalesce((SELECT sum(e.participants)"
            " FROM safety_events e WHERE e.year = annual_figures.year AND e.unit_id = annual_figures.unit_id AND"
            " e.kind = '安全培训'), 0)),"
            " emergency_drills = max(coalesce(emergency_drills, 0), (SELECT count(*) FROM safety_events e WHERE"
            " e.year = annual_figures.year AND e.unit_id = annual_figures.unit_id AND e.kind = '应急演练'))"
            " WHERE year = ?", [year])
        recorded = ("(SELECT sum(p.participants) FROM participations p JOIN competitions c ON c.id = p.competition_id"
                    " WHERE c.year = annual_figures.year AND p.unit_id = annual_figures.unit_id)")
        db.execute(
            f"UPDATE annual_figures SET participant_times = {recorded} - 5 WHERE year = ? AND unit_id IN"
            f" (SELECT f.unit_id FROM annual_figures f WHERE f.year = ? AND"
            f" {recorded.replace('annual_figures.', 'f.')} > 5 ORDER BY f.unit_id LIMIT ?)",
            [year, year, PLANTED_SHORTFALLS])


def _figures(db: Database, rng: random.Random, units: list[tuple], year: int) -> dict[int, dict[str, object]]:
    rows, reported = [], {}
    for unit_id, _, _, employees, above, founded, risk, _ in units:
        if not founded or rng.random() < 0.25:  # a quarter of the founded units have not reported yet
            continue
        e = employees or 1
        scale = 3 if above else 1
        made = int(e * rng.uniform(0.05, 0.4))
        f = {
            "participant_times": int(e * rng.uniform(0.2, 0.9)), "suggestions_made": made,
            "suggestions_adopted": int(made * rng.uniform(0.3, 0.8)), "innovations": rng.randint(0, 2 * scale),
            "tackles": rng.randint(0, scale), "inventions": rng.randint(0, 1) if above else 0,
            "patent_applications": rng.randint(0, 2) if above else 0, "methods": rng.randint(0, scale),
            "benefit": round(rng.uniform(0, 20 * scale), 1), "skill_contest_times": int(e * rng.uniform(0, 0.3)),
            "drill_times": int(e * rng.uniform(0.1, 0.6)), "safety_training_times": int(e * rng.uniform(0.5, 1.0)),
            "emergency_drills": rng.randint(1, 4) if risk else rng.randint(0, 1),
            "energy_monitors": rng.randint(0, 3) if above else 0,
        }
        reported[unit_id] = f
        rows.append((unit_id, year, *(f[k] for k in FIGURE_KEYS)))
    db.conn.executemany(f"INSERT INTO annual_figures (unit_id, year, {', '.join(FIGURE_KEYS)}) VALUES "
                        f"({', '.join('?' for _ in range(len(FIGURE_KEYS) + 2))})", rows)
    return reported


def _innovations(db: Database, rng: random.Random, reported: dict[int, dict[str, object]],
                 staff: dict[int, list[tuple[int, str, int]]], studios: dict[int, int], year: int) -> None:
    from .codes import INNOVATION_KINDS

    for unit_id, f in reported.items():
        people = staff.get(unit_id)
        if not people or rng.random() > 0.2:
            continue
        for kind, titles in INNOVATION_TITLES.items():
            allowed = f[INNOVATION_KINDS[kind]] or 0
            for n in range(min(allowed, rng.randint(0, 2))):
                lead, post, _ = rng.choice(people)
                implemented = kind != "合理化建议" or n < (f["suggestions_adopted"] or 0)
                patent = kind == "专利"
                number = f"ZL{year}2{rng.randint(10000000, 99999999)}.{rng.randint(0, 9)}" if patent else ""
                method = f"{db.execute('SELECT name FROM persons WHERE id = ?', [lead]).fetchone()[0]}工作法" \
                    if kind == "先进操作法" and rng.random() < 0.5 else ""
                award = rng.random() < 0.15
                innovation_id = db.execute(
                    "INSERT INTO innovations (year, kind, title, unit_id, lead_id, implemented, benefit, patent_number,"
                    " patent_type, patent_status, award_level, award_grade, method_name, studio_id) VALUES"
                    " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [year, kind, rng.choice(titles).format(post=post or "岗位"), unit_id, lead, int(implemented),
                     round(rng.uniform(0.5, 30), 1) if implemented else None, number,
                     rng.choice(["发明", "实用新型", "实用新型"]) if patent else "",
                     rng.choice(["申请", "授权"]) if patent else "", "县" if award else "",
                     rng.choice(["一等奖", "二等奖", "三等奖"]) if award else "", method,
                     studios.get(unit_id) if rng.random() < 0.5 else None]).lastrowid
                others = [p for p, _, _ in people if p != lead]
                db.conn.executemany("INSERT INTO innovation_members (innovation_id, person_id) VALUES (?, ?)",
                                    [(innovation_id, p) for p in rng.sample(others, min(len(others),
                                                                                         rng.randint(0, 2)))])


def _studios(db: Database, rng: random.Random, units: list[tuple], staff: dict[int, list[tuple[int, str, int]]],
             base_year: int) -> dict[int, int]:
    """About one studio for 40 units, among the larger ones; one area keeps none (the check shows it)."""
    out = {}
    areas = sorted({u[7] for u in units if u[7]})
    bare = areas[-1] if len(areas) > 1 else None
    for unit_id, _name, _, employees, above, _, _, area in units:
        if area == bare or not above or not staff.get(unit_id) or rng.random() > 0.12:
            continue
        leader, post, _ = rng.choice(staff[unit_id])
        kind = rng.choice(STUDIO_KINDS)
        founded = date(rng.randint(base_year - 8, base_year), rng.randint(1, 12), rng.randint(1, 28))
        person = db.execute("SELECT name FROM persons WHERE id = ?", [leader]).fetchone()[0]
        label = kind.replace("劳模", f"{person}劳模").replace("职工", f"{post or ''}职工") if rng.random() < 0.6 \
            else f"{post or '技术'}{kind}"
        out[unit_id] = db.execute(
            "INSERT INTO studios (name, kind, unit_id, leader_id, members, founded_on) VALUES (?, ?, ?, ?, ?, ?)",
            [label, kind, unit_id, leader, rng.randint(5, min(40, max(5, employees or 5))), founded.isoformat()]
        ).lastrowid
    return out


def _honors(db: Database, rng: random.Random, units: list[tuple], staff: dict[int, list[tuple[int, str, int]]],
            studios: dict[int, int], base_year: int) -> None:
    titles = db.execute("SELECT id, name, recipient, level FROM honor_titles ORDER BY sort_order").fetchall()
    rows, seen = [], set()
    for year in (base_year - 1, base_year):
        named = year < base_year
        doc = 0
        for title_id, _title, kind, level in titles:
            count = {"person": max(2, len(units) // 60), "team": max(1, len(units) // 120),
                     "unit": max(1, len(units) // 200), "studio": max(1, len(studios) // 4)}[kind]
            doc += 1
            for _ in range(count):
                unit_id = rng.choice(units)[0]
                team, studio_id, person_id, head = "", None, None, 0
                if kind == "person":
                    if not staff.get(unit_id):
                        continue
                    person_id, _, head = rng.choice(staff[unit_id])
                elif kind == "team":
                    team = rng.choice(["装配车间", "质检", "维修", "生产一", "技术研发", "客户服务"]) + "班组"
                elif kind == "studio":
                    if not studios:
                        continue
                    unit_id = rng.choice(sorted(studios))
                    studio_id = studios[unit_id]
                key = (title_id, level, year, unit_id, team, studio_id, person_id)
                if key in seen:
                    continue
                seen.add(key)
                state = "命名" if named else rng.choice(["推荐", "推荐", "公示"])
                reward = rng.choice([None, 2000, 3000, 5000]) if kind == "person" and not head else None
                rows.append((title_id, level, year, kind, unit_id, team, studio_id, person_id, "示例县总工会",
                             f"示会发〔{year}〕{doc}号" if named else "", f"{year}-04-28" if named else None,
                             reward, f"在{year}年度劳动竞赛和技术创新中成绩突出。", state))
    db.conn.executemany(
        "INSERT INTO honors (title_id, level, year, recipient, unit_id, team_name, studio_id, person_id,"
        " conferred_by, doc_number, conferred_on, reward, deeds, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    first = db.execute("SELECT min(id) FROM honors WHERE year = ? AND state = '命名'", [base_year - 1]).fetchone()[0]
    if first is not None:  # one revoked honor, kept on record
        db.execute("UPDATE honors SET revoked_on = ?, revoke_reason = ? WHERE id = ?",
                   [f"{base_year}-03-01", "经复核，主要事迹材料与实际不符", first])


def _safety(db: Database, rng: random.Random, units: list[tuple], year: int, today: date) -> None:
    events, hazards = [], []
    last = min(today, date(year, 12, 31))
    for unit_id, _, _, employees, _, founded, risk, _ in units:
        if founded and rng.random() < 0.85:
            events.append((unit_id, year, "安全培训", _day(rng, year, last), "安全生产知识培训",
                           max(1, int((employees or 1) * rng.uniform(0.5, 1)))))
        if risk and rng.random() < 0.75:
            events.append((unit_id, year, "应急演练", _day(rng, year, last), "消防和危化品泄漏应急演练",
                           max(1, int((employees or 1) * rng.uniform(0.3, 0.8)))))
        if risk and rng.random() < 0.3:
            found = date.fromisoformat(_day(rng, year, last))
            deadline = found + timedelta(days=rng.choice([7, 15, 30]))
            closed = found + timedelta(days=rng.randint(1, 25))
            recent = (today - found).days < 60   # older hazards were all closed: a few recent ones are overdue
            done = closed <= today and (rng.random() < 0.8 or not recent)
            hazards.append((unit_id, found.isoformat(), rng.choice(HAZARDS), "", MEASURES if done else "",
                            deadline.isoformat(), "", "", "已销号" if done else "整改中",
                            closed.isoformat() if done else None))
    db.conn.executemany("INSERT INTO safety_events (unit_id, year, kind, held_on, title, participants)"
                        " VALUES (?, ?, ?, ?, ?, ?)", events)
    names = {}
    for unit_id, *_ in hazards:
        names.setdefault(unit_id, db.execute("SELECT name FROM persons WHERE unit_id = ? LIMIT 1",
                                             [unit_id]).fetchone())
    db.conn.executemany(
        "INSERT INTO hazards (unit_id, found_on, description, reporter, measures, deadline, fixer, responsible,"
        " state, closed_on) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(u, f, d, (names[u] or ("",))[0], m, dl, "本单位安全生产管理部门", (names[u] or ("",))[0], s, c)
         for u, f, d, _, m, dl, _, _, s, c in hazards])


def _day(rng: random.Random, year: int, last: date) -> str:
    start = date(year, 1, 5)
    span = max(0, (last - start).days)
    return (start + timedelta(days=rng.randint(0, span))).isoformat()
