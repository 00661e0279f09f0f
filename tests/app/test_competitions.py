"""Competitions: the plan, phases, copying from last year, participants, skills contests and live coverage."""

import pytest

from app import areas, competitions, participation
from app.codes import NON_PUBLIC_CODES
from app.competitions import CompetitionInput, copy_competition, get_competition, save_competition
from app.coverage import coverage
from app.errors import ValidationError
from app.persons import PersonInput, save_person

PLAN = dict(content="以技术创新为重点", requirements="按季度考核", method="技术比武、合理化建议",
            scope="全县规上企业职工", evaluation="评选一二三等奖")


def plan(year=2025, **changes):
    values = dict(year=year, name=f"{year}年职工技术创新竞赛", kind="技术创新竞赛", level="县",
                  organizer="示例县总工会", co_organizers="县科技局，县人社局", starts_on=f"{year}-03-01",
                  ends_on=f"{year}-11-30", budget="12.5", **PLAN,
                  phases={"动员部署": (f"{year}-03-01", f"{year}-03-31"),
                          "推进实施": (f"{year}-04-01", f"{year}-10-31"),
                          "总结提高": (f"{year}-11-01", f"{year}-11-30")})
    values.update(changes)
    return CompetitionInput(**values)


def fields(errors):
    return {e.field: e.message for e in errors}


def test_a_competition_cannot_leave_preparation_until_its_plan_is_complete(demo_db):
    competition_id = save_competition(demo_db, plan(content="", evaluation=""))
    with pytest.raises(ValidationError) as caught:
        save_competition(demo_db, plan(content="", evaluation="", status="进行中"), competition_id)
    message = fields(caught.value.errors)["status"]
    assert "竞赛内容和目标" in message and "竞赛考评和奖励办法" in message and "筹备" in message
    save_competition(demo_db, plan(status="进行中"), competition_id)
    stored = get_competition(demo_db, competition_id)
    assert stored.status == "进行中" and stored.co_organizers == "县科技局、县人社局" and stored.budget == 12.5
    assert stored.phases["推进实施"] == ("2025-04-01", "2025-10-31")


def test_dates_and_phases_are_checked(demo_db):
    assert "早于开始日期" in fields(competitions.validate_competition(plan(ends_on="2025-02-01")))["ends_on"]
    errors = fields(competitions.validate_competition(plan(
        phases={"总结提高": ("2025-12-01", "2025-12-31"), "推进实施": ("2025-05-01", "2025-04-01")})))
    assert "不在竞赛起止时间（2025-03-01 至 2025-11-30）之内" in errors["phase:总结提高"]
    assert "早于开始" in errors["phase:推进实施"]


def test_copy_from_last_year_keeps_the_plan_and_shifts_the_dates(demo_db):
    last = save_competition(demo_db, plan(2024, status="已表彰", starts_on="2024-02-29"))
    trade = participation.add_trade(demo_db, last, "数控车工")
    assert trade
    new = copy_competition(demo_db, last, 2025)
    copied = get_competition(demo_db, new)
    assert copied.name == "2025年职工技术创新竞赛" and copied.status == "筹备" and copied.content == PLAN["content"]
    assert copied.starts_on == "2025-02-28" and copied.ends_on == "2025-11-30"
    assert copied.phases["动员部署"] == ("2025-03-01", "2025-03-31")
    assert [t[1] for t in participation.trades(demo_db, new)] == ["数控车工"]
    assert competitions.previous_year_competitions(demo_db, 2025) == []  # already copied


