"""Every form refuses to save over a change made elsewhere since it was opened (another window's, a command's)
— "这条记录已被别处修改" — and keeps that change; a form shows its record's 操作记录."""

from __future__ import annotations

from app.db import db_path, open_database
from app.records import STALE


def _elsewhere(db, sql: str, params: list) -> None:
    """A second connection to the same file, as another process would write."""
    other = open_database(db_path(db))
    with other.atomic():
        other.execute(sql, params)
    other.close()


def test_register_forms_refuse_a_stale_copy(qtbot, demo_db, answers):
    from ui.innovations_page import InnovationsPage
    from ui.studios_page import StudiosPage

    page = InnovationsPage(demo_db, 2025)
    qtbot.addWidget(page)
    iid = demo_db.execute("SELECT id FROM innovations WHERE year = 2025 ORDER BY id LIMIT 1").fetchone()[0]
    dialog = page.dialog_for(iid)
    qtbot.addWidget(dialog)
    _elsewhere(demo_db, "UPDATE innovations SET title = '别处改的名称' WHERE id = ?", [iid])
    note_before = demo_db.execute("SELECT note FROM innovations WHERE id = ?", [iid]).fetchone()[0]
    dialog.widget("note").setPlainText("这边填的备注")
    dialog.save()
    assert answers.messages[-1][:2] == ("error", "没有保存") and answers.messages[-1][2] == STALE
    assert tuple(demo_db.execute("SELECT title, note FROM innovations WHERE id = ?", [iid]).fetchone()) == (
        "别处改的名称", note_before)  # the change made elsewhere stands; nothing of this form was written
    fresh = page.dialog_for(iid)  # opened again: saves
    qtbot.addWidget(fresh)
    fresh.widget("note").setPlainText("重新打开后填的")
    fresh.save()
    assert demo_db.execute("SELECT note FROM innovations WHERE id = ?", [iid]).fetchone()[0] == "重新打开后填的"
    assert fresh.result() == fresh.DialogCode.Accepted
    shown = page.dialog_for(iid)  # its history: the other connection's change (recorded too), then this note
    qtbot.addWidget(shown)
    assert shown.history_label.text() == "修改记录（2）"
    assert "重新打开后填的" in shown.history_list.item(0, 5).text()
    assert "别处改的名称" in shown.history_list.item(1, 5).text()

    studios = StudiosPage(demo_db, 2025)
    qtbot.addWidget(studios)
    sid = demo_db.execute("SELECT id FROM studios ORDER BY id LIMIT 1").fetchone()[0]
    form = studios.dialog_for(sid)
    qtbot.addWidget(form)
    _elsewhere(demo_db, "UPDATE studios SET members = 99 WHERE id = ?", [sid])
    form.save()
    assert answers.messages[-1][2] == STALE
    assert demo_db.execute("SELECT members FROM studios WHERE id = ?", [sid]).fetchone()[0] == 99


def test_the_person_form_refuses_a_stale_copy_and_shows_its_history(qtbot, demo_db, answers):
    from app import persons
    from ui.person_dialog import PersonDialog

    pid = demo_db.execute("SELECT id FROM persons ORDER BY id LIMIT 1").fetchone()[0]
    p = persons.get_person(demo_db, pid)
    persons.save_person(demo_db, persons.PersonInput(**{**vars(p), "phone": "13800000001"}), pid)
    dialog = PersonDialog(demo_db, pid)
    qtbot.addWidget(dialog)
    assert dialog.history_list.rowCount() == 1 and "13800000001" in dialog.history_list.item(0, 5).text()
    _elsewhere(demo_db, "UPDATE persons SET post = '别处改的岗位' WHERE id = ?", [pid])
    dialog.phone_edit.setText("13900000002")
    dialog.save()
    assert answers.messages[-1][2] == STALE
    row = demo_db.execute("SELECT post, phone FROM persons WHERE id = ?", [pid]).fetchone()
    assert tuple(row) == ("别处改的岗位", "13800000001")


def test_the_competition_plan_refuses_a_stale_copy_but_not_its_own_earlier_save(qtbot, demo_db, answers):
    from ui.competition_plan import PlanTab

    cid = demo_db.execute("SELECT id FROM competitions WHERE year = 2025 ORDER BY id LIMIT 1").fetchone()[0]
    form = PlanTab(demo_db)
    qtbot.addWidget(form)
    form.load(cid, 2025)
    form.plan_edits["content"].setPlainText("第一次保存的内容")
    assert form.save() == cid
    form.plan_edits["content"].setPlainText("第二次保存的内容")  # its own save moved the record: still its own copy
    assert form.save() == cid
    _elsewhere(demo_db, "UPDATE competitions SET organizer = '别处改的主办单位' WHERE id = ?", [cid])
    form.plan_edits["content"].setPlainText("第三次")
    assert form.save() is None and answers.messages[-1][2] == STALE
    row = demo_db.execute("SELECT content, organizer FROM competitions WHERE id = ?", [cid]).fetchone()
    assert tuple(row) == ("第二次保存的内容", "别处改的主办单位")
