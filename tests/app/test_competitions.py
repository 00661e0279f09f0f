"""Competitions: the plan, phases, copying from last year, participants, skills contests and live coverage."""

import pytest

from app import areas, competitions, indicators, participation
from app.codes import NON_PUBLIC_CODES
from app.competitions import CompetitionInput, copy_competition, get_competition, save_competition
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


def test_a_competition_cannot_leave_preparation_until_its_plan_is_complete(bare_county):
    competition_id = save_competition(bare_county, plan(content="", evaluation=""))
    with pytest.raises(ValidationError) as caught:
        save_competition(bare_county, plan(content="", evaluation="", status="进行中"), competition_id)
    message = fields(caught.value.errors)["status"]
    assert "竞赛内容和目标" in message and "竞赛考评和奖励办法" in message and "筹备" in message
    save_competition(bare_county, plan(status="进行中"), competition_id)
    stored = get_competition(bare_county, competition_id)
    assert stored.status == "进行中" and stored.co_organizers == "县科技局、县人社局" and stored.budget == 12.5
    assert stored.phases["推进实施"] == ("2025-04-01", "2025-10-31")


def test_dates_and_phases_are_checked(bare_county):
    assert "早于开始日期" in fields(competitions.validate_competition(plan(ends_on="2025-02-01")))["ends_on"]
    errors = fields(competitions.validate_competition(plan(
        phases={"总结提高": ("2025-12-01", "2025-12-31"), "推进实施": ("2025-05-01", "2025-04-01")})))
    assert "不在竞赛起止时间（2025-03-01 至 2025-11-30）之内" in errors["phase:总结提高"]
    assert "早于开始" in errors["phase:推进实施"]


def test_copy_from_last_year_keeps_the_plan_and_shifts_the_dates(bare_county):
    last = save_competition(bare_county, plan(2024, status="已表彰", starts_on="2024-02-29"))
    trade = participation.add_trade(bare_county, last, "数控车工")
    assert trade
    new = copy_competition(bare_county, last, 2025)
    copied = get_competition(bare_county, new)
    assert copied.name == "2025年职工技术创新竞赛" and copied.status == "筹备" and copied.content == PLAN["content"]
    assert copied.starts_on == "2025-02-28" and copied.ends_on == "2025-11-30"
    assert copied.phases["动员部署"] == ("2025-03-01", "2025-03-31")
    assert [t[1] for t in participation.trades(bare_county, new)] == ["数控车工"]
    assert competitions.previous_year_competitions(bare_county, 2025) == []  # already copied


def coverage(db, year, competition_id=None):
    return {v.code: v for v in indicators.coverage(db, year, competition_id)}


def test_units_in_bulk_archived_refused_and_coverage_follows(bare_county):
    competition_id = save_competition(bare_county, plan())
    before = coverage(bare_county, 2025)
    park = next(a for a in areas.list_areas(bare_county) if a.kind == "园区")
    archived = bare_county.execute("SELECT id FROM units WHERE area_id = ? AND archived_at IS NULL LIMIT 1",
                               [park.id]).fetchone()[0]
    bare_county.execute("UPDATE units SET archived_at = '2025-01-01' WHERE id = ?", [archived])
    ids = participation.bulk_unit_ids(bare_county, competition_id, "area", park.id)
    result = participation.add_units(bare_county, competition_id, ids + [archived])
    expected = bare_county.execute("SELECT count(*) FROM units WHERE area_id = ? AND archived_at IS NULL",
                               [park.id]).fetchone()[0]
    assert result.added == expected and len(result.refused) == 1 and "已归档" in result.refused[0]
    again = participation.add_units(bare_county, competition_id, ids)
    assert again.added == 0 and again.already == expected

    after = coverage(bare_county, 2025)
    assert before["unit_coverage"].numerator == 0 and after["unit_coverage"].numerator == expected
    above_in_park = bare_county.execute(
        "SELECT count(*) FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = 2025 "
        "WHERE u.area_id = ? AND u.archived_at IS NULL AND y.above_scale = 1", [park.id]).fetchone()[0]
    assert after["above_scale_coverage"].numerator == above_in_park
    codes = tuple(NON_PUBLIC_CODES)
    founded_np = bare_county.execute(
        f"SELECT count(*) FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = 2025 WHERE "
        f"u.archived_at IS NULL AND y.union_founded = 1 AND u.category_code IN ({', '.join('?' * len(codes))})",
        codes).fetchone()[0]
    assert after["non_public_coverage"].denominator == founded_np


def test_participants_cannot_exceed_employees_and_the_rate_counts_them(bare_county):
    competition_id = save_competition(bare_county, plan())
    unit_id, employees = bare_county.execute("SELECT u.id, y.employees FROM units u JOIN unit_years y ON "
                                         "y.unit_id = u.id AND y.year = 2025 WHERE u.archived_at IS NULL "
                                         "AND y.employees > 10 LIMIT 1").fetchone()
    participation.add_units(bare_county, competition_id, [unit_id])
    with pytest.raises(ValidationError) as caught:
        participation.set_result(bare_county, competition_id, unit_id, participants=employees + 1)
    assert f"多于该单位 2025 年的职工人数 {employees} 人" in str(caught.value.errors[0])
    participation.set_result(bare_county, competition_id, unit_id, participants=10, rank=1, award="一等奖")
    c = coverage(bare_county, 2025, competition_id)
    assert c["employee_rate"].numerator == 10 and c["participant_times"].value == 10
    assert c["unit_coverage"].numerator == 1


