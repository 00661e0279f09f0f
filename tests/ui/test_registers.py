"""荣誉, 创新成果, 工作室 and 安全生产 through the window: forms with pickers, the seeds' rules as questions,
revoking, the roster PDF and the recommendation lists read back."""

import csv
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import figures, honors, innovations, safety
from app.figures import Change
from tests.readers import needs_poppler, pdf_fonts, pdf_text
from tests.ui.conftest import type_text
from ui import ask
from ui.honors_page import HonorsPage
from ui.innovations_page import InnovationsPage
from ui.safety_page import EventsPage, HazardsPage, SafetyPage
from ui.studios_page import StudiosPage

YEAR = 2025
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def pick(qtbot, picker, text: str, choice: str = "") -> None:
    """Type part of a name and take the completer's entry containing *choice* (the first when empty)."""
    type_text(qtbot, picker, text)
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    row = next(r for r in range(model.rowCount()) if choice in model.index(r, 0).data())
    popup.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.value is not None


def a_person(db):
    """A person whose name is unique in the county, in an active unit."""
    return db.execute(
        "SELECT p.id, p.name, p.unit_id, u.name FROM persons p JOIN units u ON u.id = p.unit_id WHERE u.archived_at IS "
        "NULL AND (SELECT count(*) FROM persons q WHERE q.name = p.name) = 1 ORDER BY p.id LIMIT 1").fetchone()


def test_an_honor_for_an_enterprise_head_with_a_reward_is_asked_about_then_flagged(qtbot, demo_db, answers):
    page = show(qtbot, HonorsPage(demo_db, YEAR))
    person_id, name, _, unit = a_person(demo_db)
    demo_db.execute("UPDATE persons SET is_head = 1 WHERE id = ?", [person_id])
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    title = dialog.widget("title_id")
    title.setCurrentIndex(title.findText("创新能手（个人）"))
    assert not dialog.widget("unit_id").parentWidget().isVisible()  # a person's title: no unit to choose
    assert dialog.widget("level").currentData() == "市"  # the catalog's usual level
    pick(qtbot, dialog.widget("person_id"), name)
    dialog.widget("reward").setText("5000")
    answers.confirm = False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "企业负责人" in answers.messages[-1][2] and dialog.isVisible()
    assert demo_db.execute("SELECT count(*) FROM honors WHERE person_id = ?", [person_id]).fetchone()[0] == 0
    answers.confirm = True
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    honor_id = demo_db.execute("SELECT id FROM honors WHERE person_id = ?", [person_id]).fetchone()[0]
    row = page.model.row_of(honor_id)
    assert row >= 0 and page.current_id() == honor_id
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert honors.of_person(demo_db, person_id)[0]["title"] == "创新能手"


