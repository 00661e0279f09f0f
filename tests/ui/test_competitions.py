"""竞赛 through the window: last year's plan copied, the park added in one step, a skills contest, coverage live."""

import pytest
from PySide6.QtCore import Qt

from app import areas, competitions, indicators, participation
from app.persons import PersonInput, save_person
from tests.app.test_competitions import plan
from tests.readers import needs_poppler, pdf_text
from tests.ui.conftest import type_text
from ui import ask
from ui.competitions_page import CompetitionsPage


@pytest.fixture
def page(qtbot, bare_county):
    widget = CompetitionsPage(bare_county, 2025)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def test_last_years_competition_the_park_a_skills_contest_and_live_coverage(qtbot, page, bare_county, answers,
                                                                            monkeypatch):
    last = competitions.save_competition(bare_county, plan(2024, status="已表彰"))
    participation.add_trade(bare_county, last, "钳工")
    page.refresh_list()
    assert "还没有竞赛" in page.empty_label.text() and page.copy_button.isEnabled()
    monkeypatch.setattr(ask, "choose", lambda parent, title, text, options: options.index("2024年职工技术创新竞赛"))
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert page.plan_tab.name_edit.text() == "2025年职工技术创新竞赛"
    assert page.plan_tab.starts_edit.text() == "2025-03-01" and page.plan_tab.status_combo.currentData() == "筹备"
    competition_id = page.current_id()

    # the park's units in one step
    park = next(a for a in areas.list_areas(bare_county) if a.kind == "园区")
    units_tab = page.units_tab
    page.tabs.setCurrentWidget(units_tab)
    units_tab.bulk_combo.setCurrentIndex(units_tab.bulk_combo.findData("area"))
    units_tab.area_combo.setCurrentIndex(units_tab.area_combo.findData(park.id))
    before = page.year_box.texts()[0]
    qtbot.mouseClick(units_tab.bulk_button, Qt.MouseButton.LeftButton)
    in_park = bare_county.execute("SELECT count(*) FROM units WHERE area_id = ? AND archived_at IS NULL",
                              [park.id]).fetchone()[0]
    assert units_tab.table.rowCount() == in_park
    units = indicators.compute(bare_county, 2025).get("units").value
    assert page.year_box.texts()[0] == f"{in_park:,} / {units:,} = {in_park / units:.1%}"
    assert page.year_box.texts()[0] != before

    # a result for the first unit: more participants than employees is refused, then a good one saved
    units_tab.table.selectRow(0)
    unit = units_tab.rows[0]
    units_tab.participants_edit.setText(str((unit["employees"] or 0) + 1))
    qtbot.mouseClick(units_tab.result_button, Qt.MouseButton.LeftButton)
    assert "多于该单位" in answers.messages[-1][2]
    units_tab.participants_edit.setText("1")
    qtbot.mouseClick(units_tab.result_button, Qt.MouseButton.LeftButton)
    assert page.one_box.texts()[4] == "1 人次"  # 参与职工人次 of this competition

    # a skills contest with three trades and a winner
    person = save_person(bare_county, PersonInput(name="园区焊工甲", unit_id=unit["unit_id"]))
    contest = page.contest_tab
    page.contest_tab.load(competition_id)
    page.tabs.setCurrentWidget(contest)
    for trade in ("焊工", "电工"):
        type_text(qtbot, contest.trade_edit, trade)
        qtbot.mouseClick(contest.add_trade_button, Qt.MouseButton.LeftButton)
    assert [contest.trade_list.item(i).text().split("（")[0] for i in range(contest.trade_list.count())] == \
        ["钳工", "焊工", "电工"]
    contest.trade_list.setCurrentRow(1)
    label = next(k for k, v in contest.people.items() if v == person)
    contest.person_edit.setText(label)
    contest.score_edit.setText("96")
    contest.rank_edit.setText("1")
    qtbot.mouseClick(contest.add_button, Qt.MouseButton.LeftButton)
    assert contest.table.item(0, 1).text() == "园区焊工甲" and "推荐" in contest.table.item(0, 5).text()
    assert "共 3 个工种" in contest.trades_label.text()

    # removing the unit says the contestant goes with it
    answers.confirm = False
    page.tabs.setCurrentWidget(units_tab)
    units_tab.table.selectRow(0)
    units_tab.remove_selected()
    assert "园区焊工甲（焊工）" in answers.messages[-1][2]
    assert bare_county.execute("SELECT count(*) FROM participations WHERE competition_id = ?",
                           [competition_id]).fetchone()[0] == in_park


def test_a_new_competition_cannot_start_until_its_plan_is_complete(qtbot, page, bare_county, answers):
    page.new_competition()
    tab = page.plan_tab
    tab.name_edit.clear()
    type_text(qtbot, tab.name_edit, "2025年窗口优质服务竞赛")
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("进行中"))
    assert not tab.save_button.isEnabled() and "竞赛内容和目标" in tab.fields.error_text("status")
    assert "方案还缺" in tab.missing_label.text()
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("筹备"))
    tab.starts_edit.setText("2025-05-01")
    tab.ends_edit.setText("2025-04-01")
    assert "早于开始日期" in tab.fields.error_text("starts_on")
    tab.ends_edit.setText("2025-12-31")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    stored = bare_county.execute("SELECT status FROM competitions WHERE name = '2025年窗口优质服务竞赛'").fetchone()
    assert stored == ("筹备",)
    assert page.list.rowCount() == 1 and page.current_id() == tab.competition_id


