"""The ledger return, read back by openpyxl and, where installed, by LibreOffice."""

import csv
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from app import areas, settings
from app.returns.ledger import export_ledger
from app.returns.writer import ReturnColumn, ReturnTable, write_return
from app.unit_search import UnitFilter, list_rows

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def ledger_file(demo_db, tmp_path):
    path = tmp_path / "导出 台账.xlsx"
    result = export_ledger(demo_db, 2025, path)
    return path, result


def test_layout_conventions(ledger_file, demo_db):
    path, result = ledger_file
    ws = load_workbook(path).active
    info = settings.union_info(demo_db)
    assert ws.title == "2025年度单位台账"
    assert ws.cell(1, ws.max_column).value == "表六"
    assert ws["A2"].value == f"{info.county}2025年度单位台账"
    assert any(str(r).startswith("A2:") for r in ws.merged_cells.ranges)
    assert ws["A3"].value == f"填报单位（盖章）：{info.union_name}"
    line3 = [c.value for c in ws[3] if c.value]
    assert any(v.startswith("填报日期：") for v in line3) and any(v.startswith("计量单位：") for v in line3)
    assert [c.value for c in ws[4]][:3] == ["序号", "单位名称", "统一社会信用代码"]
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    # 8 is A3 in OOXML: the ledger is too wide for A4 at 8 pt (see the printing test below)
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 8
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    footer = [c.value for c in ws[5 + result.units + 2] if c.value]
    assert footer == [f"单位负责人：{info.principal}", f"填表人：{info.filler}", f"联系电话：{info.phone}"]


def test_values_types_and_totals_match_the_database(ledger_file, demo_db):
    path, result = ledger_file
    ws = load_workbook(path).active
    rows = list_rows(demo_db, 2025)
    assert result.units == len(rows)
    headers = [c.value for c in ws[4]]
    col = {h: i for i, h in enumerate(headers)}
    data = [[c.value for c in r] for r in ws.iter_rows(min_row=5, max_row=4 + len(rows))]
    assert [d[col["单位名称"]] for d in data] == [r["name"] for r in rows]
    first = data[0]
    assert isinstance(first[col["职工人数"]], int)
    coded = next(d for d in data if d[col["统一社会信用代码"]])
    assert isinstance(coded[col["统一社会信用代码"]], str)
    assert ws.cell(5, col["统一社会信用代码"] + 1).number_format == "@"
    total = [c.value for c in ws[5 + len(rows)]]
    assert total[0] == "合计"
    db_sum = demo_db.execute(
        "SELECT sum(y.employees), sum(y.members), sum(y.above_scale), sum(y.union_founded) FROM units u "
        "JOIN unit_years y ON y.unit_id = u.id AND y.year = 2025 WHERE u.archived_at IS NULL").fetchone()
    assert (total[col["职工人数"]], total[col["会员人数"]]) == (db_sum[0], db_sum[1])
    assert (total[col["规模以上"]], total[col["已建会"]]) == (db_sum[2], db_sum[3])


def test_filters_are_honoured(demo_db, tmp_path):
    area = areas.list_areas(demo_db)[3]
    flt = UnitFilter(area_id=area.id, above_scale=True)
    result = export_ledger(demo_db, 2025, tmp_path / "a.xlsx", flt)
    ws = load_workbook(tmp_path / "a.xlsx").active
    names = [ws.cell(r, 2).value for r in range(5, 5 + result.units)]
    assert names == [r["name"] for r in list_rows(demo_db, 2025, flt)]
    assert {ws.cell(r, 4).value for r in range(5, 5 + result.units)} == {area.name}


