"""收集汇总 through the window: make the templates, take a filled one back after its preview, replace it, and
add two returns up — on the hand-built county, whose figures the test knows."""

from __future__ import annotations

from datetime import date

import openpyxl

from app import settings
from app.returns.output import export_returns
from tests.app import county
from tests.app.test_templates import _fill
from ui import ask
from ui import collection_page as cp


def test_send_receive_replace_and_see_the_status(qtbot, db, tmp_path, answers, monkeypatch):
    ids = county.build_named(db)
    page = cp.CollectionPage(db, 2025)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    assert page.empty.isVisible() and "先在“发出模板”中生成" in page.empty.text()

    page.kind.setCurrentIndex(list(cp.KINDS).index("年度数据"))
    page.has_deadline.setChecked(True)
    page.deadline.setDate(date(2025, 10, 20))
    folder = tmp_path / "发出"
    folder.mkdir()
    page.make(str(folder))
    qtbot.waitUntil(lambda: any(m[0] == "info" and m[1] == "已生成" for m in answers.messages), timeout=15000)
    assert len(list(folder.glob("*.xlsx"))) == 3
    assert page.table.rowCount() == 3 and page.table.item(0, 6).text() == "未接收"

    path = folder / "2025年度年度数据填报表-青山镇.xlsx"
    _fill(path, {"甲公司": {"技术革新": 7}, "乙公司": {"技术攻关": "两项"}})
    page.receive([str(folder)])
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=15000)
    dialog = page.dialog
    assert dialog.changes.rowCount() == 1 and dialog.changes.item(0, 2).text() == "甲公司"
    assert (dialog.changes.item(0, 4).text(), dialog.changes.item(0, 5).text()) == ("（空）", "7")
    assert dialog.refused.rowCount() == 1 and "两项" in dialog.refused.item(0, 2).text()
    def take(dialog) -> list[str]:
        answers.messages.clear()
        page.take(dialog)
        qtbot.waitUntil(lambda: any(m[1] == "接收结果" for m in answers.messages), timeout=15000)
        return page.taken

    said = {line.split("：", 1)[0]: line.split("：", 1)[1] for line in take(dialog)}
    assert said[path.name] == "已接收，写入 1 行，1 处错误没有导入"
    assert said["2025年度年度数据填报表-城关街道.xlsx"] == "已接收，写入 0 行"  # sent back as it went: received
    assert db.execute("SELECT innovations FROM annual_figures WHERE unit_id = ? AND year = 2025",
                      [ids["甲"]]).fetchone()[0] == 7
    states = {page.table.item(r, 0).text(): page.table.item(r, 6).text() for r in range(page.table.rowCount())}
    assert states["青山镇"] == "有错误（1 行）" and states["城关街道"].startswith("已接收")
    page.grab().save(str(tmp_path / "collection.png"))

    asked = []
    monkeypatch.setattr(ask, "choose", lambda parent, title, text, options: asked.append(text) or 0)
    page.dialog = None
    page.receive([str(path)])
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=15000)
    again = take(page.dialog)
    assert len(asked) == 1 and "已接收过「青山镇」的年度数据" in asked[0] and f"用「{path.name}」替换吗" in asked[0]
    assert again == [f"{path.name}：已接收，写入 0 行，1 处错误没有导入"]  # 甲's 7 is stored already
    assert db.execute("SELECT count(*) FROM template_receipts WHERE area_id = ?", [ids["青山镇"]]).fetchone()[0] == 2


def test_consolidate_two_returns_from_the_window(qtbot, db, tmp_path, answers):
    county.build(db)
    files = []
    for name in ("甲县总工会", "乙县总工会"):
        settings.save_union_info(db, settings.UnionInfo(union_name=name, county=name[:2], filler="李四"))
        files.append(export_returns(db, ["表一"], 2025, tmp_path / f"{name}.xlsx", force=True).path)
    page = cp.CollectionPage(db, 2025)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(2)
    page.add_sources([str(f) for f in files])
    out = page.consolidate(str(tmp_path / "汇总.xlsx"))
    assert out is not None and answers.messages[-1][1] == "已汇总"
    ws = openpyxl.load_workbook(out).active
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "甲县总工会" in labels and "乙县总工会" in labels and "\u3000青山镇" in labels
    total = labels.index("合计") + 1
    assert ws.cell(total, 2).value == 2 * 11  # 单位数: the hand county's eleven 2025 units, twice
    page.add_sources([str(files[0])])  # the same file is listed once
    assert page.sources.count() == 2
    page.add_sources([str(tmp_path / "不存在.xlsx")])
    assert page.consolidate(str(tmp_path / "再汇总.xlsx")) is None
    assert answers.messages[-1][0] == "error" and "不存在" in answers.messages[-1][2]
