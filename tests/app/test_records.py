"""Annual figures, innovation results, honors, studios and safety records: the rules each register keeps."""

from datetime import date

import pytest

from app import figures, honors, indicators, innovations, safety, studios, units
from app.errors import LedgerError, ValidationError
from app.figures import Change
from app.honors import HonorInput
from app.innovations import InnovationInput, TotalsExceeded
from app.safety import EventInput, HazardInput
from app.studios import StudioInput
from tests.readers import needs_poppler, pdf_text

YEAR = 2025


def fields(errors):
    return {e.field: e.message for e in errors}


@pytest.fixture
def county(demo_db):
    """The example county with its own results and records removed: each test builds what it needs."""
    with demo_db.atomic():
        for table in ("innovation_members", "innovations", "honors", "studios", "hazards", "safety_events",
                      "annual_figures"):
            demo_db.execute(f"DELETE FROM {table}")
    return demo_db


def a_unit(db, with_people=True):
    sql = ("SELECT u.id FROM units u WHERE u.archived_at IS NULL"
           + (" AND (SELECT count(*) FROM persons p WHERE p.unit_id = u.id) >= 3" if with_people else "")
           + " ORDER BY u.id LIMIT 1")
    return db.execute(sql).fetchone()[0]


def people_of(db, unit_id):
    return [r[0] for r in db.execute("SELECT id FROM persons WHERE unit_id = ? ORDER BY id", [unit_id])]


def title_id(db, name):
    return db.execute("SELECT id FROM honor_titles WHERE name = ?", [name]).fetchone()[0]


# -- annual figures ---------------------------------------------------------------------------------

def test_figures_are_checked_cell_by_cell_and_a_refused_batch_writes_nothing(county):
    u = a_unit(county)
    refused = figures.apply(county, YEAR, [
        Change(u, "suggestions_made", "１２"), Change(u, "suggestions_adopted", "15"),
        Change(u, "innovations", "三项"), Change(u, "benefit", "12.5")])
    reasons = {e.key: e.reason for e in refused}
    assert set(reasons) == {"suggestions_adopted", "innovations"}
    assert "实施 15 件多于提出 12 件" in reasons["suggestions_adopted"]
    assert "不是整数" in reasons["innovations"]
    assert county.execute("SELECT count(*) FROM annual_figures").fetchone()[0] == 0  # nothing half-saved
    figures.apply(county, YEAR, [Change(u, "suggestions_made", "１２"), Change(u, "suggestions_adopted", "5"),
                                 Change(u, "benefit", "12.5")])
    row = figures.fetch(county, YEAR, [u])[u]
    assert (row["suggestions_made"], row["suggestions_adopted"], row["benefit"]) == (12, 5, 12.5)
    assert not figures.apply(county, YEAR, [Change(u, "suggestions_made", 3), Change(u, "suggestions_adopted", 2)])
    assert figures.fetch(county, YEAR, [u])[u]["suggestions_made"] == 3  # both lowered at once, checked as a row
    message = next(e for e in refused if e.key == "suggestions_adopted").describe("某公司")
    assert message == "「某公司」的「合理化建议实施」「15」：实施 15 件多于提出 12 件"


def test_skip_invalid_writes_the_good_cells(county):
    u = a_unit(county)
    refused = figures.apply(county, YEAR, [Change(u, "tackles", "3"), Change(u, "methods", "-1")],
                            skip_invalid=True)
    assert [e.key for e in refused] == ["methods"]
    assert figures.fetch(county, YEAR, [u])[u]["tackles"] == 3


def test_a_total_cannot_fall_below_the_itemised_results(county):
    u = a_unit(county)
    figures.apply(county, YEAR, [Change(u, "innovations", 2)])
    for n in range(2):
        innovations.save(county, InnovationInput(year=YEAR, kind="技术革新", title=f"革新{n}", unit_id=u))
    refused = figures.apply(county, YEAR, [Change(u, "innovations", 1)])
    assert "已登记 2 项技术革新成果" in refused[0].reason
    assert figures.fetch(county, YEAR, [u])[u]["innovations"] == 2


# -- innovation results -------------------------------------------------------------------------------