def test_skills_contest_rules(bare_county):
    competition_id = save_competition(bare_county, plan(kind="技能竞赛", name="2025年职工职业技能大赛"))
    in_unit, out_unit = [r[0] for r in bare_county.execute(
        "SELECT id FROM units WHERE archived_at IS NULL ORDER BY id LIMIT 2")]
    participation.add_units(bare_county, competition_id, [in_unit])
    a = save_person(bare_county, PersonInput(name="选手甲", unit_id=in_unit))
    b = save_person(bare_county, PersonInput(name="选手乙", unit_id=in_unit))
    outsider = save_person(bare_county, PersonInput(name="外单位选手", unit_id=out_unit))
    trade = participation.add_trade(bare_county, competition_id, "焊工")
    participation.save_contestant(bare_county, trade, a, score="95.5", rank=1)
    with pytest.raises(ValidationError) as caught:
        participation.save_contestant(bare_county, trade, b, score=90, rank=1)
    assert "第 1 名已是「选手甲」" in str(caught.value.errors[0])
    with pytest.raises(ValidationError) as caught:
        participation.save_contestant(bare_county, trade, outsider, rank=2)
    assert "没有参加这项竞赛" in str(caught.value.errors[0])
    participation.save_contestant(bare_county, trade, b, score=90, rank=2)
    ranked = participation.contestants(bare_county, trade)
    assert [(r["name"], bool(r["recommended"])) for r in ranked] == [("选手甲", True), ("选手乙", False)]
    participation.add_trade(bare_county, competition_id, "电工")
    assert indicators.compute(bare_county, 2025).get("trades").value == 2

    effects = participation.removal_effects(bare_county, competition_id, [in_unit])
    assert effects == ["选手甲（焊工）", "选手乙（焊工）"]
    participation.remove_units(bare_county, competition_id, [in_unit])
    assert participation.contestants(bare_county, trade) == []


def test_the_example_county_has_competitions_units_and_contestants(demo_db):
    rows = competitions.list_competitions(demo_db, 2025)
    assert len(rows) >= 3 and all(r["units"] > 0 for r in rows)
    skills = next(r for r in rows if r["kind"] == "技能竞赛")
    ranked = [participation.contestants(demo_db, t[0]) for t in participation.trades(demo_db, skills["id"])]
    assert any(ranked)
    for people in ranked:  # the winner has the best score, and everyone's unit takes part
        assert [p["rank"] for p in people] == list(range(1, len(people) + 1))
        assert [p["score"] for p in people] == sorted((p["score"] for p in people), reverse=True)
    assert not competitions.validate_competition(get_competition(demo_db, skills["id"]))


def test_command_line_lists_and_prints_a_plan(demo_db, tmp_path):
    import json

    from app.db import db_path
    from tests.app.test_cli import run
    from tests.readers import POPPLER, pdf_text

    db = str(db_path(demo_db))
    listed = json.loads(run("competitions", "list", "--db", db, "--year", "2025", "--format", "json").stdout)
    expected = coverage(demo_db, 2025)
    assert listed["count"] == len(competitions.list_competitions(demo_db, 2025))
    assert listed["coverage"]["above_scale"] == [expected["above_scale_coverage"].numerator,
                                                 expected["above_scale_coverage"].denominator]
    competition_id = listed["competitions"][0]["id"]
    out = tmp_path / "方案.pdf"
    done = run("report", "competition-plan", "--db", db, "--id", str(competition_id), "--out", str(out))
    assert done.returncode == 0, done.stderr
    if POPPLER:
        assert "竞赛考评和奖励办法" in pdf_text(out) and listed["competitions"][0]["name"] in pdf_text(out)
    sheet = tmp_path / "名单.xlsx"
    assert run("export", "participants", "--db", db, "--id", str(competition_id), "--out", str(sheet)).returncode == 0
    from openpyxl import load_workbook

    ws = load_workbook(sheet).active
    numbered = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]  # the 序号 column
    assert numbered == list(range(1, listed["competitions"][0]["units"] + 1))


def test_a_participation_list_is_imported_checked_and_written_at_once(bare_county, tmp_path):
    from app.importing.kinds import KINDS
    from app.importing.plan import ImportOptions
    from tests.app.test_import import make_xlsx, snapshot

    db = bare_county
    competition_id = save_competition(db, plan())
    (a, a_name, a_staff), (b, b_name, b_staff) = db.execute(
        "SELECT u.id, u.name, y.employees FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = 2025 "
        "WHERE u.archived_at IS NULL AND y.employees > 5 ORDER BY u.id LIMIT 2").fetchall()
    path = make_xlsx(tmp_path / "参赛名单.xlsx", [
        [1, a_name, 5, 88.5, 1, "一等奖"],
        [2, b_name, b_staff + 1, None, 2, "二等奖"],
        [3, "台账里没有的公司", 3, None, None, None],
        [4, a_name, 4, None, None, None],
        [5, b_name, 2, None, 3, "特等奖"],
    ], header=["序号", "参赛单位名称", "参赛职工人数", "得分", "名次", "获奖等次"])
    kind = KINDS["participants"]
    sheet, mapping = kind.open(path)
    before = snapshot(db)
    p = kind.plan(db, sheet, mapping, ImportOptions(2025, competition_id=competition_id))
    refused = {r.row: r.message for r in p.refused}
    assert [r.status for r in p.rows][0] == "new" and set(refused) == {5, 6, 7, 8}
    assert f"多于该单位 2025 年的职工人数 {b_staff} 人" in refused[5]
    assert "不在单位台账中" in refused[6] and "与第 4 行是同一家单位" in refused[7] and "特等奖" in refused[8]
    assert snapshot(db) == before
    assert kind.apply(db, p) == 1
    assert participation.participants(db, competition_id)[0]["award"] == "一等奖"
    assert coverage(db, 2025, competition_id)["participant_times"].value == 5