def test_units_in_bulk_archived_refused_and_coverage_follows(demo_db):
    competition_id = save_competition(demo_db, plan())
    before = coverage(demo_db, 2025)
    park = next(a for a in areas.list_areas(demo_db) if a.kind == "园区")
    archived = demo_db.execute("SELECT id FROM units WHERE area_id = ? AND archived_at IS NULL LIMIT 1",
                               [park.id]).fetchone()[0]
    demo_db.execute("UPDATE units SET archived_at = '2025-01-01' WHERE id = ?", [archived])
    ids = participation.bulk_unit_ids(demo_db, competition_id, "area", park.id)
    result = participation.add_units(demo_db, competition_id, ids + [archived])
    expected = demo_db.execute("SELECT count(*) FROM units WHERE area_id = ? AND archived_at IS NULL",
                               [park.id]).fetchone()[0]
    assert result.added == expected and len(result.refused) == 1 and "已归档" in result.refused[0]
    again = participation.add_units(demo_db, competition_id, ids)
    assert again.added == 0 and again.already == expected

    after = coverage(demo_db, 2025)
    assert before.units_in == 0 and after.units_in == expected
    above_in_park = demo_db.execute(
        "SELECT count(*) FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = 2025 "
        "WHERE u.area_id = ? AND u.archived_at IS NULL AND y.above_scale = 1", [park.id]).fetchone()[0]
    assert after.above_scale_in == above_in_park
    codes = tuple(NON_PUBLIC_CODES)
    founded_np = demo_db.execute(
        f"SELECT count(*) FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = 2025 WHERE "
        f"u.archived_at IS NULL AND y.union_founded = 1 AND u.category_code IN ({', '.join('?' * len(codes))})",
        codes).fetchone()[0]
    assert after.founded_non_public == founded_np


def test_participants_cannot_exceed_employees_and_the_rate_counts_them(demo_db):
    competition_id = save_competition(demo_db, plan())
    unit_id, employees = demo_db.execute("SELECT u.id, y.employees FROM units u JOIN unit_years y ON "
                                         "y.unit_id = u.id AND y.year = 2025 WHERE u.archived_at IS NULL "
                                         "AND y.employees > 10 LIMIT 1").fetchone()
    participation.add_units(demo_db, competition_id, [unit_id])
    with pytest.raises(ValidationError) as caught:
        participation.set_result(demo_db, competition_id, unit_id, participants=employees + 1)
    assert f"多于该单位 2025 年的职工人数 {employees} 人" in str(caught.value.errors[0])
    participation.set_result(demo_db, competition_id, unit_id, participants=10, rank=1, award="一等奖")
    c = coverage(demo_db, 2025, competition_id)
    assert c.employees_in == 10 and c.participant_times == 10 and c.units_in == 1


def test_skills_contest_rules(demo_db):
    competition_id = save_competition(demo_db, plan(kind="技能竞赛", name="2025年职工职业技能大赛"))
    in_unit, out_unit = [r[0] for r in demo_db.execute(
        "SELECT id FROM units WHERE archived_at IS NULL ORDER BY id LIMIT 2")]
    participation.add_units(demo_db, competition_id, [in_unit])
    a = save_person(demo_db, PersonInput(name="选手甲", unit_id=in_unit))
    b = save_person(demo_db, PersonInput(name="选手乙", unit_id=in_unit))
    outsider = save_person(demo_db, PersonInput(name="外单位选手", unit_id=out_unit))
    trade = participation.add_trade(demo_db, competition_id, "焊工")
    participation.save_contestant(demo_db, trade, a, score="95.5", rank=1)
    with pytest.raises(ValidationError) as caught:
        participation.save_contestant(demo_db, trade, b, score=90, rank=1)
    assert "第 1 名已是「选手甲」" in str(caught.value.errors[0])
    with pytest.raises(ValidationError) as caught:
        participation.save_contestant(demo_db, trade, outsider, rank=2)
    assert "没有参加这项竞赛" in str(caught.value.errors[0])
    participation.save_contestant(demo_db, trade, b, score=90, rank=2)
    ranked = participation.contestants(demo_db, trade)
    assert [(r["name"], bool(r["recommended"])) for r in ranked] == [("选手甲", True), ("选手乙", False)]
    participation.add_trade(demo_db, competition_id, "电工")
    assert participation.distinct_trades(demo_db, 2025) == 2

    effects = participation.removal_effects(demo_db, competition_id, [in_unit])
    assert effects == ["选手甲（焊工）", "选手乙（焊工）"]
    participation.remove_units(demo_db, competition_id, [in_unit])
    assert participation.contestants(demo_db, trade) == []
