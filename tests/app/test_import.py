"""Importing unit lists from files the tests build as clerks receive them."""

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from openpyxl import Workbook, load_workbook

from app import areas, units
from app.errors import LedgerError
from app.importing.reader import read_sheet
from app.importing.refused import write_refused
from app.importing.units import ImportOptions, apply_units, detect_mapping, plan_units
from app.validators import credit_check_char
from tests.app.test_cli import run

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HEADER = ["序号", "企业名称", "统一社会信用代码", "所属乡镇", "企业类型", "职工人数（人）", "女职工", "会员人数",
          "是否建会", "建会时间", "联系电话"]


def make_code(body17: str) -> str:
    return body17 + credit_check_char(body17)


def make_xlsx(path, rows, header=HEADER, title="2025年青山镇企业名单"):
    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(["填报单位：青山镇工会"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def plan(db, path, year=2025, **options):
    sheet = read_sheet(path)
    return plan_units(db, sheet, detect_mapping(sheet), ImportOptions(year, **options))


def snapshot(db):
    return (db.execute("SELECT * FROM units ORDER BY id").fetchall(),
            db.execute("SELECT * FROM unit_years ORDER BY unit_id, year").fetchall())


@pytest.fixture
def area(demo_db):
    return areas.list_areas(demo_db)[0]


def test_messy_cells_are_normalised_and_new_units_added(demo_db, area, tmp_path):
    code = make_code("91371329MA0000001")
    path = make_xlsx(tmp_path / "名单.xlsx", [
        [1, " 青山  新材料\n有限公司 ", code.lower(), area.name, "私营企业", "１２０", "30", 100, "√", "2024.3.5",
         "０５３９-１２３４５６７"],
        [2, "青山第二食品厂", None, area.name, "170", 8, None, None, "无", None, None],
        [3, "青山第三厂", None, area.name, "私营企业", 50, 10, 40, "是", 45000, None],
        [None] * len(HEADER),
        ["合计", None, None, None, None, 178],
        ["填表人：张三"],
    ])
    p = plan(demo_db, path)
    assert p.mapping.header_row == 2 and p.skipped == 3
    assert [r.status for r in p.rows] == ["new", "new", "new"], [r.message for r in p.rows]
    assert apply_units(demo_db, p) == 3
    unit_id = demo_db.execute("SELECT id FROM units WHERE credit_code = ?", [code]).fetchone()[0]
    unit = units.get(demo_db, unit_id)
    assert unit.data.name == "青山 新材料 有限公司" and unit.data.area_id == area.id
    assert unit.data.category_code == "170" and unit.data.phone == "0539-1234567"
    figures = unit.years[2025]
    assert (figures.employees, figures.female_employees, figures.members) == (120, 30, 100)
    assert figures.union_founded and figures.founded_on == "2024-03-05"
    third = demo_db.execute("SELECT y.founded_on FROM units u JOIN unit_years y ON y.unit_id = u.id "
                            "WHERE u.name = '青山第三厂'").fetchone()[0]
    assert third == (date(1899, 12, 30) + timedelta(days=45000)).isoformat()  # Excel's serial day 45000


def test_existing_units_are_matched_by_code_then_name_and_only_given_columns_change(demo_db, tmp_path):
    by_code, by_name = demo_db.execute(
        "SELECT id FROM units WHERE credit_code IS NOT NULL AND archived_at IS NULL LIMIT 2").fetchall()
    a, b = units.get(demo_db, by_code[0]), units.get(demo_db, by_name[0])
    header = ["单位名称", "统一社会信用代码", "职工人数"]
    old_b = b.years[2025].employees or 0
    path = make_xlsx(tmp_path / "更新.xlsx", [
        ["随便写的名称也按代码匹配", a.data.credit_code, a.years[2025].employees],
        [b.data.name, None, old_b + 7],
    ], header=header)
    p = plan(demo_db, path)
    assert [(r.status, r.record_id) for r in p.rows] == [("updated", a.id), ("updated", b.id)]
    before = demo_db.execute("SELECT count(*) FROM units").fetchone()[0]
    apply_units(demo_db, p)
    assert demo_db.execute("SELECT count(*) FROM units").fetchone()[0] == before  # no duplicates added
    after_b = units.get(demo_db, b.id)
    assert after_b.years[2025].employees == old_b + 7
    assert after_b.data.phone == b.data.phone and after_b.data.area_id == b.data.area_id  # untouched columns stay
    assert units.get(demo_db, a.id).data.name == "随便写的名称也按代码匹配"
    again = plan(demo_db, path)
    assert [r.status for r in again.rows] == ["unchanged", "unchanged"]


def test_every_bad_row_is_refused_with_row_column_and_reason(demo_db, area, tmp_path):
    archived = demo_db.execute("SELECT id, name FROM units WHERE archived_at IS NULL LIMIT 1").fetchone()
    units.archive(demo_db, [archived[0]])
    good = make_code("91371329MA0000002")
    right = make_code("91371329MA0000003")
    wrong_check = right[:-1] + ("0" if right[-1] != "0" else "1")
    path = make_xlsx(tmp_path / "坏.xlsx", [
        [1, "甲公司", good, area.name, "私营企业", 10, 2, 5, "是", None, None],
        [2, "甲公司（重复）", good, area.name, "私营企业", 10, 2, 5, "是", None, None],
        [3, "乙公司", wrong_check, area.name, "私营企业", 10, None, None, "否", None, None],
        [4, "丙公司", None, "火星镇", "私营企业", 10, None, None, "否", None, None],
        [5, "丁公司", None, area.name, "私营企业", "十个", None, None, "否", None, None],
        [6, "戊公司", None, area.name, "私营企业", 10, 20, None, "否", None, None],
        [7, archived[1], None, area.name, "私营企业", 10, None, None, "否", None, None],
        [8, "己公司", None, area.name, "外星企业", 10, None, None, "也许", "2024-13-01", None],
    ])
    before = snapshot(demo_db)
    p = plan(demo_db, path)
    refused = {r.row: r.message for r in p.refused}
    assert [r.status for r in p.rows][0] == "new" and len(refused) == 7
    assert "与第 4 行是同一家单位" in refused[5]
    assert refused[6].startswith("第 6 行「乙公司」：统一社会信用代码：")
    assert "所属区域：「火星镇」不在区域列表中" in refused[7]
    assert "职工人数：「十个」不是整数" in refused[8]
    assert "女职工人数" in refused[9]
    assert "已归档" in refused[10]
    assert "单位类别：「外星企业」" in refused[11] and "已建会：「也许」" in refused[11] and "建会日期" in refused[11]
    assert snapshot(demo_db) == before  # planning writes nothing

    out = write_refused(tmp_path / "退回.xlsx", p)
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][-1] == "错误原因" and ws.max_row == 8
    assert ws.cell(2, 1).value == 5 and "同一家单位" in ws.cell(2, ws.max_column).value
    assert ws.cell(3, 3).value == "乙公司"


def test_the_write_is_one_transaction(demo_db, area, tmp_path):
    rows = [[n, f"批量公司{n}", None, area.name, "私营企业", 10, None, None, "否", None, None] for n in range(600)]
    p = plan(demo_db, make_xlsx(tmp_path / "多.xlsx", rows))
    assert p.count("new") == 600
    before = snapshot(demo_db)

    class Stop(Exception):
        pass

    def progress(done, total):
        if done >= 400:
            raise Stop

    with pytest.raises(Stop):
        apply_units(demo_db, p, progress)
    assert snapshot(demo_db) == before


def test_csv_in_gbk_and_utf8_with_other_delimiters(demo_db, area, tmp_path):
    text = f"单位名称,所属区域,单位类别,职工人数\n国标编码公司,{area.name},私营企业,12\n"
    (tmp_path / "gbk.csv").write_bytes(text.encode("gbk"))
    (tmp_path / "utf8.csv").write_bytes(("\ufeff" + text.replace(",", "\t").replace("国标", "统一")).encode("utf-8"))
    gbk = read_sheet(tmp_path / "gbk.csv")
    assert gbk.encoding == "GBK/GB18030" and gbk.rows[1][0] == "国标编码公司"
    p = plan(demo_db, tmp_path / "gbk.csv")
    assert [r.status for r in p.rows] == ["new"] and p.rows[0].figures.employees == 12
    utf8 = read_sheet(tmp_path / "utf8.csv")
    assert utf8.encoding == "UTF-8" and utf8.rows[1][0] == "统一编码公司"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_legacy_xls(demo_db, area, tmp_path):
    source = make_xlsx(tmp_path / "旧格式.xlsx", [
        [1, "老格式公司", None, area.name, "私营企业", 33, 3, None, "否", "2020年5月1日", None]])
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xls",
                    "--outdir", str(tmp_path / "xls"), str(source)], check=True, capture_output=True, timeout=120)
    xls = tmp_path / "xls" / "旧格式.xls"
    assert xls.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE2 compound file: the real .xls format
    p = plan(demo_db, xls)
    assert [r.status for r in p.rows] == ["new"] and p.rows[0].figures.employees == 33
    assert p.rows[0].figures.founded_on == "2020-05-01"