@needs_poppler
def test_the_plan_pdf_has_every_field(qtbot, page, bare_county):
    competition_id = competitions.save_competition(bare_county, plan(2025, status="进行中"))
    page.refresh_list(select=competition_id)
    page.print_plan()
    qtbot.waitUntil(lambda: page.previewer.preview is not None and page.previewer.preview.isVisible(), timeout=15000)
    qtbot.addWidget(page.previewer.preview)
    text = pdf_text(page.previewer.preview.pdf).replace("\n", "")
    for heading in ("竞赛内容和目标", "竞赛要求和标准", "竞赛方式和载体", "参赛范围和人员", "竞赛起止时间",
                    "竞赛考评和奖励办法", "以技术创新为重点", "动员部署阶段（2025年3月1日—2025年3月31日）"):
        assert heading in text, heading
    assert "年度 ·" not in text and "进行中" not in text  # the program's bookkeeping stays off the document


def test_the_page_opens_on_the_years_first_competition_and_a_new_one_stays_blank(qtbot, bare_county):
    competitions.save_competition(bare_county, plan(2026, name="2026年甲竞赛"))
    competitions.save_competition(bare_county, plan(2026, name="2026年乙竞赛"))
    widget = CompetitionsPage(bare_county, 2026)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    top = widget.rows[0]  # the first of the list as the page orders it
    assert len(widget.rows) == 2 and widget.current_id() == top["id"]
    assert widget.plan_tab.name_edit.text() == top["name"] and widget.title_label.text() == top["name"]
    assert widget.plan_tab.starts_edit.placeholderText() == "2026-03-01"  # the example in the year shown
    widget.new_competition()
    widget.refresh_list()  # a coverage update while the clerk types: the blank form stays
    assert widget.current_id() is None and widget.plan_tab.competition_id is None
    widget.set_year(2025)
    assert widget.plan_tab.starts_edit.placeholderText() == "2025-03-01"


def test_import_a_participation_list_through_the_dialog(qtbot, page, bare_county, answers, tmp_path, monkeypatch):
    from tests.app.test_import import make_xlsx

    competition_id = competitions.save_competition(bare_county, plan(2025))
    page.refresh_list(select=competition_id)
    name = bare_county.execute("SELECT name FROM units WHERE archived_at IS NULL LIMIT 1").fetchone()[0]
    path = make_xlsx(tmp_path / "名单.xlsx", [[name, 1, "优秀组织奖"]], header=["单位名称", "参赛人数", "奖项"])
    monkeypatch.setattr(ask, "open_file", lambda *a: str(path))
    qtbot.mouseClick(page.units_tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.units_tab.importer.dialog is not None, timeout=10000)
    dialog = page.units_tab.importer.dialog
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=10000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.units_tab.table.rowCount() == 1, timeout=10000)
    assert page.units_tab.table.item(0, 6).text() == "优秀组织奖"
    assert page.list.item(0, 3).text() == "1"  # the list's 参赛单位 follows


def test_competitions_past_their_end_date_are_pointed_out_and_marked_ended_in_one_step(qtbot, bare_county, answers):
    """Today is after 2025-11-30: the two 进行中 of 2025 are named, orange, and one click (confirmed) makes them
    已结束; the one still 筹备 and the one already 已结束 are left alone; the step is one 操作记录 entry."""
    from app import changes

    ids = [competitions.save_competition(bare_county, plan(2025, name=f"2025年{n}竞赛", status=s))
           for n, s in (("甲", "进行中"), ("乙", "进行中"), ("丙", "筹备"), ("丁", "已结束"))]
    widget = CompetitionsPage(bare_county, 2025)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    assert widget.overdue_row.isVisible()
    assert widget.overdue_label.text() == "2 项竞赛的结束日期已过，仍是“进行中”：「2025年甲竞赛」、「2025年乙竞赛」。"
    row = next(r for r, c in enumerate(widget.rows) if c["id"] == ids[0])
    assert "已过" in widget.list.item(row, 2).toolTip()
    answers.confirm = False
    widget.end_button.click()
    assert competitions.get_competition(bare_county, ids[0]).status == "进行中"
    answers.confirm = True
    widget.end_button.click()
    assert [competitions.get_competition(bare_county, i).status for i in ids] == ["已结束", "已结束", "筹备", "已结束"]
    assert not widget.overdue_row.isVisible()
    assert changes.batches(bare_county, 1)[0]["what"] == "2 项竞赛标为已结束"
    assert changes.batches(bare_county, 1)[0]["rows"] == 2


def test_the_divider_stays_where_it_is_when_the_tabs_change(qtbot, demo_db):
    """The skills contest of the example county (long trade line, wide table): switching tabs moves nothing."""
    contest = demo_db.execute("SELECT id FROM competitions WHERE year = 2025 AND kind = '技能竞赛'").fetchone()[0]
    widget = CompetitionsPage(demo_db, 2025)
    qtbot.addWidget(widget)
    widget.resize(1180, 720)
    widget.show()
    widget.refresh_list(select=contest)
    qtbot.wait(20)
    before = widget.splitter.sizes()
    for tab in (widget.contest_tab, widget.units_tab, widget.plan_tab, widget.contest_tab):
        widget.tabs.setCurrentWidget(tab)
        qtbot.wait(20)
        assert widget.splitter.sizes() == before, tab
