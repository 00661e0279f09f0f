"""Targets: typed values checked, the split by employees (largest remainder) worked by hand and property-tested,
progress with the direction respected, copying a year; the example county's targets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import indicators, targets
from app.errors import LedgerError, ValidationError
from app.targets import SplitPart, TargetChange, largest_remainder
from tests.app import county


@pytest.fixture
def hand(db):
    return db, county.build(db)


@given(total=st.integers(0, 10**7), weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=40))
def test_the_largest_remainder_adds_up_and_stays_within_one_of_each_share(total, weights):
    parts = largest_remainder(total, weights)
    assert sum(parts) == total and all(p >= 0 for p in parts) and len(parts) == len(weights)
    whole = sum(weights) or len(weights)
    shares = [total * (w if sum(weights) else 1) / whole for w in weights]
    assert all(abs(p - s) < 1 for p, s in zip(parts, shares, strict=True))


def test_a_split_worked_by_hand_and_rebalanced(hand):
    db, ids = hand
    targets.set_target(db, 2025, "participant_times", "100")
    parts = targets.propose_split(db, 2025, "participant_times")
    # employees 2025: 青山镇 200, 城关街道 310, 高新园区 120 (630): exact 31.75, 49.21, 19.05 → 31, 49, 19 = 99,
    # and the one left goes to the largest remainder, 青山镇's .75
    assert [(p.name, p.employees, p.value) for p in parts] == [("青山镇", 200, 32), ("城关街道", 310, 49),
                                                               ("高新园区", 120, 19)]
    moved = targets.rebalance(parts, ids["城关街道"], 60, 100)  # the other 40 by 200 : 120 → 25, 15
    assert [p.value for p in moved] == [25, 60, 15]
    with pytest.raises(LedgerError):
        targets.rebalance(parts, ids["城关街道"], 101, 100)
    targets.save_split(db, 2025, "participant_times", moved)
    stored = targets.targets_of(db, 2025)
    assert stored[("participant_times", ids["高新园区"])].value == 15
    with pytest.raises(LedgerError) as caught:
        targets.save_split(db, 2025, "participant_times", [SplitPart(ids["青山镇"], "青山镇", 200, 99)])
    assert "不等于全县目标 100" in str(caught.value)
    with pytest.raises(LedgerError) as caught:
        targets.propose_split(db, 2025, "unit_coverage")
    assert "是比率，不按职工人数分解" in str(caught.value)


def test_progress_respects_the_direction_and_rates_reach_every_area(hand):
    db, ids = hand
    targets.set_target(db, 2025, "unit_coverage", "50%")        # actual 5 / 11 = 45.5 %: missed
    targets.set_target(db, 2025, "participant_times", 300)      # actual 330: met
    targets.set_target(db, 2025, "overdue_hazards", 0)          # ≤ 0, actual 0: met
    targets.set_target(db, 2025, "areas_without_studio", 1)     # ≤ 1, actual 2: missed
    p = targets.progress(db, 2025)
    assert p[("unit_coverage", None)].met is False and round(p[("unit_coverage", None)].ratio, 3) == 0.909
    assert p[("participant_times", None)].met is True
    assert p[("overdue_hazards", None)].met is True and p[("overdue_hazards", None)].direction == "≤"
    assert p[("areas_without_studio", None)].met is False and p[("areas_without_studio", None)].ratio == 0.5
    # the county's rate target holds for each area without its own: 青山镇 1/4 missed, 高新园区 2/3 met
    assert p[("unit_coverage", ids["青山镇"])].met is False and p[("unit_coverage", ids["高新园区"])].met is True


def test_typed_targets_are_checked_like_cells(hand):
    db, ids = hand
    ok, refused = targets.check(db, 2025, [TargetChange("unit_coverage", None, "120"),
                                           TargetChange("trades", ids["青山镇"], "5"),
                                           TargetChange("innovations", None, "2.5"),
                                           TargetChange("benefit", None, "12.5"),
                                           TargetChange("studios", None, "二十")])
    reasons = [r for _, r in refused]
    assert reasons == ["企事业单位覆盖面是百分比，不能超过 100", "技能竞赛工种数只有全县的目标",
                       "技术革新以项计，应为整数", "「二十」不是数字"]
    assert [c.value for c in ok] == [12.5]
    with pytest.raises(ValidationError):
        targets.set_target(db, 2025, "studios", "-1")
    with pytest.raises(LedgerError):
        targets.set_target(db, 2025, "no_such_code", "1")


def test_copying_a_year_and_refusing_to_overwrite(hand):
    db, ids = hand
    targets.set_target(db, 2025, "studios", 20)
    targets.set_target(db, 2025, "participant_times", 100, ids["青山镇"])
    assert targets.copy_targets(db, 2025, 2026) == 2
    assert targets.targets_of(db, 2026)[("participant_times", ids["青山镇"])].value == 100
    with pytest.raises(LedgerError) as caught:
        targets.copy_targets(db, 2025, 2026)
    assert "2026 年度已有 2 个目标" in str(caught.value)


def test_the_example_county_has_its_targets_and_splits(demo_db):
    stored = targets.targets_of(demo_db, 2025)
    assert stored[("trades", None)].value == 80 and stored[("studios", None)].value == 20
    areas = [a for a in indicators.compute(demo_db, 2025, codes=["employees"]).areas]
    parts = [stored[("participant_times", a.area_id)].value for a in areas]
    assert sum(parts) == stored[("participant_times", None)].value


def test_the_summary_pdf_carries_the_indicator_modules_numbers(demo_db, tmp_path):
    from app.pdf.summary import report_summary, shown
    from tests.readers import POPPLER, pdf_fonts, pdf_text

    out = tmp_path / "汇总.pdf"
    result = report_summary(demo_db, 2025, out)
    assert result.pages >= 3 and out.exists()
    if not POPPLER:
        return
    text = pdf_text(out).replace("\n", "").replace(" ", "")
    c = indicators.compute(demo_db, 2025).county
    goals = targets.progress(demo_db, 2025)
    for code in ("unit_coverage", "above_scale_coverage", "employee_rate", "participant_times", "suggestions_made",
                 "benefit", "studios", "trades"):
        assert shown(c[code].value, c[code].unit).replace(" ", "") in text, code
    assert f"≥{shown(goals[('trades', None)].target, '个')}" in text and "未完成×" in text
    assert "示例县总工会" in text and "—1—" in text
    assert pdf_fonts(out) and all(f["emb"] == "yes" for f in pdf_fonts(out))


def test_the_targets_commands(demo_db):
    import json

    from app.db import db_path
    from tests.app.test_cli import run

    db = str(db_path(demo_db))
    listed = json.loads(run("targets", "list", "--db", db, "--year", "2025", "--format", "json").stdout)
    studios = next(r for r in listed if r["code"] == "studios" and r["area"] is None)
    assert studios["target"] == 20 and studios["met"] is (studios["actual"] >= 20)
    done = run("targets", "set", "--db", db, "--year", "2025", "--code", "innovations", "--value", "500")
    assert done.returncode == 0, done.stderr
    done = run("targets", "split", "--db", db, "--year", "2025", "--code", "innovations")
    assert done.returncode == 0, done.stderr
    stored = targets.targets_of(demo_db, 2025)
    assert sum(t.value for (code, area), t in stored.items() if code == "innovations" and area) == 500
    bad = run("targets", "set", "--db", db, "--year", "2025", "--code", "unit_coverage", "--value", "120")
    assert bad.returncode == 1 and "不能超过 100" in bad.stderr
    rows = json.loads(run("indicators", "--db", db, "--year", "2025", "--format", "json").stdout)
    row = next(r for r in rows if r["code"] == "innovations" and r["area"] is None)
    assert row["target"] == 500 and row["met"] is (row["value"] >= 500)
    assert all("target" in r and "met" in r for r in rows)
    assert run("targets", "copy", "--db", db, "--from", "2025", "--to", "2027").returncode == 0


def test_targets_are_imported_with_a_preview_and_refusals(hand, tmp_path):
    from app.importing.kinds import KINDS
    from app.importing.plan import ImportOptions
    from tests.app.test_import import make_xlsx, snapshot

    db, ids = hand
    targets.set_target(db, 2025, "studios", 2)
    path = make_xlsx(tmp_path / "目标.xlsx", [
        ["规上企业参赛覆盖面", "全县", "90%"],
        ["参赛职工人次", "青山镇", "1,200"],
        ["创新工作室", "", "2"],
        ["创新工作室", "全县", "3"],
        ["企事业单位覆盖面", "", "120"],
        ["没有这个指标", "", "1"],
        ["技术革新", "火星镇", "5"],
    ], header=["指标", "区域", "目标值"])
    kind = KINDS["targets"]
    sheet, mapping = kind.open(path)
    before = snapshot(db)
    p = kind.plan(db, sheet, mapping, ImportOptions(2025))
    assert [r.status for r in p.rows] == ["new", "new", "unchanged", "refused", "refused", "refused", "refused"]
    refused = {r.row: r.message for r in p.refused}
    # two title lines above the header: the data starts on row 4
    assert "与第 6 行是同一个目标" in refused[7] and "不能超过 100" in refused[8]
    assert "不是可以设目标的指标" in refused[9] and "「火星镇」不在区域列表中" in refused[10]
    assert snapshot(db) == before  # the preview writes nothing
    assert kind.apply(db, p) == 2
    stored = targets.targets_of(db, 2025)
    assert stored[("above_scale_coverage", None)].value == 90
    assert stored[("participant_times", ids["青山镇"])].value == 1200