def test_two_header_rows_and_atomic_write(tmp_path):
    table = ReturnTable(
        number="表二", title="测试表", filler_unit="某县总工会", unit_of_measure="件", filled_on=date(2026, 10, 20),
        columns=[ReturnColumn("区域", 12), ReturnColumn("提出", 8, "int", "sum", group="合理化建议"),
                 ReturnColumn("实施", 8, "int", "sum", group="合理化建议"), ReturnColumn("备注", 10)],
        rows=[["青山镇", 10, 6, None], ["城关街道", 5, 5, "全部实施"]],
    )
    path = tmp_path / "t.xlsx"
    write_return(path, [table])
    ws = load_workbook(path).active
    assert ws["B4"].value == "合理化建议" and ws["B5"].value == "提出" and ws["C5"].value == "实施"
    assert ws.freeze_panes == "A6" and ws.print_title_rows == "$4:$5"
    assert [c.value for c in ws[8]][:3] == ["合计", 15, 11]
    assert "填报日期：2026年10月20日" in [c.value for c in ws[3]]
    bad = ReturnTable(number="表", title="坏", filler_unit="", unit_of_measure="", columns=table.columns,
                      rows=[["只有一个值"]])
    with pytest.raises(ValueError):
        write_return(path, [bad])
    assert load_workbook(path).active["A2"].value == "测试表"  # the earlier file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]  # no temporary left behind


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_and_reads_the_same_values(ledger_file, demo_db, tmp_path):
    path, result = ledger_file
    out = tmp_path / "lo"
    profile = tmp_path / "profile"
    run = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    produced = out / (path.stem + ".csv")
    rows = list(csv.reader(produced.open(encoding="utf-8")))
    assert rows[1][0] == "示例县2025年度单位台账"
    header = rows[3]
    names = [r[header.index("单位名称")] for r in rows[4:4 + result.units]]
    assert names == [r["name"] for r in list_rows(demo_db, 2025)]
    assert rows[4 + result.units][0] == "合计"


def _printed_digit_height(path, tmp_path, first=1, last=2):
    """LibreOffice prints the .xlsx to PDF; the median height of its number words, and the paper."""
    import re
    import statistics

    out = tmp_path / f"pdf-{path.stem}"
    profile = tmp_path / "profile"
    run = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    pdf = out / (path.stem + ".pdf")
    box = subprocess.run(["pdftotext", "-bbox", "-f", str(first), "-l", str(last), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    heights = [float(b) - float(a) for a, b in
               re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">\d{2,}</word>', box)]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return statistics.median(heights), re.search(r"Page size:\s+(.*)", info).group(1)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_the_wide_ledger_prints_at_8_points_or_more_on_a3(ledger_file, tmp_path):
    """Printed as the .xlsx sets it up (one page wide), the ledger's 10 pt text comes out at 8 pt or more: on
    A3 landscape, measured against a narrow sheet of the same writer that prints at full size on A4."""
    path, _ = ledger_file
    narrow = write_return(tmp_path / "narrow.xlsx", [ReturnTable(
        number="表X", title="参照", columns=[ReturnColumn("序号", 6, "index"), ReturnColumn("人数", 10, "int")],
        rows=[[n, 1000 + n] for n in range(1, 30)], filler_unit="示例县总工会", unit_of_measure="人")])
    full, paper = _printed_digit_height(narrow, tmp_path)
    assert "A4" in paper
    printed, paper = _printed_digit_height(path, tmp_path)
    assert "A3" in paper and 10 * printed / full >= 8.0, (printed, full)
    sheet = load_workbook(path).active
    assert int(sheet.page_setup.paperSize) == 8 and int(sheet.page_setup.fitToWidth) == 1  # A3, one page wide
    industry = {r: sheet.cell(r, 5).value for r in range(6, sheet.max_row) if isinstance(sheet.cell(r, 5).value, str)}
    long = [r for r, v in industry.items() if v == "电力、热力、燃气及水生产和供应业"]   # 16 characters: wraps
    fits = [r for r, v in industry.items() if v == "信息传输、软件和信息技术服务业"]     # 15: one line
    assert long and fits
    assert all(sheet.cell(r, 5).alignment.wrap_text and sheet.row_dimensions[r].height >= 27 for r in long)
    assert not any(sheet.cell(r, 5).alignment.wrap_text for r in fits)