def test_an_itemised_result_above_the_total_is_refused_until_the_total_is_raised(county):
    u = a_unit(county)
    lead, member = people_of(county, u)[:2]
    figures.apply(county, YEAR, [Change(u, "suggestions_made", 1), Change(u, "suggestions_adopted", 0)])
    item = InnovationInput(year=YEAR, kind="合理化建议", title="改进料仓", unit_id=u, lead_id=lead,
                           member_ids=[member], implemented=True, benefit="3.5")
    with pytest.raises(TotalsExceeded) as caught:
        innovations.save(county, item)
    assert [k for k, _, _ in caught.value.shortfalls] == ["suggestions_adopted"]
    assert "合理化建议实施" in str(caught.value)
    assert county.execute("SELECT count(*) FROM innovations").fetchone()[0] == 0
    new_id = innovations.save(county, item, raise_totals=True)
    row = figures.fetch(county, YEAR, [u])[u]
    assert (row["suggestions_made"], row["suggestions_adopted"]) == (1, 1)
    stored = innovations.get(county, new_id)
    assert stored.member_ids == [member] and stored.benefit == 3.5
    # a second one raises both 提出 and 实施, 提出 first so that 实施 ≤ 提出 holds
    innovations.save(county, InnovationInput(year=YEAR, kind="合理化建议", title="二", unit_id=u, implemented=True),
                     raise_totals=True)
    row = figures.fetch(county, YEAR, [u])[u]
    assert (row["suggestions_made"], row["suggestions_adopted"]) == (2, 2)


