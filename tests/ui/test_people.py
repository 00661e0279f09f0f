"""The people page driven as a clerk drives it; the database checked afterwards."""

import pytest
from PySide6.QtCore import Qt

from app import persons
from tests.ui.conftest import type_text
from ui import ask
from ui.people_page import PeoplePage

GOOD = "11010519491231002X"


@pytest.fixture
def people(qtbot, demo_db):
    widget = PeoplePage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def test_model_passes_qtmodeltester(qtmodeltester, people):
    qtmodeltester.check(people.model, force_py=True)


def test_ids_are_masked_and_found_by_their_last_digits(qtbot, people, demo_db):
    number, name = demo_db.execute("SELECT id_number, name FROM persons WHERE id_number IS NOT NULL "
                                   "ORDER BY id LIMIT 1").fetchone()
    total = demo_db.execute("SELECT count(*) FROM persons").fetchone()[0]
    assert people.count_label.text() == f"共 {total:,} 名职工"
    type_text(qtbot, people.search_edit, number[-6:])
    shown = [people.model.row_data(r) for r in range(people.model.rowCount())]
    assert name in [r["name"] for r in shown]
    column = [c.key for c in people.model.columns].index("id_number")
    row = [r["name"] for r in shown].index(name)
    assert people.model.data(people.model.index(row, column)) == number[:6] + "********" + number[-4:]


def test_add_a_person_through_the_form(qtbot, people, demo_db, answers):
    unit_id, unit_name = demo_db.execute("SELECT id, name FROM units WHERE archived_at IS NULL LIMIT 1").fetchone()
    qtbot.keyClick(people, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = people.dialog
    assert not dialog.save_button.isEnabled()  # 姓名 is required
    type_text(qtbot, dialog.name_edit, "欧阳明")
    type_text(qtbot, dialog.id_edit, GOOD[:-1] + "1")
    assert "校验位错误" in dialog.fields.error_text("id_number") and not dialog.save_button.isEnabled()
    dialog.id_edit.clear()
    type_text(qtbot, dialog.id_edit, GOOD.lower())
    assert dialog.id_hint.text() == "出生日期 1949-12-31，女（由身份证号得出）"
    label = next(k for k, v in dialog.units.items() if v == unit_id)
    dialog.unit_edit.setText(label)
    type_text(qtbot, dialog.post_edit, "数控车工")
    assert dialog.save_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    row = demo_db.execute("SELECT id, unit_id, sex, birth_date, id_number FROM persons "
                          "WHERE name = '欧阳明'").fetchone()
    assert row[1:] == (unit_id, "女", "1949-12-31", GOOD)
    assert people.current_id() == row[0]  # the new person is selected in the table
    assert unit_name in str(people.model.row_data(people.model.row_of(row[0]))["unit"])


def test_a_likely_duplicate_is_offered_for_merge(qtbot, people, demo_db, monkeypatch):
    name, unit_id, existing = demo_db.execute(
        "SELECT name, unit_id, id FROM persons WHERE unit_id IS NOT NULL AND phone != '' LIMIT 1").fetchone()
    demo_db.execute("UPDATE persons SET post = '' WHERE id = ?", [existing])
    before = demo_db.execute("SELECT count(*) FROM persons").fetchone()[0]
    asked = []
    monkeypatch.setattr(ask, "choose", lambda parent, title, text, options: asked.append(text) or 0)
    people.open_record(None)
    dialog = people.dialog
    type_text(qtbot, dialog.name_edit, name)
    dialog.unit_edit.setText(next(k for k, v in dialog.units.items() if v == unit_id))
    type_text(qtbot, dialog.post_edit, "电工")
    dialog.save()
    assert asked and f"编号 {existing}" in asked[0]
    assert demo_db.execute("SELECT count(*) FROM persons").fetchone()[0] == before  # merged, not added
    assert persons.get_person(demo_db, existing).post == "电工"  # the blank was filled from the form


def test_delete_asks_first(qtbot, people, demo_db, answers):
    from app.persons import PersonInput, save_person

    save_person(demo_db, PersonInput(name="一一"))  # first in name order, and named by no other record
    people.model.refresh()
    people.view.selectRow(0)
    person_id = people.current_id()
    answers.confirm = False
    qtbot.keyClick(people.view, Qt.Key.Key_Delete)
    assert demo_db.execute("SELECT count(*) FROM persons WHERE id = ?", [person_id]).fetchone()[0] == 1
    answers.confirm = True
    qtbot.mouseClick(people.delete_button, Qt.MouseButton.LeftButton)
    assert demo_db.execute("SELECT count(*) FROM persons WHERE id = ?", [person_id]).fetchone()[0] == 0
    assert "删除职工" in answers.messages[-1][1]


def test_import_people_through_the_dialog(qtbot, people, demo_db, answers, tmp_path, monkeypatch):
    from tests.app.test_import import make_xlsx

    unit_name = demo_db.execute("SELECT name FROM units WHERE archived_at IS NULL LIMIT 1").fetchone()[0]
    path = make_xlsx(tmp_path / "职工名单.xlsx", [["窗口导入的职工", "女", unit_name, "质检员"]],
                     header=["姓名", "性别", "工作单位", "岗位"])
    monkeypatch.setattr(ask, "open_file", lambda *a: str(path))
    before = people.model.rowCount()
    qtbot.mouseClick(people.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: people.importer.dialog is not None and people.importer.dialog.isVisible(), timeout=10000)
    dialog = people.importer.dialog
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith("导入职工名单") and not dialog.year_combo.isVisible()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=10000)
    assert dialog.import_button.text() == "导入 1 名职工"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert people.model.rowCount() == before + 1
    assert demo_db.execute("SELECT post FROM persons WHERE name = '窗口导入的职工'").fetchone()[0] == "质检员"