def test_a_team_honor_needs_its_team_and_a_bad_doc_number_is_shown_under_the_field(qtbot, demo_db, answers):
    page = show(qtbot, HonorsPage(demo_db, YEAR))
    _, _, unit_id, unit = a_person(demo_db)
    page.open_record(None)
    dialog = page.dialog
    title = dialog.widget("title_id")
    title.setCurrentIndex(title.findText("工人先锋号（班组）"))
    assert dialog.widget("team_name").parentWidget().isVisibleTo(dialog)
    assert not dialog.widget("person_id").parentWidget().isVisibleTo(dialog)
    pick(qtbot, dialog.widget("unit_id"), unit, unit)
    dialog.widget("doc_number").setText("九号文件")
    set_state = dialog.widget("state")
    set_state.setCurrentIndex(set_state.findData("命名"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.fields.error_text("team_name") == "必填"
    assert "临会发〔2015〕9号" in dialog.fields.error_text("doc_number")
    dialog.widget("team_name").setText("装配车间甲班")
    dialog.widget("doc_number").setText("示会发[2025]12号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = demo_db.execute("SELECT team_name, doc_number, unit_id FROM honors ORDER BY id DESC LIMIT 1").fetchone()
    assert stored == ("装配车间甲班", "示会发〔2025〕12号", unit_id)


def test_revoking_asks_for_a_reason_and_keeps_the_record(qtbot, demo_db, answers, monkeypatch):
    page = show(qtbot, HonorsPage(demo_db, YEAR))
    page.view.selectRow(0)
    honor_id = page.current_id()
    replies = iter(["   ", "经复核，事迹不实"])
    monkeypatch.setattr(ask, "text", lambda *a, **k: next(replies))
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert "撤销原因" in [m for m in answers.messages if m[0] == "error"][-1][2]
    assert honors.revocation(demo_db, honor_id)[1] == "经复核，事迹不实"
    row = page.model.row_data(page.model.row_of(honor_id))
    assert row["state"].startswith("已撤销") and not page.revoke_button.isEnabled()
    page.state_filter.setCurrentIndex(page.state_filter.findData("撤销"))
    assert honor_id in page.model._ids


@needs_poppler
def test_the_roster_pdf_groups_names_by_title(qtbot, demo_db, monkeypatch):
    page = show(qtbot, HonorsPage(demo_db, YEAR - 1))
    monkeypatch.setattr(ask, "choose", lambda parent, title, text, options: 0)  # 表彰名单（命名）
    page.print_roster()
    qtbot.waitUntil(lambda: page.previewer.preview is not None and page.previewer.preview.isVisible(), timeout=15000)
    qtbot.addWidget(page.previewer.preview)
    pdf = page.previewer.preview.pdf
    text = pdf_text(pdf).replace("\n", "")

    def heading(r):  # 市级“工人先锋号”, but 县级“安康杯”竞赛优胜单位 (a title with quotes of its own)
        return f"{r['level']}级" + (r["title"] if "“" in r["title"] else f"“{r['title']}”") + "（"
    named = honors.list_rows(demo_db, honors.HonorFilter(year=YEAR - 1, state="命名"))
    revoked = honors.list_rows(demo_db, honors.HonorFilter(year=YEAR - 1, state="撤销"))
    assert named and revoked
    assert f"{YEAR - 1}年度先进集体和先进个人表彰名单" in text
    for r in named[:20]:
        assert heading(r) in text
        assert str(r["recipient_name"]) in text
    r = revoked[0]  # a revoked honor is not on the notice board: its group counts only those in force
    in_force = sum(1 for n in named if (n["title"], n["level"]) == (r["title"], r["level"]))
    assert f"{heading(r)}{in_force} " in text if in_force else heading(r) not in text
    assert all(f["emb"] == "yes" for f in pdf_fonts(pdf))


def test_the_recommendation_lists_mask_id_numbers_unless_ticked_for_that_export(qtbot, demo_db, tmp_path,
                                                                                 monkeypatch, answers):
    page = show(qtbot, HonorsPage(demo_db, YEAR))
    person_id, *_ = a_person(demo_db)
    number = "110105198001010034"
    from app.validators import id_check_char

    number = number[:17] + id_check_char(number[:17])
    demo_db.execute("UPDATE persons SET id_number = ? WHERE id = ?", [number, person_id])
    title = demo_db.execute("SELECT id FROM honor_titles WHERE name = '金牌工人'").fetchone()[0]
    honors.save(demo_db, honors.HonorInput(title_id=title, person_id=person_id, level="县", year=YEAR))
    paths = iter([str(tmp_path / "full.xlsx"), str(tmp_path / "masked.xlsx")])
    monkeypatch.setattr(ask, "save_file", lambda *a: next(paths))
    page.full_id_check.setChecked(True)
    page.export_recommendations()
    qtbot.waitUntil(lambda: any(m[1] == "导出完成" for m in answers.messages), timeout=15000)
    assert not page.full_id_check.isChecked()  # for that one export only
    page.export_recommendations()
    qtbot.waitUntil(lambda: sum(m[1] == "导出完成" for m in answers.messages) == 2, timeout=15000)

    def ids(path):
        sheet = load_workbook(path)["先进个人"]
        header = [c.value for c in sheet[4]]
        return [row[header.index("身份证号")] for row in sheet.iter_rows(min_row=5, values_only=True)]

    assert number in ids(tmp_path / "full.xlsx")
    masked = ids(tmp_path / "masked.xlsx")
    assert number not in masked and "110105********" + number[-4:] in masked
    book = load_workbook(tmp_path / "masked.xlsx")
    expected = len(honors.list_rows(demo_db, honors.HonorFilter(year=YEAR, collective=False)))
    assert book["先进个人"].cell(5 + expected, 1).value == "合计"  # every individual, then the 合计 row
    assert book["先进个人"].cell(5 + expected, 4).value == expected  # which counts the names
    if SOFFICE:  # a second reader: LibreOffice opens it and sees the same numbers
        out = tmp_path / "lo"
        run = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                              "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
                              "false,-1", "--outdir", str(out), str(tmp_path / "masked.xlsx")],
                             capture_output=True, text=True, timeout=180)
        assert run.returncode == 0, run.stderr
        produced = next(p for p in out.iterdir() if "先进个人" in p.name)
        rows = list(csv.reader(produced.open(encoding="utf-8")))
        assert any("110105********" + number[-4:] in row for row in rows)
        assert not any(number in row for row in rows)


def test_an_innovation_above_the_reported_total_offers_to_raise_it(qtbot, demo_db, answers):
    page = show(qtbot, InnovationsPage(demo_db, YEAR))
    person_id, name, unit_id, unit = a_person(demo_db)
    demo_db.execute("DELETE FROM innovations WHERE unit_id = ? AND year = ?", [unit_id, YEAR])
    figures.write(demo_db, YEAR, [Change(unit_id, "innovations", 0)])
    page.open_record(None)
    dialog = page.dialog
    kind = dialog.widget("kind")
    kind.setCurrentIndex(kind.findData("技术革新"))
    type_text(qtbot, dialog.widget("title"), "料仓防堵改造试验")
    pick(qtbot, dialog.widget("unit_id"), unit, unit)
    pick(qtbot, dialog.widget("lead_id"), name, unit)
    dialog.widget("benefit").setText("１２.５")
    answers.confirm = False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "不能多于年度合计数" in answers.messages[-1][2] and dialog.isVisible()
    assert demo_db.execute("SELECT count(*) FROM innovations WHERE title = '料仓防堵改造试验'").fetchone()[0] == 0
    answers.confirm = True
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = innovations.get(demo_db, page.current_id())
    assert (saved.lead_id, saved.benefit) == (person_id, 12.5)
    assert figures.fetch(demo_db, YEAR, [unit_id])[unit_id]["innovations"] == 1


def test_studios_show_the_areas_without_one_and_a_new_studio_clears_it(qtbot, demo_db, answers):
    page = show(qtbot, StudiosPage(demo_db, YEAR))
    summary = page.summary_label.text()
    missing = summary.split("：")[-1].split("<")[0].split("、")
    assert "还没有工作室的区域" in summary and missing
    area = missing[0]
    unit = demo_db.execute("SELECT u.name FROM units u JOIN areas a ON a.id = u.area_id WHERE a.name = ? AND "
                           "u.archived_at IS NULL ORDER BY u.id LIMIT 1", [area]).fetchone()[0]
    page.open_record(None)
    dialog = page.dialog
    type_text(qtbot, dialog.widget("name"), "钳工技师工作站")
    kind = dialog.widget("kind")
    kind.setCurrentIndex(kind.findData("技师工作站"))
    pick(qtbot, dialog.widget("unit_id"), unit, unit)
    dialog.widget("founded_on").setText("2025年3月5日")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert area not in page.summary_label.text().split("：")[-1]
    row = page.model.row_data(page.model.row_of(page.current_id()))
    assert (row["name"], row["founded_on"]) == ("钳工技师工作站", "2025-03-05")


def test_a_hazard_closed_before_it_was_found_is_refused_and_overdue_ones_stand_out(qtbot, demo_db, answers):
    page = show(qtbot, SafetyPage(demo_db, YEAR))
    hazards = page.hazards
    _, _, unit_id, unit = a_person(demo_db)
    hazards.open_record(None)
    dialog = hazards.dialog
    pick(qtbot, dialog.widget("unit_id"), unit, unit)
    dialog.widget("found_on").setText("2025-05-10")
    dialog.widget("description").setPlainText("配电箱门锁损坏")
    dialog.widget("measures").setPlainText("更换门锁")
    dialog.widget("deadline").setText("2025-05-20")
    state = dialog.widget("state")
    state.setCurrentIndex(state.findData("已销号"))
    dialog.widget("closed_on").setText("2025-05-01")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "早于发现日期" in dialog.fields.error_text("closed_on")
    state.setCurrentIndex(state.findData("整改中"))
    dialog.widget("closed_on").setText("")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    hazard_id = hazards.current_id()
    row = hazards.model.row_data(hazards.model.row_of(hazard_id))
    assert row["state"] == "已逾期" and row["overdue"]  # 2025-05-20 has passed
    assert hazards.model.data(hazards.model.index(hazards.model.row_of(hazard_id), 0),
                              Qt.ItemDataRole.BackgroundRole) is not None
    assert f"逾期未销号的隐患 {safety.overdue_count(demo_db)} 条" in page.check_label.text()


def test_the_safety_check_names_the_units_without_training(qtbot, demo_db):
    demo_db.execute("DELETE FROM safety_events WHERE kind = '安全培训' AND year = ?", [YEAR])
    demo_db.execute("UPDATE annual_figures SET safety_training_times = NULL WHERE year = ?", [YEAR])
    page = show(qtbot, SafetyPage(demo_db, YEAR))
    check = safety.safety_check(demo_db, YEAR, names=8)
    assert check.trained.numerator == 0
    assert f"未开展安全培训 {check.trained.denominator:,} 家" in page.check_label.text()
    assert check.untrained[0] in page.check_label.text()


def test_a_register_page_says_what_to_do_when_empty(qtbot, demo_db):
    demo_db.execute("DELETE FROM innovation_members")
    demo_db.execute("DELETE FROM innovations")
    page = show(qtbot, InnovationsPage(demo_db, YEAR))
    assert "还没有创新成果" in page.view.empty_label.text() and "年度数据" in page.view.empty_label.text()
    QApplication.processEvents()


def test_a_units_and_a_persons_honors_show_on_their_own_records(qtbot, demo_db):
    from ui.person_dialog import PersonDialog
    from ui.unit_dialog import UnitDialog

    person_id, name, unit_id, _ = a_person(demo_db)
    title = demo_db.execute("SELECT id FROM honor_titles WHERE name = '技能带头人'").fetchone()[0]
    honor_id = honors.save(demo_db, honors.HonorInput(title_id=title, person_id=person_id, level="县", year=YEAR))
    honors.revoke(demo_db, honor_id, "调离本县")
    person = PersonDialog(demo_db, person_id)
    qtbot.addWidget(person)
    lines = [person.honors_list.item(n).text() for n in range(person.honors_list.count())]
    assert any("技能带头人" in line and "已撤销" in line for line in lines)
    unit = UnitDialog(demo_db, YEAR, unit_id)
    qtbot.addWidget(unit)
    lines = [unit.honors_list.item(n).text() for n in range(unit.honors_list.count())]
    assert any(line.startswith(f"{name}：") and "技能带头人" in line for line in lines)
    assert unit.tabs.tabText(2) == f"荣誉（{len(honors.of_unit(demo_db, unit_id))}）"


def test_pages_search_only_when_first_shown(qtbot, demo_db, monkeypatch):
    """Building the window must not query every register: each page searches when it is first shown."""
    from app import person_search
    from ui.people_page import PeoplePage

    calls = []
    for module in (honors, innovations, person_search):
        original = module.search
        monkeypatch.setattr(module, "search", lambda *a, _o=original, **k: calls.append(1) or _o(*a, **k))
    pages = [HonorsPage(demo_db, YEAR), InnovationsPage(demo_db, YEAR), PeoplePage(demo_db)]
    for page in pages:
        qtbot.addWidget(page)
    assert calls == []
    for page in pages:
        page.show()
    assert len(calls) == 3


def test_a_studio_honor_is_chosen_among_the_units_studios(qtbot, demo_db, answers):
    page = show(qtbot, HonorsPage(demo_db, YEAR))
    studio_id, studio, unit = demo_db.execute(
        "SELECT s.id, s.name, u.name FROM studios s JOIN units u ON u.id = s.unit_id WHERE u.archived_at IS NULL "
        "AND (SELECT count(*) FROM units v WHERE v.name = u.name) = 1 ORDER BY s.id LIMIT 1").fetchone()
    page.open_record(None)
    dialog = page.dialog
    title = dialog.widget("title_id")
    title.setCurrentIndex(title.findText("技能大师工作室（工作室）"))
    chooser = dialog.widget("studio_id")
    assert chooser.count() == 1  # （无）until the unit is chosen
    pick(qtbot, dialog.widget("unit_id"), unit, unit)
    chooser.setCurrentIndex(chooser.findData(studio_id))
    level = dialog.widget("level")
    level.setCurrentIndex(level.findData("省"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = honors.get(demo_db, page.current_id())
    assert (stored.studio_id, stored.level) == (studio_id, "省")
    assert page.current_row()["recipient"] == studio


@pytest.mark.parametrize("make", [lambda db: HonorsPage(db, YEAR), lambda db: InnovationsPage(db, YEAR),
                                  lambda db: StudiosPage(db, YEAR), lambda db: HazardsPage(db, YEAR),
                                  lambda db: EventsPage(db, YEAR)])
def test_register_models_pass_the_model_tester(qtbot, qtmodeltester, demo_db, make):
    page = make(demo_db)
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model, force_py=True)