def test_innovation_fields_are_checked(county):
    u = a_unit(county)
    lead = people_of(county, u)[0]
    with pytest.raises(ValidationError) as caught:
        innovations.save(county, InnovationInput(year=YEAR, kind="专利", title="", unit_id=u, lead_id=lead,
                                                 member_ids=[lead], patent_number="abc", award_level="县",
                                                 method_name="快速"))
    errors = fields(caught.value.errors)
    assert set(errors) >= {"title", "patent_number", "patent_type", "patent_status", "member_ids", "award_grade",
                           "method_name"}
    archived = county.execute("SELECT id FROM units WHERE archived_at IS NOT NULL LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError) as caught:
        innovations.save(county, InnovationInput(year=YEAR, kind="技术协作", title="协作", unit_id=archived))
    assert "已归档" in fields(caught.value.errors)["unit_id"]


# -- honors ---------------------------------------------------------------------------------------

def test_doc_numbers_are_normalised_and_checked():
    assert honors.normalize_doc_number("临会发[2015]9号") == "临会发〔2015〕9号"
    assert honors.normalize_doc_number("临会发【２０１５】９号") == "临会发〔2015〕9号"
    assert honors.normalize_doc_number(" 临会发（2015）9 号") == "临会发〔2015〕9号"


def test_honor_rules(county):
    u = a_unit(county)
    person = people_of(county, u)[0]
    pioneer = title_id(county, "工人先锋号")
    expert = title_id(county, "创新能手")
    base = dict(level="市", year=YEAR, conferred_by="示例市总工会", doc_number="临会发[2025]9号", state="命名")
    # a person for a collective title
    with pytest.raises(ValidationError) as caught:
        honors.save(county, HonorInput(title_id=pioneer, unit_id=u, team_name="装配班组", person_id=person, **base))
    assert "不能授予个人" in fields(caught.value.errors)["person_id"]
    first = honors.save(county, HonorInput(title_id=pioneer, unit_id=u, team_name="装配班组", **base))
    assert honors.get(county, first).doc_number == "临会发〔2025〕9号"
    # the same recipient, title, level and year twice
    with pytest.raises(ValidationError) as caught:
        honors.save(county, HonorInput(title_id=pioneer, unit_id=u, team_name="装配班组", **base))
    assert f"编号 {first}" in fields(caught.value.errors)["title_id"]
    # a bad 文号, and none for a named honor
    with pytest.raises(ValidationError) as caught:
        honors.save(county, HonorInput(title_id=expert, person_id=person, **{**base, "doc_number": "九号文"}))
    assert "临会发〔2015〕9号" in fields(caught.value.errors)["doc_number"]
    with pytest.raises(ValidationError):
        honors.save(county, HonorInput(title_id=expert, person_id=person, **{**base, "doc_number": ""}))
    # an archived unit
    units.archive(county, [u])
    with pytest.raises(ValidationError) as caught:
        honors.save(county, HonorInput(title_id=pioneer, unit_id=u, team_name="质检班组", **base))
    assert "已归档" in fields(caught.value.errors)["unit_id"]
    honors.save(county, HonorInput(title_id=pioneer, unit_id=u, team_name="装配班组", **{**base, "deeds": "补"}),
                first)  # the record it already was may still be corrected


def test_a_reward_to_an_enterprise_head_for_innovation_expert_is_flagged(county):
    u = a_unit(county)
    person = people_of(county, u)[0]
    county.execute("UPDATE persons SET is_head = 1 WHERE id = ?", [person])
    h = HonorInput(title_id=title_id(county, "创新能手"), person_id=person, level="市", year=YEAR, reward="5000")
    with pytest.raises(honors.RewardWarning) as caught:
        honors.save(county, h)
    assert "企业负责人" in str(caught.value)
    honor_id = honors.save(county, h, accept_warnings=True)
    assert honors.fetch_rows(county, [honor_id])[honor_id]["flagged"] == 1
    h.reward = None
    honors.save(county, h, honor_id)  # without a reward nothing is flagged
    assert honors.fetch_rows(county, [honor_id])[honor_id]["flagged"] == 0


def test_revoked_honors_stay_on_record_and_stop_counting(county):
    u = a_unit(county)
    person = people_of(county, u)[0]
    h = HonorInput(title_id=title_id(county, "金牌工人"), person_id=person, level="县", year=YEAR, state="命名",
                   doc_number="示会发〔2025〕3号")
    honor_id = honors.save(county, h)
    assert ("金牌工人", "person", "县", 1) in indicators.honor_counts(county, YEAR)
    with pytest.raises(ValidationError) as caught:
        honors.revoke(county, honor_id, "  ")
    assert "撤销原因" in str(caught.value)
    honors.revoke(county, honor_id, "事迹失实", "2025-06-01")
    assert ("金牌工人", "person", "县", 1) not in indicators.honor_counts(county, YEAR)
    assert honors.revocation(county, honor_id) == ("2025-06-01", "事迹失实")
    rows = honors.of_person(county, person)
    assert rows[0]["shown_state"].startswith("已撤销") and "撤销" in honors.describe(rows[0])
    assert honors.search(county, honors.HonorFilter(year=YEAR, state="撤销")) == [honor_id]
    honors.save(county, h)  # revoked, so the same title may be conferred again
    h.deeds = "补记事迹"
    honors.save(county, h, honor_id)  # and the revoked record itself may still be corrected
    with pytest.raises(LedgerError):
        honors.delete(county, honor_id)  # a named honor is revoked, never deleted


def test_the_catalog_takes_local_titles_and_keeps_used_ones(county):
    new_id = honors.save_title(county, "沂蒙工匠", "person", "市")
    assert any(t.name == "沂蒙工匠" and t.recipient_name == "个人" for t in honors.titles(county))
    with pytest.raises(ValidationError):
        honors.save_title(county, "沂蒙工匠", "person", "市")
    u = a_unit(county)
    honors.save(county, HonorInput(title_id=new_id, person_id=people_of(county, u)[0], level="市", year=YEAR))
    with pytest.raises(ValidationError):
        honors.save_title(county, "沂蒙工匠", "unit", "市", new_id)
    with pytest.raises(LedgerError):
        honors.delete_title(county, new_id)


# -- studios ------------------------------------------------------------------------------------------

def test_studios_show_their_level_results_and_the_areas_without_one(county):
    area_count = county.execute("SELECT count(DISTINCT area_id) FROM year_units WHERE year = ?", [YEAR]).fetchone()[0]
    assert len(indicators.areas_without_studio(county, YEAR)) == area_count
    u = a_unit(county)
    leader = people_of(county, u)[0]
    studio_id = studios.save(county, StudioInput(name="张三劳模创新工作室", kind="劳模创新工作室", unit_id=u,
                                                 leader_id=leader, members="12", founded_on="2020年5月1日"))
    assert len(indicators.areas_without_studio(county, YEAR)) == area_count - 1
    honors.save(county, HonorInput(title_id=title_id(county, "劳模（高技能人才）创新工作室"), studio_id=studio_id,
                                   level="市", year=YEAR, state="命名", doc_number="示会发〔2025〕1号"))
    innovations.save(county, InnovationInput(year=YEAR, kind="技术协作", title="协作", unit_id=u, studio_id=studio_id))
    row = studios.fetch_rows(county, [studio_id])[studio_id]
    assert row["demo_level"] == "市级劳模（高技能人才）创新工作室" and row["results"] == 1
    other = county.execute("SELECT id FROM persons WHERE unit_id <> ? LIMIT 1", [u]).fetchone()[0]
    with pytest.raises(ValidationError) as caught:
        studios.save(county, StudioInput(name="另一个", unit_id=u, leader_id=other))
    assert "不是" in fields(caught.value.errors)["leader_id"]
    with pytest.raises(LedgerError):
        studios.delete(county, studio_id)


# -- safety records ------------------------------------------------------------------------------------

def test_hazards_close_after_they_are_found_and_overdue_ones_are_counted(county):
    u = a_unit(county)
    today = date(2025, 6, 30)
    with pytest.raises(ValidationError) as caught:
        safety.save_hazard(county, HazardInput(unit_id=u, found_on="2025-05-10", description="配电箱门锁损坏",
                                               measures="更换门锁", state="已销号", closed_on="2025-05-01"),
                           today=today)
    assert "早于发现日期" in fields(caught.value.errors)["closed_on"]
    with pytest.raises(ValidationError) as caught:
        safety.save_hazard(county, HazardInput(unit_id=u, found_on="2025-05-10", description="x", state="已销号"),
                           today=today)
    assert {"closed_on", "measures"} <= set(fields(caught.value.errors))
    open_id = safety.save_hazard(county, HazardInput(unit_id=u, found_on="2025-05-10", description="通道堆物",
                                                     deadline="2025-05-20"), today=today)
    assert safety.overdue_count(county, today) == 1
    assert safety.fetch_hazards(county, [open_id], today)[open_id]["overdue"]
    assert safety.search_hazards(county, 2025, state="逾期", today=today) == [open_id]
    safety.save_hazard(county, HazardInput(unit_id=u, found_on="2025-05-10", description="通道堆物",
                                           deadline="2025-05-20", measures="清理", state="已销号",
                                           closed_on="2025-05-18"), open_id, today=today)
    assert safety.overdue_count(county, today) == 0


def test_the_safety_check_finds_units_without_training_or_drill(county):
    check = safety.safety_check(county, YEAR)
    founded = check.trained.denominator
    assert check.trained.numerator == 0 and founded > 0 and len(check.untrained) == min(50, founded)
    risky = county.execute("SELECT u.id, u.name FROM units u JOIN unit_years y ON y.unit_id = u.id AND y.year = ?"
                           " WHERE y.high_risk = 1 AND u.archived_at IS NULL ORDER BY u.name LIMIT 1",
                           [YEAR]).fetchone()
    safety.save_event(county, EventInput(unit_id=risky[0], year=YEAR, kind="应急演练", held_on="2025-05-01"))
    after = safety.safety_check(county, YEAR)
    assert after.drilled.numerator == 1 and risky[1] not in after.undrilled
    with pytest.raises(ValidationError) as caught:
        safety.save_event(county, EventInput(unit_id=risky[0], year=YEAR, kind="安全培训", held_on="2024-05-01"))
    assert "不在 2025 年内" in fields(caught.value.errors)["held_on"]


@needs_poppler
def test_the_unit_profile_lists_its_innovation_figures_and_honors(county, tmp_path):
    from app.pdf.unit_profile import report_unit

    u = a_unit(county)
    figures.apply(county, YEAR, [Change(u, "suggestions_made", 31), Change(u, "benefit", "7.25")])
    honor = honors.save(county, HonorInput(title_id=title_id(county, "工人先锋号"), unit_id=u, team_name="焊装班组",
                                           level="市", year=YEAR, state="命名", doc_number="示会发〔2025〕7号"))
    honors.revoke(county, honor, "合并后班组撤销")
    text = pdf_text(report_unit(county, u, tmp_path / "档案.pdf").path).replace("\n", "")
    assert "三、职工创新（年度合计）" in text and "31" in text and "7.25" in text
    assert "四、荣誉" in text and "焊装班组" in text and "示会发〔2025〕7号" in text and "已撤销" in text


# -- whatever comes in: a result or a reason, never a traceback, never a half-written batch --------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from app.codes import FIGURE_KEYS  # noqa: E402
from app.normalize import parse_amount  # noqa: E402

CELLS = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**9, 10**9),
                  st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["１２", "1,200", "3.5", " 7 "]))


@given(st.lists(st.tuples(st.sampled_from(FIGURE_KEYS), CELLS), min_size=1, max_size=12))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_pasted_block_is_written_whole_or_not_at_all(county, cells):
    u = a_unit(county)
    before = figures.fetch(county, YEAR, [u])[u]
    changes = [Change(u, key, value) for key, value in cells]
    refused = figures.apply(county, YEAR, changes)
    after = figures.fetch(county, YEAR, [u])[u]
    if refused:
        assert after == before and all(e.reason for e in refused)
    else:  # the last value given for each cell is stored, as parsed
        last = dict(cells)
        for key, value in last.items():
            assert after[key] == figures.parse_value(key, value)
    figures.apply(county, YEAR, [Change(u, k, None) for k in FIGURE_KEYS])  # back to blank for the next example


@given(st.text(max_size=30))
def test_doc_numbers_and_amounts_never_raise_anything_but_a_reason(text):
    assert isinstance(honors.normalize_doc_number(text), str)
    try:
        assert parse_amount(text) is None or parse_amount(text) >= 0
    except ValueError as exc:
        assert str(exc)
