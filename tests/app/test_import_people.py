"""Importing person lists: matched by ID number or by name within a unit; every bad row refused with its reason."""

from app import persons, units
from app.importing.kinds import KINDS
from app.importing.plan import ImportOptions
from app.validators import id_check_char
from tests.app.test_cli import run
from tests.app.test_import import make_xlsx, snapshot

PEOPLE = KINDS["people"]
HEADER = ["序号", "姓名", "性别", "身份证号码", "工作单位", "工种", "技能等级", "文化程度", "手机号码"]


def number(body: str) -> str:
    return body + id_check_char(body)


def plan(db, path):
    sheet, mapping = PEOPLE.open(path)
    return PEOPLE.plan(db, sheet, mapping, ImportOptions(2025))


def a_unit(db):
    unit_id = db.execute("SELECT id FROM units WHERE archived_at IS NULL ORDER BY id LIMIT 1").fetchone()[0]
    return unit_id, units.get(db, unit_id).data.name


def test_new_people_are_added_and_known_ones_updated(demo_db, tmp_path):
    unit_id, unit_name = a_unit(demo_db)
    known_id, known_name, known_number, known_unit = demo_db.execute(
        "SELECT p.id, p.name, p.id_number, u.name FROM persons p JOIN units u ON u.id = p.unit_id "
        "WHERE p.id_number IS NOT NULL LIMIT 1").fetchone()
    new_number = number("37132919900101002")  # 17th digit 2: a woman
    path = make_xlsx(tmp_path / "职工.xlsx", [
        [1, "孙 小 美", "女性", f" {new_number.lower()} ", unit_name, "焊工", "高级工", "大学专科",
         "１３８００００００００"],
        [2, known_name, None, known_number, known_unit, "数控车工", None, None, None],
        [3, "没有身份证的人", "男", None, unit_name, None, None, None, None],
    ], header=HEADER, title="2025年职工名单")
    p = plan(demo_db, path)
    assert [(r.status, r.record_id) for r in p.rows] == [("new", None), ("updated", known_id), ("new", None)], \
        [r.message for r in p.rows]
    written = PEOPLE.apply(demo_db, p)
    assert written == 3
    row = demo_db.execute("SELECT name, sex, birth_date, unit_id, skill_level, phone FROM persons "
                          "WHERE id_number = ?", [new_number]).fetchone()
    assert row == ("孙小美", "女", "1990-01-01", unit_id, "高级工", "13800000000")
    assert persons.get_person(demo_db, known_id).post == "数控车工"
    again = plan(demo_db, path)
    assert [r.status for r in again.rows] == ["unchanged", "unchanged", "unchanged"]


def test_bad_rows_are_refused_with_the_reason(demo_db, tmp_path):
    unit_id, unit_name = a_unit(demo_db)
    archived_id = demo_db.execute("SELECT id FROM units WHERE archived_at IS NULL ORDER BY id DESC LIMIT 1"
                                  ).fetchone()[0]
    units.archive(demo_db, [archived_id])
    archived_name = units.get(demo_db, archived_id).data.name
    good = number("37132919850505001")  # a man
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    path = make_xlsx(tmp_path / "坏.xlsx", [
        [1, "甲", "男", good, unit_name, None, None, None, None],
        [2, "甲的重复", "男", good, unit_name, None, None, None, None],
        [3, "乙", None, wrong_check, unit_name, None, None, None, None],
        [4, "丙", None, None, "不存在的单位有限公司", None, None, None, None],
        [5, "丁", None, None, archived_name, None, None, None, None],
        [6, "戊", "女", number("37132919850505003"), unit_name, None, None, None, None],
        [7, "己", "男", None, unit_name, None, "高级", "博士后", None],
    ], header=HEADER)
    before = snapshot(demo_db)
    refused = {r.row: r.message for r in plan(demo_db, path).refused}
    assert "与第 4 行是同一个人" in refused[5]
    assert "身份证号：校验位错误" in refused[6]
    assert "不在单位台账中" in refused[7]
    assert "已归档" in refused[8]
    assert "性别：与身份证号不符" in refused[9]
    assert "职业技能等级：「高级」" in refused[10] and "学历：「博士后」" in refused[10]
    assert 4 not in refused and snapshot(demo_db) == before


def test_gbk_csv_and_the_command_line(demo_db, tmp_path):
    from app.db import db_path

    _, unit_name = a_unit(demo_db)
    text = f"姓名,性别,工作单位,岗位\n钱多多,男,{unit_name},电工\n钱少少,未知,{unit_name},电工\n"
    path = tmp_path / "职工名单.csv"
    path.write_bytes(text.encode("gbk"))
    db = str(db_path(demo_db))
    strict = run("import", "people", str(path), "--db", db)
    assert strict.returncode == 1 and "第 3 行「钱少少」：性别：「未知」应为 男 或 女" in strict.stdout
    assert demo_db.execute("SELECT count(*) FROM persons WHERE name LIKE '钱%'").fetchone()[0] == 0
    done = run("import", "people", str(path), "--db", db, "--skip-invalid")
    assert done.returncode == 0, done.stderr
    assert demo_db.execute("SELECT post FROM persons WHERE name = '钱多多'").fetchone()[0] == "电工"