@pytest.mark.parametrize("name, content, words", [
    ("坏.xlsx", b"PK\x03\x04 this is not really a zip", "无法读取"),
    ("空.xlsx", b"", "是空的"),
    ("文档.docx", b"PK\x03\x04", "不支持的文件类型"),
    ("二进制.csv", b"\x00\x01\x02binary", "不是文本格式"),
])
def test_files_that_cannot_be_read_are_refused_in_words(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LedgerError, match=words):
        read_sheet(path)


def test_a_sheet_without_a_header_is_refused(demo_db, tmp_path):
    path = make_xlsx(tmp_path / "无表头.xlsx", [["甲", 1], ["乙", 2]], header=["A", "B"])
    with pytest.raises(LedgerError, match="没有找到表头"):
        detect_mapping(read_sheet(path))


def test_command_line_import(demo_db, area, tmp_path):
    from app.db import db_path

    db = str(db_path(demo_db))
    path = make_xlsx(tmp_path / "命令行.xlsx", [
        [1, "命令行公司", None, area.name, "私营企业", 10, None, None, "否", None, None],
        [2, "错误公司", None, area.name, "私营企业", -5, None, None, "否", None, None],
    ])
    before = snapshot(demo_db)
    strict = run("import", "units", str(path), "--db", db, "--year", "2025")
    assert strict.returncode == 1 and "第 5 行「错误公司」：职工人数：不能为负数" in strict.stdout
    assert "没有写入任何数据" in strict.stderr and snapshot(demo_db) == before
    dry = run("import", "units", str(path), "--db", db, "--year", "2025", "--skip-invalid", "--dry-run")
    assert dry.returncode == 0 and snapshot(demo_db) == before
    refused = tmp_path / "退回.xlsx"
    done = run("import", "units", str(path), "--db", db, "--year", "2025", "--skip-invalid", "--refused",
               str(refused))
    assert done.returncode == 0, done.stderr
    assert demo_db.execute("SELECT count(*) FROM units WHERE name = '命令行公司'").fetchone()[0] == 1
    assert load_workbook(refused).active.cell(2, 3).value == "错误公司"
